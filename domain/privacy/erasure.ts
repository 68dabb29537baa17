import type { PrivacyEvent } from '../../events/catalogue/privacy-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { erasureBasisArticles, retentionEndsOn, retentionRuleFor, type ErasureBasis, type RetentionRule } from '../rules/retention.ts';
import { chinaDateOf } from '../time/calendar.ts';
import { isErasureEvent } from './erased-event.ts';
import type { RecordFacts } from './record-facts.ts';

// Whether a record's personal data may be erased now (PIPL Art 47), decided on the record's facts and
// the retention rules; the caller passes the time in. Erasing is one event on the record's own stream;
// destroying the record's data key is the command path's next step (functions/api/commands/erasure.ts).

export type EraseCommand = { type: 'ErasePersonalData'; data: { legalBasis: ErasureBasis; reason: string } };
export type ErasureContext = { now: string; approver: Actor; record: RecordFacts; rules?: readonly RetentionRule[] };
export type ErasureState = { erasedAt: string | null };

const initialState = (): ErasureState => ({ erasedAt: null });

/** Only the erasure event changes this state; the record's own events are its own decider's. */
const evolve = (state: ErasureState, event: { type: string; data: unknown }): ErasureState =>
  isErasureEvent(event) ? { erasedAt: (event as PrivacyEvent).data.erasedAt } : state;

/** Where the record stands against its retention rule on `now`. */
export const retentionOf = (record: RecordFacts, now: string, rules?: readonly RetentionRule[]) => {
  const rule = retentionRuleFor(record.kind, record.tags, rules);
  const endedOn = record.endedAt ? chinaDateOf(record.endedAt) : null;
  const endsOn = endedOn ? retentionEndsOn(rule, endedOn) : null;
  const ended = endsOn !== null && endsOn <= chinaDateOf(now);
  return { rule, endedOn, endsOn, ended };
};

const decide = (command: EraseCommand, state: ErasureState, context: ErasureContext): PrivacyEvent[] => {
  const { record, now, approver } = context;
  if (!record.exists) throw refuse('RECORD_NOT_FOUND', `no ${record.kind} ${record.recordId}`);
  if (state.erasedAt !== null)
    throw refuse('ALREADY_ERASED', `the personal data of ${record.kind} ${record.recordId} was erased at ${state.erasedAt}`);
  const { legalBasis, reason } = command.data;
  const { rule, endedOn, endsOn, ended } = retentionOf(record, now, context.rules);
  if (rule.years === null)
    throw refuse(
      'LAW_REQUIRES_KEEPING',
      `${record.kind} ${record.recordId} is kept permanently under rule ${rule.id} (${rule.source}): only storage and protection remain`,
    );
  if (!ended && !rule.earlyBases.includes(legalBasis))
    throw refuse(
      'RETENTION_NOT_ENDED',
      endedOn === null
        ? `${record.kind} ${record.recordId} has not ended; its retention (${rule.id}, ${rule.years} years) has not begun, and ${legalBasis} does not allow erasing a ${record.kind} early`
        : `the retention of ${record.kind} ${record.recordId} (${rule.id}, ${rule.years} years from ${endedOn}) ends on ${endsOn}; ${legalBasis} does not allow erasing a ${record.kind} early`,
      'legalBasis',
    );
  return [
    {
      type: 'PersonalDataErased',
      data: {
        recordKind: record.kind,
        recordId: record.recordId,
        legalBasis: { code: legalBasis, article: erasureBasisArticles[legalBasis] },
        approver: { id: approver.id, role: approver.role, organisation: approver.organisation },
        reason,
        retention: {
          ruleId: rule.id,
          years: rule.years,
          binding: rule.binding,
          source: rule.source,
          endedOn,
          endsOn: ended ? endsOn : null,
        },
        erasedAt: now,
      },
    },
  ];
};

export const erasureDecider: Decider<EraseCommand, PrivacyEvent, ErasureState, ErasureContext> = {
  decide,
  evolve,
  initialState,
};

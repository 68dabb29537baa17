import { caseDecider } from '../../../domain/case/decider.ts';
import type { CaseState } from '../../../domain/case/state.ts';
import { tryAssessSubsidy } from '../../../domain/funding/assess.ts';
import { evolveFundingCaseFacts, initialFundingCaseFacts, type FundingCaseFacts } from '../../../domain/funding/case-facts.ts';
import type { SubsidyRateTable } from '../../../domain/funding/rate-table.ts';
import { subsidyRateTables } from '../../../domain/funding/rate-tables.ts';
import { caseStream, subsidyStream } from '../../../domain/streams.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { SubsidyEvent } from '../../../events/catalogue/funding-events.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import type { EventEnvelope } from '../../../events/envelope.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { assertCaseInScope } from '../../lib/auth/case-scope.ts';
import { withRegisteredFirm } from '../../lib/auth/registered-firm.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { RouteHandler } from '../../lib/http/http-handler.ts';
import { caseIdOf } from '../../lib/http/path-id.ts';
import { json } from '../../lib/http/response.ts';

// `GET /cases/{id}/funding`: a case's subsidy as it stands, folded from the event store (the case
// stream and its subsidy stream), as the approval folds them before deciding: the rate table the
// assessment is made under, its base and adjustments with the rule of each, the approval and the
// payment with who made them and when, and what is still outstanding. Read from the store rather than
// the funding read model so a payment just made reads back at once and every approval shows its actor.

/** The rate table as the answer cites it: which, from where, in force from when until when. */
const tableCitation = (id: string, tables: readonly SubsidyRateTable[]) => {
  const table = tables.find((t) => t.id === id);
  if (!table) return { id, source: null, province: null, effectiveFrom: null, effectiveUntil: null, verified: false };
  // In force until the next table of the same province (or of the national default) began.
  const next = tables
    .filter((t) => t.province === table.province && t.effectiveFrom > table.effectiveFrom)
    .reduce<string | null>((soonest, t) => (soonest === null || t.effectiveFrom < soonest ? t.effectiveFrom : soonest), null);
  return {
    id: table.id,
    source: table.source,
    province: table.province,
    effectiveFrom: table.effectiveFrom,
    effectiveUntil: next,
    verified: table.verified,
  };
};

const who = (e: EventEnvelope) => ({ id: e.actor.id, role: e.actor.role, organisation: e.actor.organisation });

/** The funding view of one case, from its two streams' events. */
export const caseFundingView = (
  caseEnvelopes: readonly EventEnvelope[],
  subsidyEnvelopes: readonly EventEnvelope[],
  tables = subsidyRateTables,
) => {
  let facts: FundingCaseFacts = initialFundingCaseFacts();
  for (const e of caseEnvelopes) facts = evolveFundingCaseFacts(facts, readEventData(catalogue, e) as CaseEvent);
  const closed = facts.closedAt !== null && facts.terminatedAt === null;
  const { assessment, refusal } = closed
    ? tryAssessSubsidy(facts, tables)
    : { assessment: null, refusal: { code: 'SUBSIDY_CASE_NOT_CLOSED', reason: 'a subsidy is assessed once the case is closed' } };
  const approvals = [];
  const payments = [];
  for (const e of subsidyEnvelopes) {
    const event = readEventData(catalogue, e) as SubsidyEvent;
    const recorded = { recordedBy: who(e), recordedAt: e.recordedAt, version: e.version };
    if (event.type === 'SubsidyApproved') {
      const d = event.data;
      approvals.push({
        approvedAt: d.approvedAt,
        ...recorded,
        fund: d.fund,
        workerId: d.workerId,
        // What the approval rested on, as it was recorded: a later file review does not rewrite it.
        rateTable: tableCitation(d.rateTableId, tables),
        relevantDate: d.relevantDate,
        baseFen: d.baseFen,
        adjustmentPercent: d.adjustmentPercent,
        assessedFen: d.assessedFen,
        approvedFen: d.approvedFen,
        note: d.note,
      });
    } else {
      const d = event.data;
      payments.push({ paidAt: d.paidAt, ...recorded, fund: d.fund, amountFen: d.amountFen, reference: d.reference });
    }
  }
  const approval = approvals.at(-1);
  const adjustments = assessment
    ? [
        {
          kind: 'quality-grade' as const,
          grade: assessment.grade ?? 'ungraded',
          percent: assessment.adjustmentPercent,
          amountFen: assessment.adjustmentFen,
          rule: `${assessment.rateTableId}: qualityAdjustmentPercent.${assessment.grade ?? 'ungraded'}`,
        },
        ...(approval && approval.approvedFen < approval.assessedFen
          ? [
              {
                kind: 'approval-reduction' as const,
                grade: null,
                percent: null,
                amountFen: approval.approvedFen - approval.assessedFen,
                rule: 'approved below the assessment, with the reason recorded (note)',
              },
            ]
          : []),
      ]
    : [];
  const dueFen = approval ? approval.approvedFen : (assessment?.assessedFen ?? 0);
  const paidFen = payments.reduce((sum, p) => sum + p.amountFen, 0);
  return {
    caseId: facts.caseId,
    agencyId: facts.agencyId,
    workerId: facts.closedByWorkerId ?? facts.workerId,
    closedAt: facts.closedAt,
    status: payments.length > 0 ? 'paid' : approval ? 'approved' : assessment ? 'assessed' : 'not-assessable',
    assessment: assessment
      ? {
          rateTable: tableCitation(assessment.rateTableId, tables),
          relevantDate: assessment.relevantDate,
          rate: assessment.rate,
          baseFen: assessment.baseFen,
          adjustments,
          assessedFen: assessment.assessedFen,
        }
      : null,
    notAssessable: refusal,
    approvals,
    payments,
    approvedFen: approval?.approvedFen ?? 0,
    paidFen,
    outstandingFen: Math.max(0, dueFen - paidFen),
  };
};

export const caseFunding = ({ events }: { events: EventsTableRef }): RouteHandler<Admitted> => {
  const store = createEventStore(events);
  return async (event, _context, principal) => {
    const caseId = caseIdOf(event);
    const [caseEnvelopes, subsidyEnvelopes, caller] = await Promise.all([
      store.readStream(caseStream(caseId)),
      store.readStream(subsidyStream(caseId)),
      withRegisteredFirm(store, principal),
    ]);
    const last = caseEnvelopes.at(-1);
    if (!last) throw new HttpError(404, 'CASE_NOT_FOUND', `no case ${caseId}`);
    // The case's own scope, judged as GET /cases/{id} judges it.
    let state: CaseState = caseDecider.initialState();
    for (const e of caseEnvelopes) state = caseDecider.evolve(state, readEventData(catalogue, e) as CaseEvent);
    assertCaseInScope(caller, state);
    const view = caseFundingView(caseEnvelopes, subsidyEnvelopes);
    const newest = [last, ...subsidyEnvelopes].reduce((a, b) => (a.recordedAt >= b.recordedAt ? a : b));
    return json(200, {
      ...view,
      caseVersion: last.version,
      subsidyVersion: subsidyEnvelopes.at(-1)?.version ?? 0,
      updatedAt: newest.recordedAt,
    });
  };
};

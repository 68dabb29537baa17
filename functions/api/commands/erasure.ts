import type { ErasureBasis, RecordKind } from '../../../domain/rules/retention.ts';
import { erasureDecider } from '../../../domain/privacy/erasure.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { assertBureauOverAgency } from '../../lib/auth/bureau-powers.ts';
import { createPlanRunner, folderOf, type CommandOutcome } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { KeyStore } from '../../lib/privacy/key-store.ts';
import { erasureOf, recordFactsOf, streamOfRecord } from '../../lib/privacy/record-facts-of.ts';
import { subjectKeyOf } from '../../lib/privacy/sealer.ts';
import { answer } from './answer.ts';
import type { CommandRequest, TargetHandler } from './command-request.ts';

// Erasure (PIPL Art 47): first the event on the record's own stream (who approved, on what basis,
// under which retention rule), then the record's data key is destroyed. In that order: once the
// event is stored the record takes no command (command-runner.ts), so nothing new is sealed under a
// key about to go; and a key destroyed without its event would leave erasure without its record.
// If the destroy fails the answer is 503 ERASURE_INCOMPLETE; a retry (same Idempotency-Key, or a new
// request) finds the event and completes the destroy, which is idempotent (key-store.ts).

const erasureFolder = folderOf(erasureDecider, catalogue);

export const erasureCommand = (store: EventStore, keys: KeyStore | undefined): TargetHandler => {
  const plans = createPlanRunner({ store, catalogue });

  const destroyKey = async (stream: string, outcome: Pick<CommandOutcome, 'events'>, reason: string) => {
    if (!keys)
      throw new HttpError(503, 'ERASURE_INCOMPLETE', 'no key store is configured: the erasure is recorded, its key is not destroyed');
    const eventId = outcome.events[0]?.eventId ?? '';
    try {
      await keys.destroy(subjectKeyOf(stream), { eventId, reason });
    } catch {
      throw new HttpError(
        503,
        'ERASURE_INCOMPLETE',
        `the erasure of ${stream} is recorded (event ${eventId}) but its data key could not be destroyed yet: retry the request to complete it`,
        { details: { eventId } },
      );
    }
  };

  return async (r: CommandRequest) => {
    const { recordKind, recordId, legalBasis, reason } = r.body as {
      recordKind: RecordKind;
      recordId: string;
      legalBasis: ErasureBasis;
      reason: string;
    };
    const stream = streamOfRecord(recordKind, recordId);
    const extra = { recordKind, recordId, keyDestroyed: true };
    const envelopes = await store.readStream(stream);
    const facts = recordFactsOf(recordKind, recordId, envelopes);
    if (!facts.exists || !facts.agencyId)
      throw new HttpError(404, 'RECORD_NOT_FOUND', `no ${recordKind} ${recordId}`, { field: 'recordId' });
    assertBureauOverAgency(r.principal, facts.agencyId, 'approves erasing its records (PIPL Art 47)');

    // An erasure recorded earlier whose key was not destroyed (a 503 before): complete it.
    const earlier = erasureOf(envelopes);
    if (earlier && keys && (await keys.tombstoneOf(subjectKeyOf(stream))) === null) {
      const outcome = { stream, version: earlier.version, events: [earlier], replayed: true };
      await destroyKey(stream, outcome, reason);
      return answer(200, recordId, outcome, extra);
    }

    const outcome = await plans.execute({
      stream,
      meta: r.meta,
      onErased: 'decide',
      decide: async (reads) => [
        {
          stream,
          events: erasureDecider.decide(
            { type: 'ErasePersonalData', data: { legalBasis, reason } },
            await reads.fold(stream, erasureFolder),
            {
              now: r.now,
              approver: r.context.actor,
              record: recordFactsOf(recordKind, recordId, await reads.events(stream)),
            },
          ),
        },
      ],
    });
    await destroyKey(stream, outcome, reason);
    return answer(200, recordId, outcome, extra);
  };
};

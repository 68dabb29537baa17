import { decideAssignment, noticeCounterKeyFor } from '../../../domain/case/assignment.ts';
import type { AssignmentCommand } from '../../../domain/case/commands.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import { noticeCounterAt, noticeCounterStream } from '../../../domain/notice/counter.ts';
import { legacyIndexEntriesOf } from '../../../domain/notice/legacy.ts';
import { caseStream, legacyNoticeIndexStream, legacyNoticeStream, workerStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { NoticeEvent } from '../../../events/catalogue/notice-events.ts';
import { readEventData } from '../../../events/catalogue/read-event.ts';
import { createPlanRunner, DEFAULT_RACE_RETRY, folderOf, type RaceRetry } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { answer } from './answer.ts';
import type { Body, TargetHandler } from './command-request.ts';
import { caseInScope } from './records.ts';

// Racing assignments in one agency clash on the notice counter, not on the case: the loser simply
// takes the next number, after a jittered pause so that twenty at once spread out instead of
// clashing again. Bounded (24 tries in 8 s, within the API's 10 s), so a counter under siege still
// answers: 409 naming the counter.
const COUNTER_RETRY: RaceRetry = { ...DEFAULT_RACE_RETRY, attempts: 24, budgetMs: 8_000 };

/** Assignment: the case and the agency's notice counter in one transaction. */
export const assignmentCommand = (store: EventStore): TargetHandler => {
  const runner = createPlanRunner({ store, catalogue });
  const cases = folderOf(caseDecider, catalogue);
  const workers = folderOf(workerDecider, catalogue);

  return async ({ spec, recordId, principal, body, meta, context, expectedVersion, legacyNotice }) => {
    const caseId = recordId();
    const stream = caseStream(caseId);
    const outcome = await runner.execute({
      stream,
      meta,
      ifMatch: expectedVersion,
      retry: COUNTER_RETRY,
      check: async (reads) => caseInScope(principal)(await reads.fold(stream, cases)),
      decide: async (reads) => {
        const state = await reads.fold(stream, cases);
        // Numbered by the agency acting for the case's on the day of the assignment, in its year: the
        // business time, so a late entry of a paper assignment takes its number in the year it was made.
        const key = noticeCounterKeyFor(state, context.now, principal.registry);
        // An imported notice keeps its printed number in its legacy space, on that number's own stream.
        const counterStream = legacyNotice
          ? legacyNoticeStream(key.agencyId, legacyNotice.system, legacyNotice.printed)
          : noticeCounterStream(key);
        // Only the counter's newest stub is read: its number is the count (domain/notice/counter.ts).
        const newest = await reads.newest(counterStream);
        const stub = newest && (readEventData(catalogue, newest) as NoticeEvent);
        const counter = noticeCounterAt(key, legacyNotice || !stub ? null : { version: newest!.version, event: stub });
        const legacy = legacyNotice && { notice: legacyNotice, filedFor: stub?.data.caseId ?? null };
        const worker = await reads.fold(workerStream(String(body.workerId)), workers);
        const decision = decideAssignment(
          { type: spec.command, data: body } as AssignmentCommand,
          state,
          counter,
          worker,
          { ...context, registry: principal.registry },
          legacy,
        );
        const writes = [
          { stream, events: decision.case },
          { stream: counterStream, events: decision.notice },
        ];
        if (!legacyNotice) return writes;
        // The agency's index of its legacy numbers of the year, in the same transaction as the stub: the
        // register reads it instead of scanning, and it holds an entry exactly when the stub is stored.
        const indexStream = legacyNoticeIndexStream(key.agencyId, key.year);
        await reads.newest(indexStream);
        const entries = legacyIndexEntriesOf(decision.notice, counterStream, reads.headOf(counterStream).version);
        return [...writes, { stream: indexStream, events: entries }];
      },
    });
    const stub = outcome.events.find((e) => e.type === 'AidWorkerAssigned' || e.type === 'AidWorkerReplaced');
    const d = (stub?.data ?? {}) as Body;
    const legacy = d.legacyNotice as { system: string; printed: string } | undefined;
    return answer(200, caseId, outcome, {
      caseId,
      notice: {
        agencyId: d.noticeAgencyId,
        year: d.noticeYear,
        number: d.noticeNumber,
        // Which numbering space: the agency's own, or an imported system's, with the number as printed.
        ...(legacy ? { space: `legacy:${legacy.system}`, printed: legacy.printed } : {}),
      },
    });
  };
};

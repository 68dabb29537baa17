import { caseStream } from '../../../domain/streams.ts';
import type { EventsTableRef } from '../../lib/audit/raw-events.ts';
import { createCaseReadCheck, stored } from '../../lib/audit/case-read-check.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { createEventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { CaseStatusTable } from '../../lib/read-models/case-status-table.ts';
import { assertRecordReadable } from '../records/record-queries.ts';
import { RECORD_OF_READS } from './reads-requests.ts';

// Who may ask who read a record (`GET /audit/reads?record=`): whoever may read the record itself,
// decided exactly as its own route decides it, so the read audit shows no record's readers to a
// caller the record is hidden from. A case: its case scope (GET /cases/{id}); a consultation, duty
// record or aid worker: its record scope (GET /consultations/{id}, …). As those routes do, 404 for
// a record that does not exist, 403 OUT_OF_SCOPE with the reason for one out of scope.

export type RecordReadCheck = (principal: Admitted, record: string) => Promise<void>;

export const createRecordReadCheck = ({ events, caseStatus }: { events: EventsTableRef; caseStatus: CaseStatusTable }): RecordReadCheck => {
  const store = createEventStore({ client: events.client, tableName: events.tableName });
  const caseReadCheck = createCaseReadCheck({ store, caseStatus });
  return async (principal, record) => {
    // The query schema has checked the form already; this match splits it (and refuses what it would not).
    const [, kind, id] = RECORD_OF_READS.exec(record) ?? [];
    if (kind === 'case' && id) await caseReadCheck(principal, id, { load: async () => stored(await store.readStream(caseStream(id))) });
    else if ((kind === 'consultation' || kind === 'duty' || kind === 'worker') && id)
      await assertRecordReadable(events, kind, principal, id);
    else
      throw new HttpError(400, 'INVALID_FIELD', 'record names case#<id>, consultation#<id>, duty#<id> or worker#<id>', { field: 'record' });
  };
};

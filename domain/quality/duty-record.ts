import type { DutyEvent } from '../../events/catalogue/duty-lawyer-events.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';

// A duty record as the quality read model keeps it: which agency's, when it was opened and closed.
// No personal field: the read model needs none of them (the person helped stays in the sealed stream).
// The close is the day the record's retention counts from (domain/privacy/record-facts.ts, dutyFacts).

export type DutyRecordFacts = {
  dutyId: string | null;
  agencyId: string | null;
  openedAt: string | null;
  closedAt: string | null;
};

export const initialDutyRecordFacts = (): DutyRecordFacts => ({ dutyId: null, agencyId: null, openedAt: null, closedAt: null });

export const evolveDutyRecordFacts = (f: DutyRecordFacts, event: DutyEvent | { type: string }): DutyRecordFacts => {
  if (isErasureEvent(event)) return f;
  const e = event as DutyEvent;
  switch (e.type) {
    case 'DutyRecordOpened':
      return { ...f, dutyId: e.data.dutyId, agencyId: e.data.agencyId, openedAt: e.data.openedAt };
    case 'DutyRecordClosed':
      return { ...f, closedAt: e.data.closedAt };
    default:
      // The services given on the record change nothing kept here.
      return f;
  }
};

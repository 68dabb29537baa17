import type { CooperationEvent } from '../../events/catalogue/cooperation-events.ts';
import { isAfter } from '../time/calendar.ts';

// What an agency's cooperation index folds to: each request's latest step, then counts of the
// cooperation it gave (asked of it) and received (asked by it), and the requests overdue on a day.

type Indexed = Extract<CooperationEvent, { type: 'CooperationIndexed' }>['data'];

/** Each request's latest step, in the order the requests were first indexed. */
export const latestSteps = (events: readonly CooperationEvent[]): Indexed[] => {
  const byId = new Map<string, Indexed>();
  for (const e of events) if (e.type === 'CooperationIndexed') byId.set(e.data.cooperationId, e.data);
  return [...byId.values()];
};

const counts = (items: readonly Indexed[]) => ({
  asked: items.length,
  accepted: items.filter((i) => i.status === 'accepted').length,
  declined: items.filter((i) => i.status === 'declined').length,
  completed: items.filter((i) => i.status === 'completed').length,
  completedLate: items.filter((i) => i.status === 'completed' && isAfter(i.at, i.dueAt)).length,
  byTask: Object.fromEntries(
    [...new Set(items.map((i) => i.task))].sort().map((task) => [task, items.filter((i) => i.task === task).length]),
  ),
});

/** Given: tasks the agency was asked to do for others. Received: tasks it asked others to do. */
export const cooperationStatistics = (agencyId: string, events: readonly CooperationEvent[]) => {
  const steps = latestSteps(events);
  return {
    agencyId,
    given: counts(steps.filter((s) => s.toAgencyId === agencyId)),
    received: counts(steps.filter((s) => s.fromAgencyId === agencyId)),
  };
};

/**
 * Requests still open (asked, or accepted and not done) whose due date has passed on `asOf`, the
 * business time supervised: `owed` the agency must do, `awaited` it asked of others.
 */
export const overdueCooperation = (agencyId: string, events: readonly CooperationEvent[], asOf: string) => {
  const open = latestSteps(events).filter((s) => (s.status === 'requested' || s.status === 'accepted') && isAfter(asOf, s.dueAt));
  const line = (s: Indexed) => ({
    cooperationId: s.cooperationId,
    fromAgencyId: s.fromAgencyId,
    toAgencyId: s.toAgencyId,
    task: s.task,
    status: s.status,
    dueAt: s.dueAt,
  });
  return {
    agencyId,
    asOf,
    owed: open.filter((s) => s.toAgencyId === agencyId).map(line),
    awaited: open.filter((s) => s.fromAgencyId === agencyId).map(line),
  };
};

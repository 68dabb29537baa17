import type { DutyEvent } from '../../events/catalogue/duty-lawyer-events.ts';
import type { DutyServiceCounts } from '../../events/catalogue/duty-programme-events.ts';
import { isErasureEvent } from '../privacy/erased-event.ts';
import { noServices, serviceKindOf } from './pay.ts';
import { attendanceNow, type DutyShiftState } from './shift.ts';

// A station's duty figures for a month (seeds 000, 003): the shifts its rota planned and how each
// lawyer on them attended, and the services its duty records gave, by kind, on a shift or outside
// any. Kept per stream by the quality projection and summed at query time, as the scorecards are.

/** What the figures keep of one duty record: where and on which shift it was opened, its services by kind. */
export type DutyRecordServices = {
  stationId: string | null;
  shiftId: string | null;
  openedAt: string | null;
  services: DutyServiceCounts;
};

export const initialDutyRecordServices = (): DutyRecordServices => ({
  stationId: null,
  shiftId: null,
  openedAt: null,
  services: noServices(),
});

export const evolveDutyRecordServices = (s: DutyRecordServices, event: DutyEvent | { type: string }): DutyRecordServices => {
  if (isErasureEvent(event)) return s;
  const e = event as DutyEvent;
  if (e.type === 'DutyRecordOpened')
    return { ...s, stationId: e.data.station.organisationId, shiftId: e.data.shiftId ?? null, openedAt: e.data.openedAt };
  const kind = serviceKindOf(e.type);
  return kind ? { ...s, services: { ...s.services, [kind]: s.services[kind] + 1 } } : s;
};

export type DutyStationFigures = {
  shifts: number;
  /** Each lawyer on each shift is one place on the rota. */
  places: { planned: number; attended: number; onTime: number; late: number; absent: number; pending: number };
  services: { byKind: DutyServiceCounts; onShift: number; outsideShift: number; total: number };
};

const total = (c: DutyServiceCounts) => Object.values(c).reduce((n, x) => n + x, 0);

export const dutyStationFigures = (
  shifts: readonly DutyShiftState[],
  records: readonly DutyRecordServices[],
  now: string,
): DutyStationFigures => {
  const places = { planned: 0, attended: 0, onTime: 0, late: 0, absent: 0, pending: 0 };
  for (const shift of shifts) {
    for (const lawyerId of shift.lawyerIds) {
      places.planned += 1;
      const a = attendanceNow(shift, lawyerId, now);
      if (a === 'on-time') places.onTime += 1;
      else if (a === 'late') places.late += 1;
      else if (a === 'absent') places.absent += 1;
      else places.pending += 1;
    }
  }
  places.attended = places.onTime + places.late;
  const byKind = noServices();
  let onShift = 0;
  let outsideShift = 0;
  for (const r of records) {
    for (const k of Object.keys(byKind) as (keyof DutyServiceCounts)[]) byKind[k] += r.services[k];
    if (r.shiftId) onShift += total(r.services);
    else outsideShift += total(r.services);
  }
  return { shifts: shifts.length, places, services: { byKind, onShift, outsideShift, total: onShift + outsideShift } };
};

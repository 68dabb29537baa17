import type { Attendance, DutyShiftEvent } from '../../events/catalogue/duty-programme-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { notInFuture } from '../guards.ts';
import type { Registry } from '../organisation/registry.ts';
import { chinaDateOf, isAfter, msBetween } from '../time/calendar.ts';
import { attendanceRulesFor } from './attendance-rules.ts';
import { dutyStationOf, type DutyStationKind } from './station.ts';

// One shift of a station's rota (轮流值班制, seed 003) on stream `duty-shift#<id>`: planned by the
// agency with its lawyers, checked into and out of by each of them (值班按时到位, seed 000), and the
// duty records opened on it tied to it. Lateness is judged on check-in by the attendance rules in
// force on the shift's date; an absence is a check-in too late to count, or none by the shift's end.

export type ShiftCheckIn = { at: string; minutesLate: number; attendance: Attendance };

export type DutyShiftState = {
  status: 'none' | 'planned';
  shiftId: string | null;
  agencyId: string | null;
  stationId: string | null;
  stationKind: DutyStationKind | null;
  date: string | null;
  startsAt: string | null;
  endsAt: string | null;
  lawyerIds: string[];
  checkIns: Record<string, ShiftCheckIn>;
  checkOuts: Record<string, { at: string; minutesEarly: number }>;
  records: { dutyId: string; lawyerId: string; openedAt: string }[];
};

export const initialDutyShiftState = (): DutyShiftState => ({
  status: 'none',
  shiftId: null,
  agencyId: null,
  stationId: null,
  stationKind: null,
  date: null,
  startsAt: null,
  endsAt: null,
  lawyerIds: [],
  checkIns: {},
  checkOuts: {},
  records: [],
});

export type DutyShiftCommand =
  | {
      type: 'PlanDutyShift';
      data: { shiftId: string; agencyId: string; stationId: string; startsAt: string; endsAt: string; lawyerIds: string[] };
    }
  | { type: 'CheckInToShift'; data: { at: string } }
  | { type: 'CheckOutOfShift'; data: { at: string } }
  | { type: 'TieDutyRecord'; data: { dutyId: string; lawyerId: string; openedAt: string } };

/** `registry`: what the station is checked on; `province`: the agency's, for the dated attendance rules. */
export type DutyShiftContext = { now: string; actor: Actor; registry?: Registry; province?: string | null };

const MINUTE = 60_000;
const MAX_SHIFT_MS = 24 * 60 * MINUTE;

/** How late a check-in is and what it counts as, under the rules in force on the shift's date. */
export const attendanceOf = (startsAt: string, at: string, province: string | null) => {
  const rules = attendanceRulesFor(province, startsAt);
  if (!rules) throw refuse('NO_ATTENDANCE_RULES', `no duty attendance rules were in force on ${chinaDateOf(startsAt)}`);
  const minutesLate = Math.max(0, Math.floor(msBetween(startsAt, at) / MINUTE));
  const attendance: Attendance = minutesLate >= rules.absentAfterMinutes ? 'absent' : minutesLate > rules.graceMinutes ? 'late' : 'on-time';
  return { minutesLate, attendance, ruleId: rules.id };
};

const onShift = (state: DutyShiftState, lawyerId: string) => {
  if (!state.lawyerIds.includes(lawyerId)) throw refuse('NOT_ON_SHIFT', `${lawyerId} is not on shift ${state.shiftId}'s rota`);
};

const decide = (command: DutyShiftCommand, state: DutyShiftState, context: DutyShiftContext): DutyShiftEvent[] => {
  if (command.type === 'PlanDutyShift') {
    if (state.status !== 'none') throw refuse('DUTY_SHIFT_EXISTS', `shift ${state.shiftId} is already planned`);
    const d = command.data;
    if (!isAfter(d.endsAt, d.startsAt)) throw refuse('DUTY_SHIFT_TIMES_INVALID', 'a shift ends after it starts', 'endsAt');
    if (msBetween(d.startsAt, d.endsAt) > MAX_SHIFT_MS)
      throw refuse('DUTY_SHIFT_TIMES_INVALID', 'a shift lasts at most 24 hours', 'endsAt');
    if (new Set(d.lawyerIds).size !== d.lawyerIds.length)
      throw refuse('DUTY_SHIFT_LAWYERS_INVALID', 'a lawyer is on a shift once', 'lawyerIds');
    if (!context.registry) throw new Error('a shift is planned against the registry');
    const date = chinaDateOf(d.startsAt);
    const stationKind = dutyStationOf(context.registry, d.stationId, d.agencyId, date, 'stationId');
    return [{ type: 'DutyShiftPlanned', data: { ...d, stationKind, date } }];
  }
  if (state.status === 'none') throw refuse('DUTY_SHIFT_NOT_FOUND', 'no such duty shift');
  const lawyerId = command.type === 'TieDutyRecord' ? command.data.lawyerId : context.actor.id;
  onShift(state, lawyerId);
  const checkIn = state.checkIns[lawyerId];
  switch (command.type) {
    case 'CheckInToShift': {
      const { at } = command.data;
      notInFuture(at, context.now, 'at');
      if (checkIn) throw refuse('ALREADY_CHECKED_IN', `${lawyerId} checked in at ${checkIn.at}`, 'at');
      // No check-in by the end: the absence stands, a late one cannot undo it.
      if (isAfter(at, state.endsAt!)) throw refuse('DUTY_SHIFT_ENDED', `the shift ended at ${state.endsAt}`, 'at');
      return [{ type: 'DutyShiftCheckedIn', data: { lawyerId, at, ...attendanceOf(state.startsAt!, at, context.province ?? null) } }];
    }
    case 'CheckOutOfShift': {
      const { at } = command.data;
      notInFuture(at, context.now, 'at');
      if (!checkIn) throw refuse('NOT_CHECKED_IN', `${lawyerId} has not checked in to shift ${state.shiftId}`);
      if (state.checkOuts[lawyerId])
        throw refuse('ALREADY_CHECKED_OUT', `${lawyerId} checked out at ${state.checkOuts[lawyerId].at}`, 'at');
      if (isAfter(checkIn.at, at)) throw refuse('TIME_OUT_OF_ORDER', `at ${at} is before the check-in (${checkIn.at})`, 'at');
      const minutesEarly = Math.max(0, Math.floor(msBetween(at, state.endsAt!) / MINUTE));
      return [{ type: 'DutyShiftCheckedOut', data: { lawyerId, at, minutesEarly } }];
    }
    case 'TieDutyRecord': {
      const { openedAt } = command.data;
      // A record on a shift is opened while the shift runs, by a lawyer who is there.
      if (isAfter(state.startsAt!, openedAt) || isAfter(openedAt, state.endsAt!))
        throw refuse(
          'DUTY_OUTSIDE_SHIFT',
          `${openedAt} lies outside shift ${state.shiftId} (${state.startsAt} to ${state.endsAt})`,
          'openedAt',
        );
      if (!checkIn || checkIn.attendance === 'absent')
        throw refuse('NOT_CHECKED_IN', `${lawyerId} is not checked in to shift ${state.shiftId}`, 'shiftId');
      if (isAfter(checkIn.at, openedAt))
        throw refuse('DUTY_OUTSIDE_SHIFT', `${openedAt} is before ${lawyerId}'s check-in (${checkIn.at})`, 'openedAt');
      return [{ type: 'DutyRecordTiedToShift', data: command.data }];
    }
  }
};

const evolve = (state: DutyShiftState, event: DutyShiftEvent): DutyShiftState => {
  switch (event.type) {
    case 'DutyShiftPlanned': {
      const d = event.data;
      return { ...state, status: 'planned', ...d, lawyerIds: [...d.lawyerIds] };
    }
    case 'DutyShiftCheckedIn': {
      const { lawyerId, at, minutesLate, attendance } = event.data;
      return { ...state, checkIns: { ...state.checkIns, [lawyerId]: { at, minutesLate, attendance } } };
    }
    case 'DutyShiftCheckedOut': {
      const { lawyerId, at, minutesEarly } = event.data;
      return { ...state, checkOuts: { ...state.checkOuts, [lawyerId]: { at, minutesEarly } } };
    }
    case 'DutyRecordTiedToShift':
      return { ...state, records: [...state.records, event.data] };
  }
};

/** A lawyer's attendance on the shift as of `now`: no check-in once the shift has ended is an absence. */
export const attendanceNow = (state: DutyShiftState, lawyerId: string, now: string): Attendance | 'pending' =>
  state.checkIns[lawyerId]?.attendance ?? (isAfter(now, state.endsAt!) ? 'absent' : 'pending');

export const dutyShiftDecider: Decider<DutyShiftCommand, DutyShiftEvent, DutyShiftState, DutyShiftContext> = {
  decide,
  evolve,
  initialState: initialDutyShiftState,
};

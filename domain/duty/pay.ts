import type { DutyEvent } from '../../events/catalogue/duty-lawyer-events.ts';
import type { DutyPayEvent, DutyServiceCounts, DutyServiceKind } from '../../events/catalogue/duty-programme-events.ts';
import type { FundRef } from '../../events/catalogue/funding-events.ts';
import type { Actor } from '../../events/envelope.ts';
import { refuse } from '../error-codes.ts';
import { fundDecider, type FundEvent, type FundState } from '../funding/fund.ts';
import { isAfter } from '../time/calendar.ts';
import { dutyPayRatesFor } from './pay-rates.ts';
import { attendanceNow, type DutyShiftState } from './shift.ts';

// A lawyer's pay for one duty shift (stream `duty-pay#<shiftId>#<lawyerId>`): assessed with the rate
// table in force on the shift's date, approved (or less, with a reason) and committed on a fund of
// the agency, then paid, through the fund decider's own rule: never beyond the fund's allocation.
// Only services given inside the shift's hours are paid; a record tied to the shift may go on after
// it ends, and those later services are counted in the figures, not paid as the shift's.

export type DutyPayState = {
  status: 'none' | 'approved' | 'paid';
  approvedFen: number;
  fund: FundRef | null;
};

export const initialDutyPayState = (): DutyPayState => ({ status: 'none', approvedFen: 0, fund: null });

export const evolveDutyPay = (s: DutyPayState, event: DutyPayEvent): DutyPayState =>
  event.type === 'DutyPayApproved'
    ? { status: 'approved', approvedFen: event.data.approvedFen, fund: event.data.fund }
    : { ...s, status: 'paid' };

const serviceKinds: Partial<Record<DutyEvent['type'], DutyServiceKind>> = {
  DutyConsultationGiven: 'consultation',
  ProcedureAdviceGiven: 'procedure-advice',
  MeasureChangeRequested: 'measure-change-request',
  DutyOpinionSubmitted: 'opinion',
  PleaSigningAttended: 'plea-signing',
};

/** The kind of service a duty-record event is, or null for the opening and the closing. */
export const serviceKindOf = (type: string): DutyServiceKind | null => serviceKinds[type as DutyEvent['type']] ?? null;

export const noServices = (): DutyServiceCounts => ({
  consultation: 0,
  'procedure-advice': 0,
  'measure-change-request': 0,
  opinion: 0,
  'plea-signing': 0,
});

/** The services of the lawyer's records on the shift given within its hours, by kind. */
export const servicesOnShift = (shift: DutyShiftState, lawyerId: string, records: readonly (readonly DutyEvent[])[]): DutyServiceCounts => {
  const counts = noServices();
  for (const events of records) {
    const opened = events.find((e) => e.type === 'DutyRecordOpened');
    if (!opened || opened.data.dutyLawyerId !== lawyerId || opened.data.shiftId !== shift.shiftId) continue;
    for (const e of events) {
      const kind = serviceKindOf(e.type);
      const at = (e.data as { at?: string }).at;
      if (kind && at && !isAfter(shift.startsAt!, at) && !isAfter(at, shift.endsAt!)) counts[kind] += 1;
    }
  }
  return counts;
};

export type DutyPayContext = { now: string; actor: Actor; province: string | null; fund: FundRef };

export const decideDutyPayApproval = (
  body: { lawyerId: string; approvedFen?: number; note: string },
  pay: DutyPayState,
  shift: DutyShiftState,
  services: DutyServiceCounts,
  fund: FundState,
  context: DutyPayContext,
): { pay: DutyPayEvent[]; fund: FundEvent[] } => {
  if (shift.status === 'none') throw refuse('DUTY_SHIFT_NOT_FOUND', 'no such duty shift');
  if (!shift.lawyerIds.includes(body.lawyerId))
    throw refuse('NOT_ON_SHIFT', `${body.lawyerId} is not on shift ${shift.shiftId}'s rota`, 'lawyerId');
  if (pay.status !== 'none')
    throw refuse('DUTY_PAY_ALREADY_APPROVED', `${body.lawyerId}'s pay for shift ${shift.shiftId} is ${pay.status}`);
  if (!isAfter(context.now, shift.endsAt!)) throw refuse('DUTY_SHIFT_NOT_ENDED', `shift ${shift.shiftId} ends at ${shift.endsAt}`);
  const rates = dutyPayRatesFor(context.province, shift.startsAt!);
  if (!rates) throw refuse('NO_DUTY_PAY_RATES', `no duty pay rate table was in force on ${shift.date}`);
  const attendance = attendanceNow(shift, body.lawyerId, context.now);
  const attended = attendance === 'on-time' || attendance === 'late';
  const shiftFen = attended ? rates.perShiftFen : 0;
  const servicesFen = attended
    ? (Object.keys(services) as DutyServiceKind[]).reduce((n, k) => n + services[k] * rates.perServiceFen[k], 0)
    : 0;
  const assessedFen = shiftFen + servicesFen;
  const approvedFen = body.approvedFen ?? assessedFen;
  if (approvedFen > assessedFen)
    throw refuse('DUTY_PAY_ABOVE_ASSESSMENT', `${approvedFen} fen is above the ${assessedFen} fen ${rates.id} gives`, 'approvedFen');
  if (approvedFen < assessedFen && !body.note.trim())
    throw refuse('DUTY_PAY_REDUCTION_REASON_REQUIRED', 'duty pay approved below the assessment says why', 'note');
  const claimId = `${shift.shiftId}#${body.lawyerId}`;
  const fundEvents =
    approvedFen > 0 ? fundDecider.decide({ type: 'CommitDutyPay', data: { claimId, amountFen: approvedFen } }, fund, context) : [];
  return {
    pay: [
      {
        type: 'DutyPayApproved',
        data: {
          shiftId: shift.shiftId!,
          lawyerId: body.lawyerId,
          agencyId: shift.agencyId!,
          stationId: shift.stationId!,
          rateTableId: rates.id,
          attendance: attended ? (attendance as 'on-time' | 'late') : 'absent',
          services,
          shiftFen,
          servicesFen,
          assessedFen,
          approvedFen,
          note: body.note,
          fund: context.fund,
          approvedAt: context.now,
        },
      },
    ],
    fund: fundEvents,
  };
};

export const decideDutyPayPayment = (
  body: { reference: string },
  shiftId: string,
  lawyerId: string,
  pay: DutyPayState,
  fund: FundState,
  context: DutyPayContext,
): { pay: DutyPayEvent[]; fund: FundEvent[] } => {
  if (pay.status === 'none') throw refuse('DUTY_PAY_NOT_APPROVED', `${lawyerId}'s pay for shift ${shiftId} is not approved`);
  if (pay.status === 'paid') throw refuse('DUTY_PAY_ALREADY_PAID', `${lawyerId}'s pay for shift ${shiftId} is paid`);
  const claimId = `${shiftId}#${lawyerId}`;
  const fundEvents = fundDecider.decide(
    { type: 'PayDutyPayFromFund', data: { claimId, workerId: lawyerId, amountFen: pay.approvedFen, reference: body.reference } },
    fund,
    context,
  );
  return {
    pay: [
      {
        type: 'DutyPayPaid',
        data: { shiftId, lawyerId, amountFen: pay.approvedFen, fund: pay.fund!, reference: body.reference, paidAt: context.now },
      },
    ],
    fund: fundEvents,
  };
};

import { describe, expect, it } from 'vitest';
import { dutyAttendanceRules } from '../../../domain/duty/attendance-rules.ts';
import { dutyStationFigures, evolveDutyRecordServices, initialDutyRecordServices } from '../../../domain/duty/figures.ts';
import { decideDutyPayApproval, decideDutyPayPayment, initialDutyPayState, noServices, servicesOnShift } from '../../../domain/duty/pay.ts';
import { dutyPayRateTables } from '../../../domain/duty/pay-rates.ts';
import { dutyShiftDecider, type DutyShiftCommand } from '../../../domain/duty/shift.ts';
import { fundDecider } from '../../../domain/funding/fund.ts';
import { fold } from '../../../domain/decider.ts';
import type { DutyEvent } from '../../../events/catalogue/duty-lawyer-events.ts';
import type { DutyShiftEvent } from '../../../events/catalogue/duty-programme-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { T } from './fixtures.ts';
import { seededRegistry } from './organisation-fixtures.ts';

const AGENCY = 'agency:hz-xihu';
const STATION = 'workstation:hz-xihu-court';
const LI = 'duty-lawyer-li';
const ZHANG = 'duty-lawyer-zhang';
const registry = seededRegistry();
const reviewer = { id: 'reviewer-1', role: 'agency-reviewer', organisation: AGENCY };
const li = { id: LI, role: 'duty-lawyer', organisation: AGENCY };
const spec = deciderSpec(dutyShiftDecider, { now: T('2026-03-02 20:00'), actor: li, registry, province: '330000' });
const rules = dutyAttendanceRules[0]!;
const rates = dutyPayRateTables[0]!;

const plan: DutyShiftCommand = {
  type: 'PlanDutyShift',
  data: {
    shiftId: 'shift-1',
    agencyId: AGENCY,
    stationId: STATION,
    startsAt: T('2026-03-02 09:00'),
    endsAt: T('2026-03-02 17:00'),
    lawyerIds: [LI, ZHANG],
  },
};
const planned: DutyShiftEvent = { type: 'DutyShiftPlanned', data: { ...plan.data, stationKind: 'court', date: '2026-03-02' } as never };
const minutesAfterStart = (m: number) => new Date(Date.parse(T('2026-03-02 09:00')) + m * 60_000).toISOString();
const checkedIn = (lawyerId: string, minutesLate: number, attendance: 'on-time' | 'late' | 'absent'): DutyShiftEvent => ({
  type: 'DutyShiftCheckedIn',
  data: { lawyerId, at: minutesAfterStart(minutesLate), minutesLate, attendance, ruleId: rules.id },
});

describe('a duty shift of a station rota (轮流值班制)', () => {
  it('is planned at a court workstation of the agency in the registry, dated by its start', () => {
    spec.given([]).when(plan, { actor: reviewer }).then([planned]);
  });

  it('is refused at a station that is not a duty workstation of the agency, or at a court itself', () => {
    for (const stationId of ['workstation:hz-xihu-lingyin', 'court:hz-xihu', 'workstation:hf-shushan-court', 'workstation:nowhere']) {
      spec
        .given([])
        .when({ ...plan, data: { ...plan.data, stationId } } as DutyShiftCommand, { actor: reviewer })
        .thenThrows('DUTY_STATION_INVALID');
    }
  });

  it('is refused when it ends before it starts or names a lawyer twice', () => {
    spec
      .given([])
      .when({ ...plan, data: { ...plan.data, endsAt: plan.data.startsAt } } as DutyShiftCommand)
      .thenThrows('DUTY_SHIFT_TIMES_INVALID');
    spec
      .given([])
      .when({ ...plan, data: { ...plan.data, lawyerIds: [LI, LI] } } as DutyShiftCommand)
      .thenThrows('DUTY_SHIFT_LAWYERS_INVALID');
  });

  it('judges a check-in by the attendance rules: within the grace on time, after it late, from the absence threshold absent', () => {
    const at = (m: number) =>
      spec
        .given([planned])
        .when({ type: 'CheckInToShift', data: { at: minutesAfterStart(m) } })
        .events()[0]!;
    expect(at(rules.graceMinutes)).toEqual(checkedIn(LI, rules.graceMinutes, 'on-time'));
    expect(at(rules.graceMinutes + 1)).toEqual(checkedIn(LI, rules.graceMinutes + 1, 'late'));
    expect(at(rules.absentAfterMinutes)).toEqual(checkedIn(LI, rules.absentAfterMinutes, 'absent'));
  });

  it('refuses a lawyer not on the rota, a second check-in, and a check-in after the shift ended', () => {
    spec
      .given([planned])
      .when({ type: 'CheckInToShift', data: { at: minutesAfterStart(0) } }, { actor: { ...li, id: 'duty-lawyer-wu' } })
      .thenThrows('NOT_ON_SHIFT');
    spec
      .given([planned, checkedIn(LI, 0, 'on-time')])
      .when({ type: 'CheckInToShift', data: { at: minutesAfterStart(5) } })
      .thenThrows('ALREADY_CHECKED_IN');
    spec
      .given([planned])
      .when({ type: 'CheckInToShift', data: { at: T('2026-03-02 17:01') } })
      .thenThrows('DUTY_SHIFT_ENDED');
  });

  it('checks out after a check-in, with the minutes before the end', () => {
    spec
      .given([planned, checkedIn(LI, 0, 'on-time')])
      .when({ type: 'CheckOutOfShift', data: { at: T('2026-03-02 16:30') } })
      .then([{ type: 'DutyShiftCheckedOut', data: { lawyerId: LI, at: T('2026-03-02 16:30'), minutesEarly: 30 } }]);
    spec
      .given([planned])
      .when({ type: 'CheckOutOfShift', data: { at: T('2026-03-02 16:30') } })
      .thenThrows('NOT_CHECKED_IN');
  });

  it('ties a duty record opened in its hours by a lawyer checked in; refuses one outside them or before the check-in', () => {
    const tie = (openedAt: string, lawyerId = LI): DutyShiftCommand => ({
      type: 'TieDutyRecord',
      data: { dutyId: 'duty-1', lawyerId, openedAt },
    });
    spec
      .given([planned, checkedIn(LI, 30, 'late')])
      .when(tie(T('2026-03-02 10:00')))
      .then([{ type: 'DutyRecordTiedToShift', data: tie(T('2026-03-02 10:00')).data as never }]);
    spec
      .given([planned, checkedIn(LI, 30, 'late')])
      .when(tie(T('2026-03-02 18:00')))
      .thenThrows('DUTY_OUTSIDE_SHIFT');
    spec
      .given([planned, checkedIn(LI, 30, 'late')])
      .when(tie(T('2026-03-02 09:10')))
      .thenThrows('DUTY_OUTSIDE_SHIFT');
    spec
      .given([planned])
      .when(tie(T('2026-03-02 10:00'), ZHANG))
      .thenThrows('NOT_CHECKED_IN');
  });
});

const opened = (dutyId: string, shiftId: string | undefined, lawyerId = LI): DutyEvent => ({
  type: 'DutyRecordOpened',
  data: {
    dutyId,
    agencyId: AGENCY,
    station: { kind: 'court', organisationId: STATION },
    dutyLawyerId: lawyerId,
    personName: '赵五',
    criminalCaseReference: null,
    openedAt: T('2026-03-02 10:00'),
    ...(shiftId ? { shiftId } : {}),
  },
});
const consultation = (at: string): DutyEvent => ({ type: 'DutyConsultationGiven', data: { dutyLawyerId: LI, at, summary: '' } });
const plea = (at: string): DutyEvent => ({
  type: 'PleaSigningAttended',
  data: { dutyLawyerId: LI, at, summary: '', procuratorateId: 'procuratorate:hz-xihu' },
});

describe('duty pay for a shift, from the dated rate table and an agency fund', () => {
  const shift = fold(dutyShiftDecider, [planned, checkedIn(LI, 30, 'late')]);
  const records = [
    [opened('duty-1', 'shift-1'), consultation(T('2026-03-02 10:05')), plea(T('2026-03-02 11:00')), consultation(T('2026-03-02 18:00'))],
    // Another lawyer's record and a record on no shift are not this lawyer's shift's.
    [opened('duty-2', 'shift-1', ZHANG), consultation(T('2026-03-02 10:05'))],
    [opened('duty-3', undefined), consultation(T('2026-03-02 10:05'))],
  ];
  const fundRef = { agencyId: AGENCY, year: 2026, source: 'local-budget' as const };
  const fundWith = (amountFen: number) =>
    fold(fundDecider, [
      { type: 'FundAllocated', data: { ...fundRef, amountFen, reference: 'budget', note: '', allocatedAt: T('2026-01-02 09:00') } },
    ]);
  const context = {
    now: T('2026-03-03 09:00'),
    actor: { id: 'finance-1', role: 'finance', organisation: AGENCY },
    province: '330000',
    fund: fundRef,
  };

  it('counts the services the lawyer gave on the shift within its hours, by kind', () => {
    expect(servicesOnShift(shift, LI, records)).toEqual({ ...noServices(), consultation: 1, 'plea-signing': 1 });
  });

  it('assesses the shift attended and each service at the rates in force, commits it on the fund, then pays it', () => {
    const services = servicesOnShift(shift, LI, records);
    const expected = rates.perShiftFen + rates.perServiceFen.consultation + rates.perServiceFen['plea-signing'];
    const approval = decideDutyPayApproval({ lawyerId: LI, note: '' }, initialDutyPayState(), shift, services, fundWith(expected), context);
    expect(approval.pay[0]!.data).toMatchObject({
      attendance: 'late',
      assessedFen: expected,
      approvedFen: expected,
      rateTableId: rates.id,
    });
    expect(approval.fund).toEqual([
      { type: 'DutyPayCommitted', data: { claimId: `shift-1#${LI}`, amountFen: expected, committedAt: context.now } },
    ]);
    const fund = fold(fundDecider, [
      ...[
        {
          type: 'FundAllocated' as const,
          data: { ...fundRef, amountFen: expected, reference: 'budget', note: '', allocatedAt: T('2026-01-02 09:00') },
        },
      ],
      ...approval.fund,
    ]);
    const payment = decideDutyPayPayment(
      { reference: 'PAY-1' },
      'shift-1',
      LI,
      { status: 'approved', approvedFen: expected, fund: fundRef },
      fund,
      context,
    );
    expect(payment.fund[0]).toMatchObject({ type: 'DutyPayPaidFromFund', data: { amountFen: expected } });
  });

  it('refuses a commitment beyond the fund allocation, an approval before the shift ends, and a second approval', () => {
    const services = servicesOnShift(shift, LI, records);
    const needed = rates.perShiftFen + rates.perServiceFen.consultation + rates.perServiceFen['plea-signing'];
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { code: string }).code;
      }
      return null;
    };
    expect(
      refusal(() =>
        decideDutyPayApproval({ lawyerId: LI, note: '' }, initialDutyPayState(), shift, services, fundWith(needed - 1), context),
      ),
    ).toBe('FUND_ALLOCATION_EXCEEDED');
    expect(
      refusal(() =>
        decideDutyPayApproval({ lawyerId: LI, note: '' }, initialDutyPayState(), shift, services, fundWith(needed), {
          ...context,
          now: T('2026-03-02 16:00'),
        }),
      ),
    ).toBe('DUTY_SHIFT_NOT_ENDED');
    expect(
      refusal(() =>
        decideDutyPayApproval(
          { lawyerId: LI, note: '' },
          { status: 'approved', approvedFen: 1, fund: fundRef },
          shift,
          services,
          fundWith(needed),
          context,
        ),
      ),
    ).toBe('DUTY_PAY_ALREADY_APPROVED');
  });

  it('pays an absent lawyer nothing', () => {
    const approval = decideDutyPayApproval(
      { lawyerId: ZHANG, note: '' },
      initialDutyPayState(),
      shift,
      servicesOnShift(shift, ZHANG, records),
      fundWith(1),
      context,
    );
    expect(approval.pay[0]!.data).toMatchObject({ attendance: 'absent', assessedFen: 0, approvedFen: 0 });
    expect(approval.fund).toEqual([]);
  });
});

describe("a duty station's figures for a month", () => {
  it('counts places on the rota by attendance, and services by kind on a shift or outside any', () => {
    const shift = fold(dutyShiftDecider, [planned, checkedIn(LI, 30, 'late')]);
    const services = [
      [opened('duty-1', 'shift-1'), consultation(T('2026-03-02 10:05')), plea(T('2026-03-02 11:00'))],
      [opened('duty-3', undefined), consultation(T('2026-03-02 10:05'))],
    ].map((events) => events.reduce(evolveDutyRecordServices, initialDutyRecordServices()));
    const during = dutyStationFigures([shift], services, T('2026-03-02 12:00'));
    const after = dutyStationFigures([shift], services, T('2026-03-02 18:00'));
    expect(during.places).toEqual({ planned: 2, attended: 1, onTime: 0, late: 1, absent: 0, pending: 1 });
    expect(after.places).toEqual({ planned: 2, attended: 1, onTime: 0, late: 1, absent: 1, pending: 0 });
    expect(after.services).toEqual({
      byKind: { ...noServices(), consultation: 2, 'plea-signing': 1 },
      onShift: 2,
      outsideShift: 1,
      total: 3,
    });
  });
});

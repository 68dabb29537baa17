import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutyAttendanceRules } from '../../domain/duty/attendance-rules.ts';
import { dutyPayRateTables } from '../../domain/duty/pay-rates.ts';
import { chinaDateOf } from '../../domain/time/calendar.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { validBody } from '../support/command-bodies.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { ok, refused } from '../support/answers.ts';

// Issue 20 points 1 and 4 over HTTP: a rota shift at the Xihu court station, a late check-in, services
// on the shift, duty pay approved and paid from a fund that refuses to go past its allocation, the
// station's figures; complaints about a window clerk and about the agency, handled and counted.

const HZ = 'agency:hz-xihu';
const STATION = 'workstation:hz-xihu-court';
const reviewer = principal('agency-reviewer');
const admin = principal('administrator');
const supervisor = principal('supervisor');
const finance = principal('finance');
const li = principal('duty-lawyer');
const zhang = principal('duty-lawyer', { sub: 'duty-lawyer-zhang-dp' });

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-duty-programme');
}, 120_000);
afterAll(async () => stack?.stop());

const post = (as: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const get = (path: string, as: DevPrincipal) => stack.request('GET', path, { as });

const MINUTE = 60_000;
const rules = dutyAttendanceRules.at(-1)!;
const rates = dutyPayRateTables.at(-1)!;
// A shift that started 8 hours ago and ended an hour ago: the lawyer checked in late, within it.
const startMs = Date.now() - 8 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
const startsAt = iso(startMs);
const endsAt = iso(Date.now() - 60 * MINUTE);
const minutesLate = rules.graceMinutes + 20;

describe('the duty programme: rota, attendance, services, figures and pay', () => {
  let shiftId: string;
  let dutyId: string;

  beforeAll(async () => {
    for (const lawyer of [li, zhang])
      ok(
        await post(admin, '/workers', {
          ...validBody('RegisterAidWorker', { org: HZ, agencyId: HZ, workerId: lawyer.sub }),
          firmId: 'law-firm:hz-xihu-mingli',
        }),
        201,
      );
  });

  it('plans a shift at a court workstation of the agency with two lawyers; refuses a station that is not one of its duty stations', async () => {
    const body = { agencyId: HZ, stationId: STATION, startsAt, endsAt, lawyerIds: [li.sub, zhang.sub] };
    refused(await post(reviewer, '/duty-shifts', { ...body, stationId: 'court:hz-xihu' }), 409, 'DUTY_STATION_INVALID');
    refused(await post(reviewer, '/duty-shifts', { ...body, lawyerIds: ['nobody-registered'] }), 409, 'DUTY_SHIFT_LAWYERS_INVALID');
    const r = ok(await post(reviewer, '/duty-shifts', body), 201);
    shiftId = r.body.shiftId as string;
    expect(r.headers.get('location')).toBe(`/duty-shifts/${shiftId}`);
    expect(ok(await get(`/duty-shifts/${shiftId}`, li)).body).toMatchObject({
      stationId: STATION,
      stationKind: 'court',
      date: chinaDateOf(startsAt),
      lawyerIds: [li.sub, zhang.sub],
    });
  });

  it('a late check-in is judged late by the attendance rules, with its minutes', async () => {
    const r = ok(await post(li, `/duty-shifts/${shiftId}/check-in`, { at: iso(startMs + minutesLate * MINUTE) }));
    expect(r.body.recorded).toMatchObject({
      type: 'DutyShiftCheckedIn',
      data: { lawyerId: li.sub, minutesLate, attendance: 'late', ruleId: rules.id },
    });
    refused(await post(li, `/duty-shifts/${shiftId}/check-in`, {}), 409, 'ALREADY_CHECKED_IN');
    // A duty lawyer not on the rota checks into nothing.
    refused(await post(principal('duty-lawyer', { sub: 'duty-lawyer-wu' }), `/duty-shifts/${shiftId}/check-in`, {}), 409, 'NOT_ON_SHIFT');
  });

  it('services are given on a duty record opened on the shift; a record before the check-in is refused', async () => {
    const record = {
      agencyId: HZ,
      station: { kind: 'court', organisationId: STATION },
      personName: '赵五',
      criminalCaseReference: null,
      shiftId,
      lateEntryReason: 'paper-ledger',
    };
    refused(await post(li, '/duty-records', { ...record, openedAt: iso(startMs + 5 * MINUTE) }), 409, 'DUTY_OUTSIDE_SHIFT');
    const opened = ok(await post(li, '/duty-records', { ...record, openedAt: iso(startMs + 60 * MINUTE) }), 201);
    dutyId = opened.body.dutyId as string;
    ok(await post(li, `/duty-records/${dutyId}/consultations`, { at: iso(startMs + 70 * MINUTE), summary: '解答' }));
    ok(
      await post(li, `/duty-records/${dutyId}/procedure-advice`, {
        at: iso(startMs + 90 * MINUTE),
        summary: '程序建议',
        procedure: 'plea-leniency',
      }),
    );
    ok(await post(li, `/duty-shifts/${shiftId}/check-out`, { at: iso(startMs + 8 * 60 * MINUTE - 90 * MINUTE) }));
    expect(ok(await get(`/duty-shifts/${shiftId}`, reviewer)).body).toMatchObject({ records: [{ dutyId, lawyerId: li.sub }] });
  });

  it("the station's month counts the shift, the late place, the absent lawyer and the services by kind", async () => {
    await stack.settle();
    const month = chinaDateOf(startsAt).slice(0, 7);
    const r = ok(await get(`/duty-stations/${STATION}/figures?month=${month}`, supervisor));
    expect(r.body).toMatchObject({
      stationId: STATION,
      agencyId: HZ,
      shifts: 1,
      places: { planned: 2, attended: 1, onTime: 0, late: 1, absent: 1, pending: 0 },
      services: { byKind: { consultation: 1, 'procedure-advice': 1 }, onShift: 2, outsideShift: 0, total: 2 },
    });
    refused(
      await get(
        `/duty-stations/${STATION}/figures?month=${month}`,
        principal('agency-reviewer', { sub: 'reviewer-hf-01', org: 'agency:hf-shushan' }),
      ),
      403,
      'OUT_OF_SCOPE',
    );
  });

  it('duty pay is refused beyond the fund allocation, approved once money is allocated, and paid from it', async () => {
    const expected = rates.perShiftFen + rates.perServiceFen.consultation + rates.perServiceFen['procedure-advice'];
    const fund = { year: Number(chinaDateOf(new Date().toISOString()).slice(0, 4)), source: 'central-lottery-fund' };
    ok(await post(finance, '/funds/allocations', { agencyId: HZ, ...fund, amountFen: expected - 1, reference: '彩票公益金〔1〕' }));
    refused(await post(finance, `/duty-shifts/${shiftId}/pay/approval`, { lawyerId: li.sub, fund }), 409, 'FUND_ALLOCATION_EXCEEDED');
    ok(await post(finance, '/funds/allocations', { agencyId: HZ, ...fund, amountFen: 1, reference: '彩票公益金〔2〕' }));
    const approved = ok(await post(finance, `/duty-shifts/${shiftId}/pay/approval`, { lawyerId: li.sub, fund }));
    expect(approved.body.pay).toMatchObject({
      attendance: 'late',
      services: { consultation: 1, 'procedure-advice': 1 },
      assessedFen: expected,
      approvedFen: expected,
      rateTableId: rates.id,
    });
    expect(approved.body.fund).toMatchObject({ allocatedFen: expected, committedFen: expected, remainingFen: 0 });
    const paid = ok(await post(finance, `/duty-shifts/${shiftId}/pay/payment`, { lawyerId: li.sub, reference: 'DUTY-2026-0001' }));
    expect(paid.body.payment).toMatchObject({ amountFen: expected, reference: 'DUTY-2026-0001' });
    expect(paid.body.fund).toMatchObject({ committedFen: 0, paidFen: expected, remainingFen: 0 });
    refused(
      await post(finance, `/duty-shifts/${shiftId}/pay/payment`, { lawyerId: li.sub, reference: 'DUTY-2026-0002' }),
      409,
      'DUTY_PAY_ALREADY_PAID',
    );
    // The absent lawyer is assessed nothing.
    expect(ok(await post(finance, `/duty-shifts/${shiftId}/pay/approval`, { lawyerId: zhang.sub, fund })).body.pay).toMatchObject({
      attendance: 'absent',
      assessedFen: 0,
    });
    await stack.settle();
    const funds = ok(await get(`/funding/funds?agencyId=${HZ}`, finance)).body as { funds: { source: string; paidFen: number }[] };
    expect(funds.funds.find((f) => f.source === 'central-lottery-fund')).toMatchObject({ paidFen: expected });
  });
});

describe('complaints about a window clerk and about the agency, handled and counted', () => {
  it('are lodged on a case, handled by the supervisor, and counted per subject kind', async () => {
    const clerk = `clerk-chen-${newKey()}`;
    ok(
      await post(admin, '/workers', {
        ...validBody('RegisterAidWorker', { org: HZ, agencyId: HZ, workerId: clerk }),
        kind: 'grassroots-legal-worker',
      }),
      201,
    );
    await stack.settle();
    const before = ok(await get(`/quality/agency?agencyId=${HZ}`, supervisor)).body as {
      scorecard: { complaints: { bySubject: Record<string, { lodged: number; resolved: number; substantiated: number }> } };
    };
    const caseId = ok(await post(reviewer, '/applications', validBody('ReceiveApplication', { org: HZ, agencyId: HZ, workerId: '' })), 201)
      .body.caseId as string;
    const lodge = (complaintId: string, about: unknown) =>
      post(reviewer, `/cases/${caseId}/complaints`, {
        complaintId,
        summary: '窗口态度冷漠',
        requestsChangeOfWorker: false,
        lodgedAt: new Date().toISOString(),
        about,
      });
    refused(await lodge('cmp-x', { kind: 'staff', workerId: 'nobody-here' }), 409, 'COMPLAINT_SUBJECT_INVALID');
    refused(await lodge('cmp-y', { kind: 'agency', organisationId: 'agency:nb-haishu' }), 409, 'COMPLAINT_SUBJECT_INVALID');
    ok(await lodge('cmp-staff', { kind: 'staff', workerId: clerk }));
    ok(await lodge('cmp-agency', { kind: 'agency', organisationId: HZ }));
    const handle = (complaintId: string, finding: string) =>
      post(supervisor, `/cases/${caseId}/supervision/complaint-handling`, {
        ...validBody('RecordComplaintHandling', { org: HZ, agencyId: HZ, workerId: '' }),
        complaintId,
        finding,
      });
    ok(await handle('cmp-staff', 'substantiated'));
    ok(await handle('cmp-agency', 'unsubstantiated'));
    await stack.settle();
    const after = ok(await get(`/quality/agency?agencyId=${HZ}`, supervisor)).body as typeof before;
    const delta = (kind: string, field: 'lodged' | 'resolved' | 'substantiated') =>
      after.scorecard.complaints.bySubject[kind]![field] - before.scorecard.complaints.bySubject[kind]![field];
    expect([delta('staff', 'lodged'), delta('staff', 'resolved'), delta('staff', 'substantiated')]).toEqual([1, 1, 1]);
    expect([delta('agency', 'lodged'), delta('agency', 'resolved'), delta('agency', 'substantiated')]).toEqual([1, 1, 0]);
    expect(delta('lawyer', 'lodged')).toBe(0);
  });
});

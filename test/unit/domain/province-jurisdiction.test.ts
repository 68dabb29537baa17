import { describe, expect, it } from 'vitest';
import { decideAssignment, noticeCounterKeyFor } from '../../../domain/case/assignment.ts';
import type { CaseCommandOf } from '../../../domain/case/commands.ts';
import { caseDecider } from '../../../domain/case/decider.ts';
import { jurisdictionOf } from '../../../domain/case/jurisdiction.ts';
import { provinceOfReceipt } from '../../../domain/case/receiving-agency.ts';
import { fundsOfPayment, evolveSubsidy, initialSubsidyState } from '../../../domain/funding/subsidy.ts';
import { referralDecider } from '../../../domain/referral/decider.ts';
import type { ReferralCommand } from '../../../domain/referral/commands.ts';
import { ApplicationReceived } from '../../../events/catalogue/applying-events.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { SubsidyEvent } from '../../../events/catalogue/funding-events.ts';
import { deciderSpec, refusalOf } from '../../support/decider-spec.ts';
import { T, applicationData, context, granted, lawyer, meansWithin, notificationData, received, stateOf } from './fixtures.ts';
import { seededRegistry } from './organisation-fixtures.ts';

// Province, rule set, notices and funds follow the agency in the registry (issue 15, point 4), and
// an application goes to the agency competent for its matter (Art 38, point 5): on the seed's tree.

const registry = seededRegistry();
const XIHU = 'agency:hz-xihu';
const SHUSHAN = 'agency:hf-shushan';
const JIANGGAN = 'agency:hz-jianggan';
const SHANGCHENG = 'agency:hz-shangcheng';
const NOW = T('2026-03-05 09:00');
const withRegistry = { ...context(NOW), registry };
const caseSpec = deciderSpec(caseDecider, withRegistry);

/** An application as a client sends it now: no province, the registry gives it. */
const application = (over: Record<string, unknown> = {}): CaseCommandOf<'ReceiveApplication'> => {
  const { province: _typedIn, ...data } = applicationData({ agencyId: XIHU, ...over });
  return { type: 'ReceiveApplication', data: { ...data, ...over } };
};

describe("a case's province is its agency's, in the registry on the day of receipt", () => {
  it('Hangzhou and Hefei agencies lie in Zhejiang (33) and Anhui (34)', () => {
    expect(provinceOfReceipt(registry, XIHU, NOW)).toBe('33');
    expect(provinceOfReceipt(registry, SHUSHAN, NOW)).toBe('34');
    expect(provinceOfReceipt(registry, 'agency:zj', NOW)).toBe('33');
  });

  it('an application without a province is received in its agency province', () => {
    const [event] = caseSpec.given([]).when(application()).events();
    expect(event).toMatchObject({ type: 'ApplicationReceived', data: { agencyId: XIHU, province: '33' } });
  });

  it('a province named in the request must be that one: 34 at a Hangzhou agency is refused on the field', () => {
    caseSpec
      .given([])
      .when(application({ province: '33' }))
      .events();
    const refusal = caseSpec
      .given([])
      .when(application({ province: '34' }))
      .thenThrows('PROVINCE_MISMATCH');
    expect(refusal.field).toBe('province');
  });

  it("Zhejiang's rules judge the case: its local waiver is in force, Anhui's is not", () => {
    const history = caseSpec.given([]).when(application()).events() as CaseEvent[];
    const waive = (code: string): CaseCommandOf<'WaiveMeansCheck'> => ({
      type: 'WaiveMeansCheck',
      data: { ground: { kind: 'local', code }, proof: ['低收入家庭认定书'] },
    });
    expect(caseSpec.given(history).when(waive('low-income-household')).events()[0]).toMatchObject({ data: { ruleSetId: 'zhejiang-2025' } });
    caseSpec.given(history).when(waive('poverty-alleviation-target')).thenThrows('LOCAL_WAIVER_NOT_IN_FORCE');
  });

  it('an agency the registry does not know, another kind of organisation, or one not open that day is refused on agencyId', () => {
    for (const [agencyId, code] of [
      ['agency:nowhere', 'AGENCY_NOT_REGISTERED'],
      ['court:hz-xihu', 'NOT_A_LEGAL_AID_AGENCY'],
      [JIANGGAN, 'AGENCY_NOT_OPEN'],
    ] as const) {
      expect(caseSpec.given([]).when(application({ agencyId })).thenThrows(code).field).toBe('agencyId');
    }
  });

  it('the merger is dated: Jianggan receives until 2021-04-08, not from 2021-04-09', () => {
    expect(provinceOfReceipt(registry, JIANGGAN, T('2021-04-08 17:00'))).toBe('33');
    expect(refusalOf(() => provinceOfReceipt(registry, JIANGGAN, T('2021-04-09 08:00'))).code).toBe('AGENCY_NOT_OPEN');
  });

  it('a notification names an agency that must exist and be open; its province comes from that agency', () => {
    const { province: _typedIn, allowedNotificationDays: _d, lateNotification: _l, formOfAid: _f, ...data } = notificationData();
    const notify = (agencyId: string): CaseCommandOf<'ReceiveDefenceNotification'> => ({
      type: 'ReceiveDefenceNotification',
      data: { ...data, agencyId },
    });
    expect(caseSpec.given([]).when(notify(SHUSHAN)).events()[0]).toMatchObject({ data: { agencyId: SHUSHAN, province: '34' } });
    expect(caseSpec.given([]).when(notify('agency:nowhere')).thenThrows('AGENCY_NOT_REGISTERED').field).toBe('agencyId');
  });

  it('without the registry (a decision on its own) the command must name the province', () => {
    const { province: _p, ...data } = applicationData();
    expect(refusalOf(() => caseDecider.decide({ type: 'ReceiveApplication', data }, stateOf([]), context(NOW))).code).toBe(
      'PROVINCE_REQUIRED',
    );
  });
});

describe('Art 38: the competent agency from the registry', () => {
  const competent = (place: { handlingAuthorityId?: string; matterDivisionCode?: string }, at = NOW) => {
    const j = jurisdictionOf(registry, place, at);
    return j.placed ? j.competent : null;
  };

  it('a matter before a basic court goes to the agency of that court county', () => {
    expect(competent({ handlingAuthorityId: 'court:hf-shushan' })).toEqual([SHUSHAN]);
    expect(competent({ handlingAuthorityId: 'procuratorate:hz-xihu' })).toEqual([XIHU]);
    expect(competent({ handlingAuthorityId: 'police:hz-xihu' })).toEqual([XIHU]);
  });

  it("a matter before an intermediate court goes to the city's agency: the agency at the court's level", () => {
    expect(competent({ handlingAuthorityId: 'court:hz' })).toEqual(['agency:hz-city']);
  });

  it('a non-litigation matter goes to the agency where it arose, by division code', () => {
    expect(competent({ matterDivisionCode: '330106' })).toEqual([XIHU]);
    expect(competent({ matterDivisionCode: '340422' })).toEqual(['agency:huainan-shouxian']);
    expect(competent({ matterDivisionCode: '330100' })).toEqual(['agency:hz-city']);
  });

  it('a code without a bureau of its own falls back to its city, an abolished one follows its merger', () => {
    expect(competent({ matterDivisionCode: '330199' })).toEqual(['agency:hz-city']);
    expect(competent({ matterDivisionCode: '330104' }, T('2021-04-08 12:00'))).toEqual([JIANGGAN]);
    expect(competent({ matterDivisionCode: '330104' }, NOW)).toEqual([SHANGCHENG]);
  });

  it('the handling authority places the matter before the division code', () => {
    expect(competent({ handlingAuthorityId: 'court:hf-shushan', matterDivisionCode: '330106' })).toEqual([SHUSHAN]);
  });

  it('a place the registry cannot place leaves the application where it was received', () => {
    expect(competent({ matterDivisionCode: '110101' })).toBeNull();
    expect(competent({})).toBeNull();
    caseSpec
      .given([])
      .when(application({ matterDivisionCode: '110101' }))
      .events();
  });

  it('the place fields are optional on the stored event: an application stored before them reads unchanged', () => {
    const stored = applicationData({ agencyId: XIHU, province: '33' });
    expect(ApplicationReceived.schema.parse(stored)).toEqual(stored);
    expect(ApplicationReceived.schema.safeParse({ ...stored, matterDivisionCode: '330006' }).success).toBe(false);
  });

  it('a handling authority the registry does not hold, or that is no authority, is refused on its field', () => {
    for (const id of ['court:nowhere', 'agency:hz-xihu', 'detention-centre:hz-1']) {
      const refusal = refusalOf(() => jurisdictionOf(registry, { handlingAuthorityId: id }, NOW));
      expect([refusal.code, refusal.field]).toEqual(['HANDLING_AUTHORITY_UNKNOWN', 'handlingAuthorityId']);
    }
  });

  it('the case decider never receives an application for another area: a Hefei court matter at Xihu is refused', () => {
    caseSpec
      .given([])
      .when(application({ handlingAuthorityId: 'court:hz-xihu' }))
      .events();
    const refusal = caseSpec
      .given([])
      .when(application({ handlingAuthorityId: 'court:hf-shushan' }))
      .thenThrows('AGENCY_NOT_COMPETENT');
    expect(refusal.field).toBe('handlingAuthorityId');
    expect(refusal.message).toContain(SHUSHAN);
  });
});

describe('Art 38: the referral', () => {
  const spec = deciderSpec(referralDecider, withRegistry);
  const refer = (over: Record<string, unknown> = {}): ReferralCommand => {
    const { caseId: _c, ...data } = application(over).data;
    return { type: 'ReferApplication', data: { ...data, referralId: 'ref-1' } };
  };

  it('records the application, the competent agency and why', () => {
    const [event] = spec
      .given([])
      .when(refer({ handlingAuthorityId: 'court:hf-shushan' }))
      .events();
    expect(event).toMatchObject({
      type: 'ApplicationReferred',
      data: {
        referralId: 'ref-1',
        agencyId: XIHU,
        province: '33',
        competentAgencyId: SHUSHAN,
        competentProvince: '34',
        basis: 'handling-authority',
        areaId: 'justice-bureau:hf-shushan',
        referredAt: NOW,
      },
    });
  });

  it('never refers what the agency is competent for, nor what cannot be placed, nor twice', () => {
    spec
      .given([])
      .when(refer({ handlingAuthorityId: 'court:hz-xihu' }))
      .thenThrows('AGENCY_COMPETENT');
    spec
      .given([])
      .when(refer({ matterDivisionCode: '110101' }))
      .thenThrows('AGENCY_COMPETENT');
    const history = spec
      .given([])
      .when(refer({ matterDivisionCode: '340104' }))
      .events();
    spec
      .given(history)
      .when(refer({ matterDivisionCode: '340104' }))
      .thenThrows('REFERRAL_EXISTS');
  });

  it("checks the application as a receipt would: the agency's province and the form of aid", () => {
    spec
      .given([])
      .when(refer({ handlingAuthorityId: 'court:hf-shushan', province: '34' }))
      .thenThrows('PROVINCE_MISMATCH');
    spec
      .given([])
      .when(refer({ handlingAuthorityId: 'court:hf-shushan', formOfAid: 'criminal-defence' }))
      .thenThrows('FORM_OF_AID_MISMATCH');
  });
});

describe('notices and funds follow the agency holding the records after a merger', () => {
  it("an assignment is numbered on Jianggan's counter before the merger, on Shangcheng's from the day of it", () => {
    const state = stateOf([received({ agencyId: JIANGGAN, province: '33' })]);
    expect(noticeCounterKeyFor(state, T('2021-04-08 12:00'), registry)).toEqual({ agencyId: JIANGGAN, year: 2021 });
    expect(noticeCounterKeyFor(state, T('2021-04-09 09:00'), registry)).toEqual({ agencyId: SHANGCHENG, year: 2021 });
  });

  it("after a merger the successor's lawyer is assigned under the successor's next number; the absorbed agency's counter is refused", () => {
    // The law's rules start in 2022, so a case that outlives a merger is one of a later merger: Binjiang into Xihu.
    const BINJIANG = 'agency:hz-binjiang';
    const merged = seededRegistry([
      { organisationId: BINJIANG, command: { type: 'MergeOrganisation', data: { successorId: XIHU, effectiveFrom: '2026-03-04' } } },
    ]);
    const state = stateOf([
      received({ agencyId: BINJIANG, province: '33', receivedAt: T('2026-03-02 09:00') }),
      meansWithin(T('2026-03-02 10:00')),
      granted(T('2026-03-03 09:00')),
    ]);
    const assign = { type: 'AssignAidWorker' as const, data: { workerId: 'lawyer-wang' } };
    const ctx = { ...context(NOW), registry: merged };
    const decision = decideAssignment(assign, state, { agencyId: XIHU, year: 2026, lastNumber: 6 }, lawyer({ agencyId: XIHU }), ctx);
    expect(decision.notice).toEqual([expect.objectContaining({ data: expect.objectContaining({ agencyId: XIHU, noticeNumber: 7 }) })]);
    expect(decision.case).toEqual([expect.objectContaining({ data: expect.objectContaining({ noticeAgencyId: XIHU, noticeNumber: 7 }) })]);
    const refusal = (counterAgency: string, workerAgency: string, c = ctx) =>
      refusalOf(() =>
        decideAssignment(assign, state, { agencyId: counterAgency, year: 2026, lastNumber: 0 }, lawyer({ agencyId: workerAgency }), c),
      ).code;
    expect(refusal(BINJIANG, XIHU)).toBe('NOTICE_COUNTER_MISMATCH');
    expect(refusal(XIHU, 'agency:hz-gongshu')).toBe('WORKER_OF_OTHER_AGENCY');
    // The day before the merger Binjiang still numbers its own notices, with its own lawyers.
    const before = { ...context(T('2026-03-03 12:00')), registry: merged };
    expect(refusal(XIHU, XIHU, before)).toBe('NOTICE_COUNTER_MISMATCH');
    expect(refusal(BINJIANG, XIHU, before)).toBe('WORKER_OF_OTHER_AGENCY');
  });

  it("a subsidy approved on Jianggan's fund is paid from the fund of the agency paying today", () => {
    const approved: SubsidyEvent = {
      type: 'SubsidyApproved',
      data: {
        caseId: 'case-1',
        agencyId: JIANGGAN,
        workerId: 'lawyer-wang',
        rateTableId: 'subsidy-zhejiang-2022',
        relevantDate: '2021-03-03',
        baseFen: 100_000,
        adjustmentPercent: 0,
        assessedFen: 100_000,
        approvedFen: 100_000,
        fund: { agencyId: JIANGGAN, year: 2021, source: 'local-budget' },
        note: '',
        approvedAt: T('2021-04-01 09:00'),
      },
    };
    const subsidy = [approved].reduce(evolveSubsidy, initialSubsidyState());
    const paying = registry.resolve(JIANGGAN, '2026-03-05');
    expect(fundsOfPayment({ fund: { year: 2026, source: 'local-budget' }, reference: 'p-1' }, subsidy, paying)).toEqual({
      target: { agencyId: SHANGCHENG, year: 2026, source: 'local-budget' },
      committed: { agencyId: JIANGGAN, year: 2021, source: 'local-budget' },
    });
  });
});

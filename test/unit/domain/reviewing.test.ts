import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { caseSpec, meansWithin, received, T } from './fixtures.ts';

const NOW = T('2026-03-05 09:00');
const requested = (items = ['劳动合同', '工资条'], at = T('2026-03-03 09:00')): CaseEvent => ({
  type: 'MaterialsRequested',
  data: { items, requestedAt: at },
});
const supplied = (items: string[], at = T('2026-03-04 09:00')): CaseEvent => ({
  type: 'MaterialsSupplied',
  data: { items, suppliedAt: at },
});

describe('materials (Art 43: everything missing, at once)', () => {
  it('requests every missing item in one list', () => {
    caseSpec
      .given([received()])
      .when({ type: 'RequestMaterials', data: { items: ['劳动合同', '工资条', '劳动合同'] } })
      .then([{ type: 'MaterialsRequested', data: { items: ['劳动合同', '工资条'], requestedAt: NOW } }]);
  });

  it('refuses an empty list', () => {
    caseSpec
      .given([received()])
      .when({ type: 'RequestMaterials', data: { items: ['  '] } })
      .thenThrows('MATERIALS_LIST_EMPTY');
  });

  it('refuses a second request while the first is outstanding, also when partly supplied', () => {
    caseSpec
      .given([received(), requested()])
      .when({ type: 'RequestMaterials', data: { items: ['身份证'] } })
      .thenThrows('MATERIALS_ALREADY_REQUESTED');
    caseSpec
      .given([received(), requested(), supplied(['劳动合同'])])
      .when({ type: 'RequestMaterials', data: { items: ['身份证'] } })
      .thenThrows('MATERIALS_ALREADY_REQUESTED');
  });

  it('allows a new request once the first is complete', () => {
    caseSpec
      .given([received(), requested(), supplied(['劳动合同', '工资条'])])
      .when({ type: 'RequestMaterials', data: { items: ['身份证'] } })
      .events();
  });

  it('records supply of requested items and refuses items not requested', () => {
    caseSpec
      .given([received(), requested()])
      .when({ type: 'SupplyMaterials', data: { items: ['工资条'], suppliedAt: T('2026-03-04 09:00') } })
      .then([supplied(['工资条'])]);
    caseSpec
      .given([received(), requested()])
      .when({ type: 'SupplyMaterials', data: { items: ['户口本'], suppliedAt: T('2026-03-04 09:00') } })
      .thenThrows('MATERIAL_NOT_REQUESTED');
    caseSpec
      .given([received()])
      .when({ type: 'SupplyMaterials', data: { items: ['工资条'], suppliedAt: T('2026-03-04 09:00') } })
      .thenThrows('NO_MATERIALS_OUTSTANDING');
  });

  it('refuses a supply dated before the request', () => {
    caseSpec
      .given([received(), requested()])
      .when({ type: 'SupplyMaterials', data: { items: ['工资条'], suppliedAt: T('2026-03-02 09:00') } })
      .thenThrows('TIME_OUT_OF_ORDER');
  });

  it('refuses to decide while materials are outstanding', () => {
    caseSpec
      .given([received(), meansWithin(), requested()])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 31(5)' } })
      .thenThrows('MATERIALS_OUTSTANDING');
    caseSpec
      .given([received(), requested()])
      .when({ type: 'RefuseAid', data: { legalBasis: 'Art 31', reasons: '不属于援助事项' } })
      .thenThrows('MATERIALS_OUTSTANDING');
  });
});

describe('means condition (Art 34, Art 41)', () => {
  it('Art 41: assesses by integrity pledge or data-sharing query', () => {
    caseSpec
      .given([received()])
      .when({ type: 'AssessMeans', data: { method: 'data-sharing-query', result: 'within-standard', reference: 'MZ-2026-0001' } })
      .then([
        {
          type: 'MeansAssessed',
          data: { method: 'data-sharing-query', result: 'within-standard', reference: 'MZ-2026-0001', assessedAt: NOW },
        },
      ]);
  });

  it('Art 41: refuses to grant before the means condition is settled', () => {
    caseSpec
      .given([received()])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 31(5)' } })
      .thenThrows('MEANS_CONDITION_UNSETTLED');
  });

  it('Art 34: refuses to grant to an applicant above the standard; a later query can find them within it', () => {
    const above: CaseEvent = {
      type: 'MeansAssessed',
      data: { method: 'integrity-pledge', result: 'above-standard', reference: null, assessedAt: T('2026-03-02 10:00') },
    };
    caseSpec
      .given([received(), above])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 31(5)' } })
      .thenThrows('MEANS_CONDITION_NOT_MET');
    caseSpec
      .given([received(), above, meansWithin(T('2026-03-03 10:00'))])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 31(5)' } })
      .events();
  });
});

describe('no means test (Art 32)', () => {
  it('exempts a good-Samaritan civil claim, and a grant needs nothing more', () => {
    const history = caseSpec
      .given([received({ category: 'civil', formOfAid: 'litigation-representation' })])
      .when({ type: 'ExemptFromMeansTest', data: { ground: 'good-samaritan-claim', note: '见义勇为确认书' } })
      .events();
    caseSpec
      .given([received({ category: 'civil', formOfAid: 'litigation-representation' }), ...history])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 32(2)' } })
      .events();
  });

  it('refuses a ground that does not fit the matter (state compensation after acquittal for a labour claim)', () => {
    caseSpec
      .given([received()])
      .when({ type: 'ExemptFromMeansTest', data: { ground: 'state-compensation-after-retrial-acquittal', note: '' } })
      .thenThrows('ART32_GROUND_CATEGORY_MISMATCH');
  });

  it('refuses "other by law" without naming the law', () => {
    caseSpec
      .given([received()])
      .when({ type: 'ExemptFromMeansTest', data: { ground: 'other-by-law', note: ' ' } })
      .thenThrows('LEGAL_BASIS_REQUIRED');
  });

  it('refuses to assess means once exempt', () => {
    const exempt: CaseEvent = {
      type: 'MeansTestExempted',
      data: { ground: 'other-by-law', note: '某条例', exemptedAt: T('2026-03-02 10:00') },
    };
    caseSpec
      .given([received(), exempt])
      .when({ type: 'AssessMeans', data: { method: 'integrity-pledge', result: 'above-standard', reference: null } })
      .thenThrows('MEANS_ALREADY_SETTLED');
  });
});

describe('means check waived with proof (Art 42, local waivers as rule data)', () => {
  it('waives for a migrant worker claiming wages, with proof', () => {
    caseSpec
      .given([received()])
      .when({
        type: 'WaiveMeansCheck',
        data: { ground: { kind: 'art42', item: 'migrant-worker-wages-or-work-injury' }, proof: ['务工证明'] },
      })
      .then([
        {
          type: 'MeansCheckWaived',
          data: {
            ground: { kind: 'art42', item: 'migrant-worker-wages-or-work-injury' },
            proof: ['务工证明'],
            ruleSetId: 'national-2022',
            waivedAt: NOW,
          },
        },
      ]);
  });

  it('refuses a waiver without proof', () => {
    caseSpec
      .given([received()])
      .when({ type: 'WaiveMeansCheck', data: { ground: { kind: 'art42', item: 'migrant-worker-wages-or-work-injury' }, proof: [' '] } })
      .thenThrows('WAIVER_PROOF_REQUIRED');
  });

  it('waives for a poverty-alleviation target in Anhui (its rule set), refuses the same waiver in Beijing (none there)', () => {
    const waiver: CaseCommand = {
      type: 'WaiveMeansCheck',
      data: { ground: { kind: 'local', code: 'poverty-alleviation-target' }, proof: ['建档立卡证明'] },
    };
    const [event] = caseSpec
      .given([received({ province: '34', agencyId: 'agency:ah-shouxian' })])
      .when(waiver)
      .events();
    expect(event).toMatchObject({ data: { ruleSetId: 'anhui-2022' } });
    caseSpec
      .given([received({ province: '11' })])
      .when(waiver)
      .thenThrows('LOCAL_WAIVER_NOT_IN_FORCE');
  });
});

describe('aid before review ends (Art 44)', () => {
  const limitation = (limitationEndsOn: string) =>
    ({ type: 'ProvideAidBeforeReview', data: { trigger: { kind: 'limitation-expiring', limitationEndsOn } } }) as const;

  it('provides aid when the limitation ends in 6 days', () => {
    caseSpec
      .given([received()])
      .when(limitation('2026-03-11'))
      .then([
        {
          type: 'AidProvidedBeforeReview',
          data: { trigger: { kind: 'limitation-expiring', limitationEndsOn: '2026-03-11' }, providedAt: NOW },
        },
      ]);
  });

  it('refuses when the limitation ends in 7 days or has already ended', () => {
    caseSpec.given([received()]).when(limitation('2026-03-12')).thenThrows('ART44_TRIGGER_NOT_MET');
    caseSpec.given([received()]).when(limitation('2026-03-04')).thenThrows('ART44_TRIGGER_NOT_MET');
  });

  it('provides aid for property preservation without a means finding, and lets it be assigned', () => {
    const events = caseSpec
      .given([received()])
      .when({
        type: 'ProvideAidBeforeReview',
        data: { trigger: { kind: 'preservation-or-advance-execution', measure: 'property-preservation' } },
      })
      .events();
    expect(caseSpec.given([received(), ...events]).state()).toMatchObject({
      status: 'awaiting-assignment',
      assignmentDueFrom: NOW,
      review: { decision: 'pending', means: 'unsettled' },
    });
  });

  it('refuses to provide it twice', () => {
    const provided: CaseEvent = {
      type: 'AidProvidedBeforeReview',
      data: { trigger: { kind: 'preservation-or-advance-execution', measure: 'advance-execution' }, providedAt: T('2026-03-03 09:00') },
    };
    caseSpec.given([received(), provided]).when(limitation('2026-03-10')).thenThrows('AID_ALREADY_PROVIDED');
  });
});

describe('the decision (Art 43: 审批有依据, 不批准也有依据)', () => {
  it('grants with its legal basis', () => {
    caseSpec
      .given([received(), meansWithin()])
      .when({ type: 'GrantAid', data: { legalBasis: 'Art 31(5)' } })
      .then([{ type: 'AidGranted', data: { legalBasis: 'Art 31(5)', grantedBy: 'agency', objectionId: null, decidedAt: NOW } }]);
  });

  it('refuses a grant without a legal basis', () => {
    caseSpec
      .given([received(), meansWithin()])
      .when({ type: 'GrantAid', data: { legalBasis: '  ' } })
      .thenThrows('LEGAL_BASIS_REQUIRED');
  });

  it('refuses aid with basis and written reasons', () => {
    caseSpec
      .given([received()])
      .when({ type: 'RefuseAid', data: { legalBasis: 'Art 31', reasons: '不属于法律援助事项范围' } })
      .then([{ type: 'AidRefused', data: { legalBasis: 'Art 31', reasons: '不属于法律援助事项范围', decidedAt: NOW } }]);
  });

  it('refuses a refusal without reasons, or without a basis', () => {
    caseSpec
      .given([received()])
      .when({ type: 'RefuseAid', data: { legalBasis: 'Art 31', reasons: '' } })
      .thenThrows('REFUSAL_REASONS_REQUIRED');
    caseSpec
      .given([received()])
      .when({ type: 'RefuseAid', data: { legalBasis: '', reasons: '不属于法律援助事项范围' } })
      .thenThrows('LEGAL_BASIS_REQUIRED');
  });

  it('refuses to decide twice', () => {
    const granted: CaseEvent = {
      type: 'AidGranted',
      data: { legalBasis: 'Art 31(5)', grantedBy: 'agency', objectionId: null, decidedAt: T('2026-03-03 09:00') },
    };
    caseSpec
      .given([received(), meansWithin(), granted])
      .when({ type: 'RefuseAid', data: { legalBasis: 'Art 31', reasons: 'x' } })
      .thenThrows('REVIEW_ALREADY_DECIDED');
  });
});

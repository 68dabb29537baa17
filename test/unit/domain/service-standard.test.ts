import { describe, expect, it } from 'vitest';
import { serviceAssessmentDecider } from '../../../domain/standard/assessment.ts';
import type { ServiceStandardCommand } from '../../../domain/standard/commands.ts';
import { passRates } from '../../../domain/standard/pass-rates.ts';
import { itemsOf, maxTotalOf, serviceStandardFor, serviceStandards } from '../../../domain/standard/service-standard.ts';
import type { ServiceStandardEvent } from '../../../events/catalogue/service-standard-events.ts';
import type { Actor } from '../../../events/envelope.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { T } from './fixtures.ts';
import { seededRegistry } from './organisation-fixtures.ts';

// Issue 20 point 2: the service standard (规范服务达标) as dated data; an agency's or workstation's
// year: opened, self-assessed, inspected once by a bureau above it, passed or failed by the pass mark.

const NOW = T('2026-03-05 09:00');
const XIHU = 'agency:hz-xihu';
const STATION = 'workstation:hz-xihu-lingyin';
const agencyAdmin: Actor = { id: 'admin-xihu', role: 'administrator', organisation: XIHU };
const cityAdmin: Actor = { id: 'officer-hz', role: 'administrator', organisation: 'justice-bureau:hz' };
const hefeiAdmin: Actor = { id: 'officer-hf', role: 'administrator', organisation: 'justice-bureau:hf' };
const registry = seededRegistry();
const spec = deciderSpec(serviceAssessmentDecider, { now: NOW, actor: cityAdmin, registry, province: null });

const agencyStandard = serviceStandardFor('agency', null, NOW)!;
const stationStandard = serviceStandardFor('workstation', null, NOW)!;

const opened = (organisationId: string, subject: 'agency' | 'workstation', standardId: string): ServiceStandardEvent => ({
  type: 'ServiceAssessmentOpened',
  data: { assessmentId: 'sa-1', organisationId, subject, agencyId: XIHU, year: 2025, standardId, openedAt: T('2026-01-10 09:00') },
});
const fullMarks = (standard = agencyStandard) =>
  itemsOf(standard).map((i) => ({ itemId: i.id, score: i.maxPoints, evidence: ['自查报告'] }));
const selfAssessed: ServiceStandardEvent = {
  type: 'ServiceSelfAssessed',
  data: { assessmentId: 'sa-1', items: fullMarks(), total: maxTotalOf(agencyStandard), assessedAt: T('2026-01-20 09:00') },
};
type Inspected = { itemId: string; deductions: { deductionId: string; times: number; reason: string }[]; evidence: string[] };
const noDeductions = (standard = agencyStandard): Inspected[] =>
  itemsOf(standard).map((i) => ({ itemId: i.id, deductions: [], evidence: [] }));
const inspect = (items = noDeductions(), modelStation?: boolean): ServiceStandardCommand => ({
  type: 'InspectService',
  data: { items, ...(modelStation === undefined ? {} : { modelStation }) },
});
const agencyOpened = opened(XIHU, 'agency', agencyStandard.id);

describe('the service standard as rule data', () => {
  it('holds the four areas of seed 002 and the two targets, each set with its source and marked illustrative', () => {
    expect(agencyStandard.areas.map((a) => a.name.slice(0, 4))).toEqual(['咨询接待', '受理审查', '指派监督', '质量保证']);
    expect(agencyStandard.targetPassRate).toBe(0.9);
    expect(stationStandard.modelStation?.targetShare).toBe(0.2);
    for (const s of serviceStandards) {
      expect(s.source.length).toBeGreaterThan(0);
      expect(s.passMark).toBeLessThanOrEqual(maxTotalOf(s));
      for (const i of itemsOf(s)) for (const d of i.deductions) expect(d.points).toBeLessThanOrEqual(i.maxPoints);
    }
  });
  it('is chosen as in force on the date: none before the first set', () => {
    expect(serviceStandardFor('agency', null, T('2004-06-01 09:00'))).toBeNull();
    expect(serviceStandardFor('agency', 'justice-department:zj', NOW)?.id).toBe(agencyStandard.id);
  });
});

describe("an organisation's year", () => {
  it('is opened by its agency for the agency or a workstation under it, with the standard in force', () => {
    spec
      .given([])
      .when({ type: 'OpenServiceAssessment', data: { assessmentId: 'sa-1', organisationId: STATION, year: 2025 } }, { actor: agencyAdmin })
      .then([
        {
          type: 'ServiceAssessmentOpened',
          data: {
            assessmentId: 'sa-1',
            organisationId: STATION,
            subject: 'workstation',
            agencyId: XIHU,
            year: 2025,
            standardId: stationStandard.id,
            openedAt: NOW,
          },
        },
      ]);
    spec
      .given([])
      .when({ type: 'OpenServiceAssessment', data: { assessmentId: 'sa-1', organisationId: 'justice-bureau:hz', year: 2025 } })
      .thenThrows('NOT_ASSESSABLE');
    spec
      .given([])
      .when({ type: 'OpenServiceAssessment', data: { assessmentId: 'sa-1', organisationId: XIHU, year: 2027 } })
      .thenThrows('ASSESSMENT_YEAR_INVALID');
    spec
      .given([agencyOpened])
      .when({ type: 'OpenServiceAssessment', data: { assessmentId: 'sa-1', organisationId: XIHU, year: 2025 } })
      .thenThrows('ASSESSMENT_EXISTS');
  });
  it('is self-assessed on every item once, within each item’s points', () => {
    const items = fullMarks();
    const [event] = spec.given([agencyOpened]).when({ type: 'SelfAssessService', data: { items } }, { actor: agencyAdmin }).events();
    expect(event).toMatchObject({ type: 'ServiceSelfAssessed', data: { total: items.reduce((s, i) => s + i.score, 0) } });
    const over = items.map((i, n) => (n === 0 ? { ...i, score: i.score + 1 } : i));
    spec
      .given([agencyOpened])
      .when({ type: 'SelfAssessService', data: { items: over } })
      .thenThrows('POINTS_OVER_MAXIMUM');
    spec
      .given([agencyOpened])
      .when({ type: 'SelfAssessService', data: { items: [...items, { ...items[0]!, itemId: 'no-such-item' }] } })
      .thenThrows('UNKNOWN_STANDARD_ITEM');
    spec
      .given([agencyOpened])
      .when({ type: 'SelfAssessService', data: { items: items.slice(1) } })
      .thenThrows('STANDARD_ITEM_MISSING');
    spec.given([agencyOpened, selfAssessed]).when({ type: 'SelfAssessService', data: { items } }).thenThrows('ALREADY_SELF_ASSESSED');
  });
  it('is inspected by a bureau above it: each item its maximum less the deductions, passed at the pass mark', () => {
    const items = itemsOf(agencyStandard);
    // Deduct just enough to fall one point below the pass mark, spread over the items' first rules.
    const shortfall = maxTotalOf(agencyStandard) - agencyStandard.passMark + 1;
    let left = shortfall;
    const withDeductions = items.map((i) => {
      const rule = i.deductions[0]!;
      const times = Math.min(Math.ceil(left / rule.points), Math.floor(i.maxPoints / rule.points));
      left -= times * rule.points;
      return { itemId: i.id, deductions: times > 0 ? [{ deductionId: rule.id, times, reason: '抽查发现' }] : [], evidence: ['检查记录'] };
    });
    const [failed] = spec.given([agencyOpened, selfAssessed]).when(inspect(withDeductions)).events();
    // What the data says the deductions sent cost: each item its maximum less its rules' points × times.
    const expectedTotal = withDeductions.reduce((sum, sent) => {
      const item = items.find((i) => i.id === sent.itemId)!;
      const lost = sent.deductions.reduce((l, d) => l + item.deductions.find((r) => r.id === d.deductionId)!.points * d.times, 0);
      return sum + Math.max(0, item.maxPoints - lost);
    }, 0);
    expect(failed).toMatchObject({
      type: 'ServiceInspected',
      data: { bureauId: 'justice-bureau:hz', total: expectedTotal, passMark: agencyStandard.passMark, passed: false, modelStation: null },
    });
    expect(expectedTotal).toBeLessThan(agencyStandard.passMark);
    const [passed] = spec.given([agencyOpened, selfAssessed]).when(inspect()).events();
    expect(passed).toMatchObject({ data: { total: maxTotalOf(agencyStandard), passed: true } });
  });
  it('refuses an inspector it does not lie under, inspection before self-assessment, unknown rules, a second inspection', () => {
    spec.given([agencyOpened, selfAssessed]).when(inspect(), { actor: hefeiAdmin }).thenThrows('NOT_UNDER_INSPECTOR');
    spec.given([agencyOpened, selfAssessed]).when(inspect(), { actor: agencyAdmin }).thenThrows('NOT_UNDER_INSPECTOR');
    spec.given([agencyOpened]).when(inspect()).thenThrows('SELF_ASSESSMENT_REQUIRED');
    const unknown = noDeductions().map((i, n) => (n === 0 ? { ...i, deductions: [{ deductionId: 'nope', times: 1, reason: 'x' }] } : i));
    spec.given([agencyOpened, selfAssessed]).when(inspect(unknown)).thenThrows('UNKNOWN_DEDUCTION');
    spec.given([agencyOpened, selfAssessed]).when(inspect(noDeductions(), true)).thenThrows('MODEL_STATION_NOT_WORKSTATION');
    const inspected = spec.given([agencyOpened, selfAssessed]).when(inspect()).events();
    spec
      .given([agencyOpened, selfAssessed, ...inspected])
      .when(inspect())
      .thenThrows('ALREADY_INSPECTED');
    spec.given([]).when(inspect()).thenThrows('ASSESSMENT_NOT_FOUND');
  });
  it('finds a workstation a model station only at the model mark; its standard inspects without a self-assessment', () => {
    const stationOpened = opened(STATION, 'workstation', stationStandard.id);
    const [model] = spec
      .given([stationOpened])
      .when(inspect(noDeductions(stationStandard), true))
      .events();
    expect(model).toMatchObject({ data: { passed: true, modelStation: true } });
    const item = itemsOf(stationStandard)[0]!;
    const rule = [...item.deductions].sort((a, b) => b.points - a.points)[0]!;
    const times = Math.ceil((maxTotalOf(stationStandard) - stationStandard.modelStation!.minTotal + 1) / rule.points);
    const below = noDeductions(stationStandard).map((i) =>
      i.itemId === item.id ? { ...i, deductions: [{ deductionId: rule.id, times, reason: '未达示范' }] } : i,
    );
    spec.given([stationOpened]).when(inspect(below, true)).thenThrows('MODEL_STATION_BELOW_MARK');
    const [plain] = spec.given([stationOpened]).when(inspect(below)).events();
    expect(plain).toMatchObject({ data: { modelStation: false } });
  });
  it('folds to its state', () => {
    const state = spec.given([agencyOpened, selfAssessed]).state();
    expect(state).toMatchObject({
      status: 'self-assessed',
      organisationId: XIHU,
      year: 2025,
      selfAssessment: { total: maxTotalOf(agencyStandard) },
    });
  });
});

describe('the pass rates under a bureau', () => {
  const inspected = (
    organisationId: string,
    subject: 'agency' | 'workstation',
    total: number,
    passMark: number,
    modelStation: boolean | null,
  ) => ({
    ...serviceAssessmentDecider.initialState(),
    status: 'inspected' as const,
    organisationId,
    subject,
    inspection: { bureauId: 'justice-bureau:hz', items: [], total, passMark, passed: total >= passMark, modelStation, inspectedAt: NOW },
  });
  it('counts inspected agencies against the pass-rate target and model stations against the share target; a self-assessment alone counts nowhere', () => {
    const mark = agencyStandard.passMark;
    const states = [
      inspected('agency:a', 'agency', mark, mark, null),
      inspected('agency:b', 'agency', mark - 1, mark, null),
      {
        ...serviceAssessmentDecider.initialState(),
        status: 'self-assessed' as const,
        organisationId: 'agency:c',
        subject: 'agency' as const,
      },
      inspected('workstation:a', 'workstation', 100, stationStandard.passMark, true),
      inspected('workstation:b', 'workstation', 90, stationStandard.passMark, false),
      inspected('workstation:c', 'workstation', 90, stationStandard.passMark, false),
    ];
    const rates = passRates(states, { agency: agencyStandard, workstation: stationStandard });
    expect(rates.agencies).toMatchObject({ assessed: 2, passed: 1, passRate: 0.5, target: 0.9, met: false });
    expect(rates.workstations).toMatchObject({ assessed: 3, modelStations: 1, modelShare: 1 / 3, target: 0.2, met: true });
    expect(passRates([], { agency: agencyStandard, workstation: stationStandard }).agencies).toMatchObject({
      assessed: 0,
      passRate: null,
      met: null,
    });
  });
});

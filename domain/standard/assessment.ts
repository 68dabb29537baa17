import type { ServiceStandardEvent } from '../../events/catalogue/service-standard-events.ts';
import type { Actor } from '../../events/envelope.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { isJusticeKind, workstationKinds } from '../organisation/kinds.ts';
import type { Registry } from '../organisation/registry.ts';
import { chinaDateOf } from '../time/calendar.ts';
import type { ServiceStandardCommand } from './commands.ts';
import { itemsOf, serviceStandardFor, serviceStandards, type ServiceStandard, type ServiceStandardSubject } from './service-standard.ts';

// One organisation's assessment of one year against the service standard (规范服务达标, seed 002;
// workstations, seed 003) on `service-assessment#<id>`: opened by the agency that keeps it, its
// self-assessment (自查), then one inspection by a justice bureau above it in the registry, which
// scores each item from the deductions it makes and decides pass or fail by the standard chosen at
// opening. One stream per organisation and year, so a second inspection of the year is refused here.

type ItemScore = { itemId: string; score: number };

export type ServiceAssessmentState = {
  status: 'none' | 'open' | 'self-assessed' | 'inspected';
  assessmentId: string | null;
  organisationId: string | null;
  subject: ServiceStandardSubject | null;
  agencyId: string | null;
  year: number | null;
  standardId: string | null;
  openedAt: string | null;
  selfAssessment: { items: (ItemScore & { evidence: string[] })[]; total: number; assessedAt: string } | null;
  inspection: {
    bureauId: string;
    items: (ItemScore & { deductions: { deductionId: string; times: number; points: number; reason: string }[]; evidence: string[] })[];
    total: number;
    passMark: number;
    passed: boolean;
    modelStation: boolean | null;
    inspectedAt: string;
  } | null;
};

const initialState = (): ServiceAssessmentState => ({
  status: 'none',
  assessmentId: null,
  organisationId: null,
  subject: null,
  agencyId: null,
  year: null,
  standardId: null,
  openedAt: null,
  selfAssessment: null,
  inspection: null,
});

/** `registry`: what the organisation and the inspecting bureau are checked on; `province`: the organisation's, for the dated standard. */
export type ServiceAssessmentContext = { now: string; actor: Actor; registry?: Registry; province?: string | null };

const standardOf = (state: ServiceAssessmentState): ServiceStandard => {
  const standard = serviceStandards.find((s) => s.id === state.standardId);
  if (!standard) throw new Error(`standard ${state.standardId} is not held`);
  return standard;
};

/** Every item of the standard scored once, none unknown: what a total is only then the total of. */
const coversEveryItem = (standard: ServiceStandard, itemIds: readonly string[]) => {
  const known = new Map(itemsOf(standard).map((i) => [i.id, i]));
  itemIds.forEach((id, n) => {
    if (!known.has(id)) throw refuse('UNKNOWN_STANDARD_ITEM', `${id} is no item of ${standard.id}`, `items[${n}].itemId`);
    if (itemIds.indexOf(id) !== n) throw refuse('UNKNOWN_STANDARD_ITEM', `${id} is scored twice`, `items[${n}].itemId`);
  });
  const missing = [...known.keys()].filter((id) => !itemIds.includes(id));
  if (missing.length)
    throw refuse('STANDARD_ITEM_MISSING', `every item of ${standard.id} is scored; missing: ${missing.join(', ')}`, 'items');
  return known;
};

const subjectOf = (registry: Registry, organisationId: string, date: string): { subject: ServiceStandardSubject; agencyId: string } => {
  const kind = registry.isOpen(organisationId, date) ? registry.get(organisationId)?.kind : undefined;
  if (kind === 'legal-aid-agency') return { subject: 'agency', agencyId: organisationId };
  const parent = registry.parentOf(organisationId, date);
  if (kind && workstationKinds.includes(kind) && parent) return { subject: 'workstation', agencyId: parent };
  throw refuse('NOT_ASSESSABLE', `${organisationId} is not a legal-aid agency or workstation open on ${date}`, 'organisationId');
};

const decide = (
  command: ServiceStandardCommand,
  state: ServiceAssessmentState,
  context: ServiceAssessmentContext,
): ServiceStandardEvent[] => {
  const date = chinaDateOf(context.now);
  if (command.type === 'OpenServiceAssessment') {
    if (state.status !== 'none') throw refuse('ASSESSMENT_EXISTS', `${state.organisationId}'s assessment of ${state.year} is open`);
    const d = command.data;
    if (d.year > Number(date.slice(0, 4))) throw refuse('ASSESSMENT_YEAR_INVALID', `${d.year} has not begun`, 'year');
    if (!context.registry) throw new Error('an assessment is opened against the registry');
    const { subject, agencyId } = subjectOf(context.registry, d.organisationId, date);
    const standard = serviceStandardFor(subject, context.province ?? null, context.now);
    if (!standard) throw refuse('NO_SERVICE_STANDARD', `no ${subject} service standard was in force on ${date}`);
    return [{ type: 'ServiceAssessmentOpened', data: { ...d, subject, agencyId, standardId: standard.id, openedAt: context.now } }];
  }
  if (state.status === 'none') throw refuse('ASSESSMENT_NOT_FOUND', 'no such service assessment');
  if (state.status === 'inspected')
    throw refuse('ALREADY_INSPECTED', `${state.organisationId}'s ${state.year} was inspected by ${state.inspection!.bureauId}`);
  const standard = standardOf(state);
  if (command.type === 'SelfAssessService') {
    if (state.status === 'self-assessed') throw refuse('ALREADY_SELF_ASSESSED', `${state.organisationId} has self-assessed ${state.year}`);
    const known = coversEveryItem(
      standard,
      command.data.items.map((i) => i.itemId),
    );
    command.data.items.forEach((i, n) => {
      const max = known.get(i.itemId)!.maxPoints;
      if (i.score > max) throw refuse('POINTS_OVER_MAXIMUM', `${i.itemId} scores at most ${max}`, `items[${n}].score`);
    });
    const total = command.data.items.reduce((sum, i) => sum + i.score, 0);
    return [
      {
        type: 'ServiceSelfAssessed',
        data: { assessmentId: state.assessmentId!, items: command.data.items, total, assessedAt: context.now },
      },
    ];
  }
  // InspectService
  if (!context.registry) throw new Error('an inspection is decided against the registry');
  const bureauId = context.actor.organisation;
  const bureauKind = context.registry.isOpen(bureauId, date) ? context.registry.get(bureauId)?.kind : undefined;
  if (!bureauKind || !isJusticeKind(bureauKind) || !context.registry.liesUnder(state.organisationId!, bureauId, date))
    throw refuse('NOT_UNDER_INSPECTOR', `${state.organisationId} does not lie under ${bureauId}, a justice bureau that inspects it`);
  if (standard.selfAssessmentRequired && state.status !== 'self-assessed')
    throw refuse('SELF_ASSESSMENT_REQUIRED', `${standard.id} inspects after the organisation's self-assessment`);
  const d = command.data;
  const known = coversEveryItem(
    standard,
    d.items.map((i) => i.itemId),
  );
  const items = d.items.map((i, n) => {
    const item = known.get(i.itemId)!;
    const deductions = i.deductions.map((x, m) => {
      const rule = item.deductions.find((r) => r.id === x.deductionId);
      if (!rule)
        throw refuse('UNKNOWN_DEDUCTION', `${x.deductionId} is no deduction of ${item.id}`, `items[${n}].deductions[${m}].deductionId`);
      return { ...x, points: rule.points * x.times };
    });
    const score = Math.max(0, item.maxPoints - deductions.reduce((sum, x) => sum + x.points, 0));
    return { itemId: i.itemId, score, deductions, evidence: i.evidence };
  });
  const total = items.reduce((sum, i) => sum + i.score, 0);
  const passed = total >= standard.passMark;
  let modelStation: boolean | null = null;
  if (standard.modelStation) {
    modelStation = d.modelStation ?? false;
    if (modelStation && (!passed || total < standard.modelStation.minTotal))
      throw refuse(
        'MODEL_STATION_BELOW_MARK',
        `a model station scores at least ${standard.modelStation.minTotal}; this one ${total}`,
        'modelStation',
      );
  } else if (d.modelStation !== undefined)
    throw refuse(
      'MODEL_STATION_NOT_WORKSTATION',
      `${state.organisationId} is assessed as an ${state.subject}, not a workstation`,
      'modelStation',
    );
  return [
    {
      type: 'ServiceInspected',
      data: {
        assessmentId: state.assessmentId!,
        bureauId,
        items,
        total,
        passMark: standard.passMark,
        passed,
        modelStation,
        inspectedAt: context.now,
      },
    },
  ];
};

const evolve = (state: ServiceAssessmentState, event: ServiceStandardEvent): ServiceAssessmentState => {
  switch (event.type) {
    case 'ServiceAssessmentOpened': {
      const { openedAt, ...d } = event.data;
      return { ...state, status: 'open', ...d, openedAt };
    }
    case 'ServiceSelfAssessed': {
      const { items, total, assessedAt } = event.data;
      return { ...state, status: 'self-assessed', selfAssessment: { items, total, assessedAt } };
    }
    case 'ServiceInspected': {
      const { assessmentId: _id, ...inspection } = event.data;
      return { ...state, status: 'inspected', inspection };
    }
  }
};

export const serviceAssessmentDecider: Decider<
  ServiceStandardCommand,
  ServiceStandardEvent,
  ServiceAssessmentState,
  ServiceAssessmentContext
> = {
  decide,
  evolve,
  initialState,
};

import { againstOpinion } from './station.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import type { Art32Ground, Art44Trigger } from '../../../events/catalogue/deciding-events.ts';
import type { Category } from '../../../events/catalogue/vocabulary.ts';
import type { CommandsOf } from '../../commands.ts';
import { refuse } from '../../error-codes.ts';
import { notBefore, notInFuture, requireText } from '../../guards.ts';
import type { RuleSet } from '../../rules/rule-set.ts';
import { chinaDateOf, daysBetweenDates } from '../../time/calendar.ts';
import type { reviewingCommandSchemas } from '../commands/reviewing.ts';
import { ruleSetOfCase, type CaseContext } from '../context.ts';
import { openMaterialsRequest, pendingCorrection, type CaseState, type ReviewState } from '../state.ts';
import { requireApplicationUnderReview } from './review-guards.ts';

type ReviewingCommand = CommandsOf<typeof reviewingCommandSchemas>;

/** Art 32: the kinds of matter each no-means-test ground can concern. */
const art32Categories: Readonly<Record<Art32Ground, readonly Category[] | 'any'>> = {
  'hero-martyr-relative-personality-rights': ['civil'],
  'good-samaritan-claim': ['civil', 'administrative', 'labour'],
  'state-compensation-after-retrial-acquittal': ['state-compensation'],
  'abuse-abandonment-domestic-violence-victim': ['civil', 'criminal'],
  'other-by-law': 'any',
};

const checkArt44Trigger = (trigger: Art44Trigger, rules: RuleSet, now: string): void => {
  if (trigger.kind === 'limitation-expiring') {
    const daysLeft = daysBetweenDates(chinaDateOf(now), trigger.limitationEndsOn);
    const limit = rules.periods.art44LimitationDays;
    // No such trigger in the rules of the time (null): an expiring limitation does not allow aid before review.
    if (limit === null)
      throw refuse('ART44_TRIGGER_NOT_MET', `rule set ${rules.id} allows no aid before review for an expiring limitation`, 'trigger.kind');
    if (daysLeft < 0 || daysLeft >= limit) {
      throw refuse(
        'ART44_TRIGGER_NOT_MET',
        `the limitation ends in ${daysLeft} days; aid before review needs fewer than ${limit}`,
        'trigger.limitationEndsOn',
      );
    }
  }
  if (trigger.kind === 'other-by-law')
    requireText(trigger.basis, 'ART44_TRIGGER_NOT_MET', 'trigger.basis', 'the rule of law that allows aid before review');
};

const requireNoOpenRequest = (state: CaseState): void => {
  if (openMaterialsRequest(state)) throw refuse('MATERIALS_OUTSTANDING', 'the review waits for the requested materials');
};

const requireMeansUnsettledByLaw = (review: ReviewState): void => {
  if (review.means === 'exempt' || review.means === 'waived')
    throw refuse('MEANS_ALREADY_SETTLED', `the means condition is ${review.means}`);
};

const requireMeansSettled = (review: ReviewState): void => {
  if (review.means === 'unsettled')
    throw refuse('MEANS_CONDITION_UNSETTLED', 'assess the means, or record the exemption or waiver, before granting');
  if (review.means === 'above-standard') throw refuse('MEANS_CONDITION_NOT_MET', 'the applicant is above the provincial means standard');
};

export const decideReviewing = (command: ReviewingCommand, state: CaseState, context: CaseContext): CaseEvent[] => {
  const review = requireApplicationUnderReview(state);
  const now = context.now;
  switch (command.type) {
    case 'RequestMaterials': {
      const items = [...new Set(command.data.items.map((i) => i.trim()).filter(Boolean))];
      if (items.length === 0) throw refuse('MATERIALS_LIST_EMPTY', 'name every missing item at once', 'items');
      const open = openMaterialsRequest(state);
      if (open) throw refuse('MATERIALS_ALREADY_REQUESTED', `materials requested at ${open.requestedAt} are still outstanding`, 'items');
      return [{ type: 'MaterialsRequested', data: { items, requestedAt: now } }];
    }
    case 'SupplyMaterials': {
      const open = openMaterialsRequest(state);
      if (!open) throw refuse('NO_MATERIALS_OUTSTANDING', 'no requested materials are outstanding');
      notInFuture(command.data.suppliedAt, now, 'suppliedAt');
      notBefore(command.data.suppliedAt, open.requestedAt, 'suppliedAt', 'the request');
      const unknown = command.data.items.filter((i) => !open.outstanding.includes(i));
      if (unknown.length > 0) throw refuse('MATERIAL_NOT_REQUESTED', `not requested or already supplied: ${unknown.join(', ')}`, 'items');
      return [{ type: 'MaterialsSupplied', data: command.data }];
    }
    case 'AssessMeans':
      requireMeansUnsettledByLaw(review);
      return [{ type: 'MeansAssessed', data: { ...command.data, assessedAt: now } }];
    case 'ExemptFromMeansTest': {
      requireMeansUnsettledByLaw(review);
      const allowed = art32Categories[command.data.ground];
      if (allowed !== 'any' && state.category && !allowed.includes(state.category)) {
        throw refuse('ART32_GROUND_CATEGORY_MISMATCH', `${command.data.ground} does not concern a ${state.category} matter`, 'ground');
      }
      if (command.data.ground === 'other-by-law')
        requireText(command.data.note, 'LEGAL_BASIS_REQUIRED', 'note', 'the rule of law that exempts the means test');
      return [{ type: 'MeansTestExempted', data: { ...command.data, exemptedAt: now } }];
    }
    case 'WaiveMeansCheck': {
      requireMeansUnsettledByLaw(review);
      const proof = command.data.proof.map((p) => p.trim()).filter(Boolean);
      if (proof.length === 0) throw refuse('WAIVER_PROOF_REQUIRED', 'a waiver of the means check rests on proof', 'proof');
      const rules = ruleSetOfCase(state, context);
      const ground = command.data.ground;
      if (ground.kind === 'local' && !rules.localMeansWaivers.some((w) => w.code === ground.code)) {
        throw refuse('LOCAL_WAIVER_NOT_IN_FORCE', `waiver ${ground.code} is not in rule set ${rules.id}`, 'ground.code');
      }
      return [{ type: 'MeansCheckWaived', data: { ground, proof, ruleSetId: rules.id, waivedAt: now } }];
    }
    case 'ProvideAidBeforeReview':
      if (state.provisionalAid)
        throw refuse('AID_ALREADY_PROVIDED', `aid before review was provided at ${state.provisionalAid.providedAt}`);
      checkArt44Trigger(command.data.trigger, ruleSetOfCase(state, context), now);
      return [{ type: 'AidProvidedBeforeReview', data: { trigger: command.data.trigger, providedAt: now } }];
    case 'GrantAid': {
      const legalBasis = requireText(command.data.legalBasis, 'LEGAL_BASIS_REQUIRED', 'legalBasis', 'the legal basis of the grant');
      requireNoOpenRequest(state);
      requireMeansSettled(review);
      // A grant that carries out a correction order names the objection it answers.
      const objectionId = pendingCorrection(state)?.objectionId ?? null;
      return [
        { type: 'AidGranted', data: { legalBasis, grantedBy: 'agency', objectionId, decidedAt: now, ...againstOpinion(state, 'grant') } },
      ];
    }
    case 'RefuseAid': {
      const legalBasis = requireText(command.data.legalBasis, 'LEGAL_BASIS_REQUIRED', 'legalBasis', 'the legal basis of the refusal');
      const reasons = requireText(command.data.reasons, 'REFUSAL_REASONS_REQUIRED', 'reasons', 'written reasons for the refusal');
      requireNoOpenRequest(state);
      return [{ type: 'AidRefused', data: { legalBasis, reasons, decidedAt: now, ...againstOpinion(state, 'refuse') } }];
    }
  }
};

import type { ReferralEvent } from '../../events/catalogue/referral-events.ts';
import type { Actor } from '../../events/envelope.ts';
import { jurisdictionOf, isCompetent } from '../case/jurisdiction.ts';
import { provinceCodeOn, provinceOfReceipt } from '../case/receiving-agency.ts';
import { checkFormOfAid } from '../case/forms-of-aid.ts';
import type { Decider } from '../decider.ts';
import { refuse } from '../error-codes.ts';
import { notInFuture } from '../guards.ts';
import type { Registry } from '../organisation/registry.ts';
import { ruleSetFor } from '../rules/choose-rule-set.ts';
import { chinaDateOf } from '../time/calendar.ts';
import type { ReferralCommand } from './commands.ts';

/** A referral needs the registry: the competent agency is found in it, on the date of receipt. */
export type ReferralContext = { now: string; actor: Actor; registry: Registry };

export type ReferralState = {
  status: 'none' | 'referred';
  referralId: string | null;
  agencyId: string | null;
  competentAgencyId: string | null;
};

const initialState = (): ReferralState => ({ status: 'none', referralId: null, agencyId: null, competentAgencyId: null });

/**
 * The application is checked as a receipt would be (the agency, its province, the form of aid), and
 * referred only if the registry places its matter in another agency's area: a referral is never a
 * way round a receipt's rules, nor a way to send away a matter that is the agency's own.
 */
const decide = (command: ReferralCommand, state: ReferralState, context: ReferralContext): ReferralEvent[] => {
  if (state.status !== 'none') throw refuse('REFERRAL_EXISTS', `referral ${state.referralId} is recorded`);
  const { registry } = context;
  const data = command.data;
  notInFuture(data.receivedAt, context.now, 'receivedAt');
  const province = provinceOfReceipt(registry, data.agencyId, data.receivedAt, data.province);
  ruleSetFor(province, data.receivedAt);
  checkFormOfAid(data.category, data.formOfAid);
  const jurisdiction = jurisdictionOf(registry, data, data.receivedAt);
  if (!jurisdiction.placed || isCompetent(registry, jurisdiction, data.agencyId, data.receivedAt))
    throw refuse('AGENCY_COMPETENT', `${data.agencyId} is competent for this matter and receives it`);
  const date = chinaDateOf(data.receivedAt);
  const competentAgencyId = jurisdiction.competent[0]!;
  const department = registry.provinceOf(competentAgencyId, date);
  return [
    {
      type: 'ApplicationReferred',
      data: {
        ...data,
        province,
        competentAgencyId,
        competentProvince: (department && provinceCodeOn(registry, department, date)) ?? province,
        basis: jurisdiction.basis,
        areaId: jurisdiction.areaId,
        referredAt: context.now,
      },
    },
  ];
};

const evolve = (state: ReferralState, event: ReferralEvent): ReferralState => {
  switch (event.type) {
    case 'ApplicationReferred':
      return {
        status: 'referred',
        referralId: event.data.referralId,
        agencyId: event.data.agencyId,
        competentAgencyId: event.data.competentAgencyId,
      };
  }
};

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState, ReferralContext> = {
  decide,
  evolve,
  initialState,
};

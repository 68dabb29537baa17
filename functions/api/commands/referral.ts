import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isCompetent, jurisdictionOf, type ApplicationPlace } from '../../../domain/case/jurisdiction.ts';
import type { ReferralCommand } from '../../../domain/referral/commands.ts';
import { referralDecider } from '../../../domain/referral/decider.ts';
import { caseStream, referralStream } from '../../../domain/streams.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { createCommandRunner } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { answer } from './answer.ts';
import type { Body, CommandRequest } from './command-request.ts';

/**
 * Art 38 at the door: an application whose matter the registry places in another agency's area is
 * recorded as a referral to the competent agency and answered 202 naming it; the case is not opened.
 * Null when the receiving agency is competent (or the place is unknown): the case is received as
 * usual, and the case decider checks competence again, so nothing is accepted without the check.
 */
export const applicationReferrals = (store: EventStore) => {
  const referrals = createCommandRunner({ store, decider: referralDecider, catalogue });

  return async (r: CommandRequest, referralId: string, data: Body): Promise<APIGatewayProxyStructuredResultV2 | null> => {
    const { registry } = r.principal;
    const receivedAt = data.receivedAt as string;
    const jurisdiction = jurisdictionOf(registry, data as ApplicationPlace, receivedAt);
    if (!jurisdiction.placed || isCompetent(registry, jurisdiction, data.agencyId as string, receivedAt)) return null;
    // A retry of a request that opened the case (the registry has changed since) is that case's replay, not a referral.
    if ((await store.readStream(caseStream(referralId), { to: 1 })).length > 0) return null;
    const { caseId: _caseId, ...application } = data;
    const outcome = await referrals.run({
      stream: referralStream(referralId),
      command: { type: 'ReferApplication', data: { ...application, referralId } } as ReferralCommand,
      context: { ...r.context, registry },
      meta: r.meta,
      expectedVersion: 0,
      newStream: true,
    });
    const referred = outcome.events.find((e) => e.type === 'ApplicationReferred')?.data as Body | undefined;
    return answer(202, referralId, outcome, {
      referralId,
      referral: referred
        ? {
            competentAgencyId: referred.competentAgencyId,
            competentAgencyName: registry.describe(referred.competentAgencyId as string, r.principal.today)?.name ?? null,
            basis: referred.basis,
            areaId: referred.areaId,
          }
        : null,
    });
  };
};

import type { OrganisationKind } from '../../../events/catalogue/organisation-vocabulary.ts';
import type { Registry } from '../../../domain/organisation/registry.ts';
import { tokenOrganisationRefusal } from '../../../domain/organisation/token-fit.ts';
import { chinaDateOf } from '../../../domain/time/calendar.ts';
import { HttpError } from '../http/http-error.ts';
import type { Principal } from '../http/principal.ts';
import type { RegistrySource } from '../registry/registry-source.ts';

/**
 * A caller the gate has admitted: its token verified, its role one the route names, and its
 * organisation one the registry knows, open on the day and of a kind that holds the role. Every
 * scope below is decided on this one snapshot of the tree and this one business day, so a request
 * never mixes two versions of the registry.
 */
export type Admitted = Principal & {
  /** The registry snapshot this request is decided on. */
  registry: Registry;
  /** The business date (China time) the tree is read on: the request's day. */
  today: string;
  /** The caller's organisation's kind, as the registry has it on `today`. */
  kind: OrganisationKind;
};

/**
 * The gate's second step after the role: the organisation in the token against the registry
 * (403 UNKNOWN_ORGANISATION, ORGANISATION_NOT_OPEN or ROLE_NOT_HELD_BY_KIND, with the reason).
 */
export const registryAdmission =
  (source: RegistrySource, clock: () => Date) =>
  async (principal: Principal): Promise<Admitted> => {
    const { registry } = await source.current();
    const today = chinaDateOf(clock().toISOString());
    const refusal = tokenOrganisationRefusal(registry, principal.role, principal.organisation, today);
    if (refusal) throw new HttpError(403, refusal.code, refusal.reason);
    return { ...principal, registry, today, kind: registry.get(principal.organisation)!.kind };
  };

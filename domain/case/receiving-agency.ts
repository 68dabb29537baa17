import { refuse } from '../error-codes.ts';
import type { Registry } from '../organisation/registry.ts';
import { placementOn } from '../organisation/state.ts';
import { chinaDateOf } from '../time/calendar.ts';

// Whose rules judge a case is a fact of the registry, not of the request: the province of the
// agency that received it, on the day it did. A request may still name a province (older clients
// do); it must then be that one.

/** The two-digit code the rule sets are keyed by: the first two digits of a department's GB/T 2260 code on the date. */
export const provinceCodeOn = (registry: Registry, departmentId: string, date: string): string | null => {
  const s = registry.get(departmentId);
  const code = s ? placementOn(s, date)?.divisionCode : undefined;
  return code ? code.slice(0, 2) : null;
};

const notOpenReason = (registry: Registry, agencyId: string, date: string): string => {
  const d = registry.describe(agencyId, date)!;
  if (d.validity === 'merged') return `${agencyId} had merged into ${d.successorId} by ${date}`;
  if (d.validity === 'not-yet-open') return `${agencyId} was not yet open on ${date}`;
  return `${agencyId} was closed on ${date}`;
};

/**
 * The agency that receives a case must be a legal-aid agency the registry holds, open on the date
 * of receipt; the province is then the one its branch of the tree lies in on that date.
 */
export const provinceOfReceipt = (registry: Registry, agencyId: string, receivedAt: string, named?: string): string => {
  const date = chinaDateOf(receivedAt);
  const agency = registry.get(agencyId);
  if (!agency) throw refuse('AGENCY_NOT_REGISTERED', `${agencyId} is not in the registry of organisations`, 'agencyId');
  if (agency.kind !== 'legal-aid-agency')
    throw refuse('NOT_A_LEGAL_AID_AGENCY', `${agencyId} is a ${agency.kind}, not a legal-aid agency`, 'agencyId');
  if (!registry.isOpen(agencyId, date)) throw refuse('AGENCY_NOT_OPEN', notOpenReason(registry, agencyId, date), 'agencyId');
  const department = registry.provinceOf(agencyId, date);
  const province = department ? provinceCodeOn(registry, department, date) : null;
  if (!province) throw refuse('AGENCY_NOT_OPEN', `${agencyId} lies under no provincial department on ${date}`, 'agencyId');
  if (named !== undefined && named !== province) {
    throw refuse(
      'PROVINCE_MISMATCH',
      `${agencyId} lies in province ${province} (${department}) on ${date}; a case it receives is judged by that province's rules`,
      'province',
    );
  }
  return province;
};

/**
 * The province a case is opened in. With the registry (every request through the API) it is the
 * agency's; without one (a decision replayed on its own, as the deciders' specs do) it is the one
 * the command names, which must then be given.
 */
export const provinceOfOpening = (
  data: { agencyId: string; province?: string | undefined; receivedAt: string },
  registry: Registry | undefined,
): string => {
  if (registry) return provinceOfReceipt(registry, data.agencyId, data.receivedAt, data.province);
  if (data.province === undefined) throw refuse('PROVINCE_REQUIRED', 'without the registry the command names the province', 'province');
  return data.province;
};

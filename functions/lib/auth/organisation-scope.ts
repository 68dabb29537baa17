import { isJusticeKind } from '../../../domain/organisation/kinds.ts';
import type { Admitted } from './admitted.ts';
import { agencyStaffRoles } from './roles.ts';

// The questions every scope asks of the registry, on the request's one snapshot and business day
// (Admitted). Organisations are compared as the registry resolves them, never as strings: after a
// merger the records an absorbed organisation kept belong to its successor, whose staff see them.

/**
 * The caller a scope is decided for. An aid worker of a law firm or legal-service office also
 * carries the firm its registry record names (functions/lib/auth/registered-firm.ts); anyone else
 * carries none, and a firm's token then reaches no case.
 */
export type ScopedCaller = Admitted & { registeredFirm?: string | null };

/** Whether records kept by `holder` are the caller's organisation's: `holder` itself, or its successor after a merger. */
export const keptByCaller = (p: Admitted, holder: string | null | undefined): boolean =>
  holder !== null && holder !== undefined && p.registry.resolve(holder, p.today) === p.organisation;

/** Whether `agencyId` lies under the caller's organisation on the day (a provincial department: anywhere in its province). */
export const liesUnderCaller = (p: Admitted, agencyId: string | null | undefined): boolean =>
  agencyId !== null && agencyId !== undefined && p.registry.liesUnder(agencyId, p.organisation, p.today);

/** An administrator or auditor of a justice bureau or department: they oversee what lies under it. */
export const isOverseer = (p: Admitted): boolean => (p.role === 'administrator' || p.role === 'auditor') && isJusticeKind(p.kind);

/** Staff of a legal-aid agency (reviewer, supervisor, finance, its administrator): their agency's records. */
export const isAgencyStaff = (p: Admitted): boolean =>
  p.kind === 'legal-aid-agency' && (agencyStaffRoles as readonly string[]).includes(p.role);

/** Why an agency's record is not the caller's as staff or overseer, or null when it is. */
export const agencyRecordRefusal = (p: Admitted, agencyId: string | null | undefined, noun: string): string | null => {
  if (agencyId === null || agencyId === undefined) return `whose ${noun} this is cannot be told: it names no agency`;
  if (isOverseer(p))
    return liesUnderCaller(p, agencyId) ? null : `this ${noun} belongs to ${agencyId}, which does not lie under ${p.organisation}`;
  if (isAgencyStaff(p)) return keptByCaller(p, agencyId) ? null : `this ${noun} belongs to ${agencyId}, not ${p.organisation}`;
  return `a ${p.role} of a ${p.kind} reads no ${noun} of an agency`;
};

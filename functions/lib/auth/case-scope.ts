import type { CaseState } from '../../../domain/case/state.ts';
import type { Principal } from '../http/principal.ts';
import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';
import { agencyStaffRoles, authorityRoles } from './roles.ts';

/** The caller's agency holds the case's records: the case's own, or the agency it has merged into by today (registry). */
const holdsRecordsOf = (p: Principal, agencyId: string | null): boolean =>
  agencyId === p.organisation ||
  (agencyId !== null && 'registry' in p && (p as Admitted).registry.resolve(agencyId, (p as Admitted).today) === p.organisation);

/**
 * Whose case this is, for a caller: a court, procuratorate or police office sees the cases it
 * notified or forwarded; a detention centre (or duty lawyer) the applications it forwarded; an aid
 * worker the cases assigned to them; agency staff their agency's cases; an auditor every case.
 * Returns the reason for a refusal, or null.
 */
export const caseScopeRefusal = (p: Principal, s: CaseState): string | null => {
  const origin = s.origin;
  const forwardedBy = origin?.kind === 'forwarded-application' ? origin.forwarder.organisationId : null;
  switch (p.role) {
    case 'auditor':
      return null;
    case 'court':
    case 'procuratorate':
    case 'police': {
      const notifiedBy = origin?.kind === 'notification' ? origin.authority.organisationId : null;
      return notifiedBy === p.organisation || forwardedBy === p.organisation
        ? null
        : `${p.organisation} neither notified nor forwarded this case`;
    }
    case 'detention-centre':
    case 'duty-lawyer':
      return forwardedBy === p.organisation ? null : `${p.organisation} did not forward this application`;
    case 'aid-worker':
      return s.assignment?.workerId === p.id ? null : `this case is not assigned to ${p.id}`;
    case 'administrator':
      // The justice bureau that set up the agency acts on the objections lodged with it (Art 49).
      if (p.organisation.startsWith('justice-bureau:')) {
        return s.objections.some((o) => o.justiceBureauId === p.organisation)
          ? null
          : `no objection in this case is lodged with ${p.organisation}`;
      }
      return holdsRecordsOf(p, s.agencyId) ? null : `this case belongs to ${s.agencyId}, not ${p.organisation}`;
    default:
      if ((agencyStaffRoles as readonly string[]).includes(p.role))
        return holdsRecordsOf(p, s.agencyId) ? null : `this case belongs to ${s.agencyId}, not ${p.organisation}`;
      return `role ${p.role} sees no cases`;
  }
};

export const assertCaseInScope = (p: Principal, s: CaseState) => {
  const refusal = caseScopeRefusal(p, s);
  if (refusal) throw new HttpError(403, 'OUT_OF_SCOPE', refusal);
};

export const isAuthority = (role: string) => (authorityRoles as readonly string[]).includes(role);

/** A duty-lawyer record: only the duty lawyer who opened it acts on it. */
export const assertDutyRecordInScope = (p: Principal, record: { dutyLawyerId: string | null; agencyId: string | null }) => {
  if (record.dutyLawyerId !== p.id || record.agencyId !== p.organisation)
    throw new HttpError(403, 'OUT_OF_SCOPE', `this duty record is not ${p.id}'s`);
};

/** A consultation in an agency's ledger: only that agency's staff act on it. */
export const assertConsultationInScope = (p: Principal, record: { agencyId: string | null }) => {
  if (record.agencyId !== p.organisation)
    throw new HttpError(403, 'OUT_OF_SCOPE', `this consultation is in another agency's ledger, not ${p.organisation}'s`);
};

// ---- Reading the records the command API opens (GET /consultations/{id}, /duty-records/{id}, /workers/{id}) ----
// As for cases, an auditor reads every record and changes none (no POST route admits the auditor).

const isAgencyStaff = (p: Principal) => (agencyStaffRoles as readonly string[]).includes(p.role);

/** A consultation: the staff of the agency whose ledger holds it (duty lawyers it stations among them), and an auditor. */
export const assertConsultationReadable = (p: Principal, record: { agencyId: string | null }) => {
  if (p.role === 'auditor') return;
  assertConsultationInScope(p, record);
};

/** A duty record: the duty lawyer who opened it (not another), the staff of its agency, and an auditor. */
export const assertDutyRecordReadable = (p: Principal, record: { dutyLawyerId: string | null; agencyId: string | null }) => {
  if (p.role === 'auditor') return;
  if (p.role === 'duty-lawyer') return assertDutyRecordInScope(p, record);
  if (isAgencyStaff(p) && record.agencyId === p.organisation) return;
  throw new HttpError(403, 'OUT_OF_SCOPE', `this duty record is in another agency's records, not ${p.organisation}'s`);
};

/** An aid worker's registry record: the worker itself (not another worker), the staff of the agency it is registered with, and an auditor. */
export const assertWorkerRecordReadable = (p: Principal, workerId: string, record: { agencyId: string | null }) => {
  if (p.role === 'auditor') return;
  if (p.role === 'aid-worker') {
    if (p.id === workerId) return;
    throw new HttpError(403, 'OUT_OF_SCOPE', `an aid worker reads only their own record, not another worker's`);
  }
  if (isAgencyStaff(p) && record.agencyId === p.organisation) return;
  throw new HttpError(403, 'OUT_OF_SCOPE', `this aid worker is registered with another agency, not ${p.organisation}`);
};

import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';
import { agencyRecordRefusal, keptByCaller } from './organisation-scope.ts';

// The records an agency keeps beside its cases (consultations, duty records, its aid workers), on
// the same registry questions as a case (organisation-scope.ts): reading is for the agency's staff
// (after a merger, the successor's) and the bureaus and department over it; acting on one is for
// those who keep it, never for an overseer.

const outOfScope = (reason: string) => new HttpError(403, 'OUT_OF_SCOPE', reason);

/** A command on a consultation: the staff (or duty lawyers) of the agency whose ledger holds it. */
export const assertConsultationInScope = (p: Admitted, record: { agencyId: string | null }) => {
  if (!keptByCaller(p, record.agencyId))
    throw outOfScope(`this consultation is in another agency's ledger (${record.agencyId ?? 'none'}), not ${p.organisation}'s`);
};

/** A command on a duty record: the duty lawyer who opened it, with a token of the organisation it was opened for. */
export const assertDutyRecordInScope = (p: Admitted, record: { dutyLawyerId: string | null; agencyId: string | null }) => {
  if (record.dutyLawyerId !== p.id || !keptByCaller(p, record.agencyId))
    throw outOfScope(`this duty record is not ${p.id}'s at ${p.organisation}`);
};

/** A command on an aid worker's registry record: the administrators of the agency it is registered with. */
export const assertWorkerRecordInScope = (p: Admitted, record: { agencyId: string | null }) => {
  if (!keptByCaller(p, record.agencyId))
    throw outOfScope(`this aid worker is registered with ${record.agencyId ?? 'no agency'}, not ${p.organisation}`);
};

/** Reading a consultation: the duty lawyers the agency stations and its staff, the clerk of the station that recorded it, and the bureaus over it. */
export const assertConsultationReadable = (p: Admitted, record: { agencyId: string | null; workstationId?: string | null }) => {
  if (p.role === 'duty-lawyer') return assertConsultationInScope(p, record);
  if (p.role === 'workstation-clerk') {
    if (keptByCaller(p, record.workstationId)) return;
    throw outOfScope(`this consultation was not recorded at ${p.organisation}`);
  }
  const refusal = agencyRecordRefusal(p, record.agencyId, 'consultation');
  if (refusal) throw outOfScope(refusal);
};

/** Reading a duty record: the duty lawyer who opened it (not another), the staff of its agency, and the bureaus over it. */
export const assertDutyRecordReadable = (p: Admitted, record: { dutyLawyerId: string | null; agencyId: string | null }) => {
  if (p.role === 'duty-lawyer') return assertDutyRecordInScope(p, record);
  const refusal = agencyRecordRefusal(p, record.agencyId, 'duty record');
  if (refusal) throw outOfScope(refusal);
};

/**
 * Reading an aid worker's registry record: the worker itself (not another), with a token of the agency
 * or the firm the record names; the staff of that agency; and the bureaus over it.
 */
export const assertWorkerRecordReadable = (p: Admitted, workerId: string, record: { agencyId: string | null; firmId?: string | null }) => {
  if (p.role === 'aid-worker') {
    if (p.id !== workerId) throw outOfScope(`an aid worker reads only their own record, not another worker's`);
    if (keptByCaller(p, record.agencyId) || keptByCaller(p, record.firmId)) return;
    throw outOfScope(`${p.organisation} is neither the agency nor the firm this aid worker is registered with`);
  }
  const refusal = agencyRecordRefusal(p, record.agencyId, 'aid worker record');
  if (refusal) throw outOfScope(refusal);
};

/** Reading a duty shift: the duty lawyers on its rota (with a token of its agency), the staff of its agency, and the bureaus over it. */
export const assertDutyShiftReadable = (p: Admitted, shift: { agencyId: string | null; lawyerIds: readonly string[] }) => {
  if (p.role === 'duty-lawyer') {
    if (shift.lawyerIds.includes(p.id) && keptByCaller(p, shift.agencyId)) return;
    throw outOfScope(`${p.id} is not on this shift's rota at ${p.organisation}`);
  }
  const refusal = agencyRecordRefusal(p, shift.agencyId, 'duty shift');
  if (refusal) throw outOfScope(refusal);
};

/** Reading a service assessment: the staff of the agency that keeps it, and the bureaus over it (who inspect it). */
export const assertServiceAssessmentReadable = (p: Admitted, assessment: { agencyId: string | null }) => {
  const refusal = agencyRecordRefusal(p, assessment.agencyId, 'service assessment');
  if (refusal) throw outOfScope(refusal);
};

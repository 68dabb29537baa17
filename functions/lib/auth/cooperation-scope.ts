import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';
import { agencyRecordRefusal, keptByCaller } from './organisation-scope.ts';

// A cooperation request is the record of two agencies: the one that asked and the one asked. Both
// read it (A follows it), and the bureaus over either; only the asked agency's staff answer it.

type Parties = { fromAgencyId: string | null; toAgencyId: string | null };

export const cooperationReadRefusal = (p: Admitted, s: Parties): string | null => {
  const refusals = [s.fromAgencyId, s.toAgencyId].map((agencyId) => agencyRecordRefusal(p, agencyId, 'cooperation request'));
  return refusals.includes(null) ? null : refusals[0]!;
};

export const assertCooperationReadable = (p: Admitted, s: Parties) => {
  const refusal = cooperationReadRefusal(p, s);
  if (refusal) throw new HttpError(403, 'OUT_OF_SCOPE', refusal);
};

/** Accepting, declining or completing: the asked agency's own staff, never an overseer or the asking agency. */
export const assertCooperationActor = (p: Admitted, s: Parties) => {
  if (!keptByCaller(p, s.toAgencyId))
    throw new HttpError(403, 'OUT_OF_SCOPE', `the request is to ${s.toAgencyId ?? 'no agency'}, not ${p.organisation}`);
};

/** An agency's cooperation statistics and overdue list: its staff and the bureaus over it. */
export const assertAgencyCooperationReadable = (p: Admitted, agencyId: string) => {
  const refusal = agencyRecordRefusal(p, agencyId, 'cooperation index');
  if (refusal) throw new HttpError(403, 'OUT_OF_SCOPE', refusal);
};

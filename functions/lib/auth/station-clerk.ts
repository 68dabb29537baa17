import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';

/**
 * A workstation clerk (issue 19) records only at its own station and for the station's agency, the
 * one that decides: `stationField` must name the caller's station, `agencyId` the agency it lies
 * directly under in the registry today. Reasons name organisations, never request content.
 */
export const assertClerkOwnStation = (p: Admitted, body: Record<string, unknown>, stationField: string) => {
  if (body[stationField] !== p.organisation)
    throw new HttpError(403, 'OTHER_STATION', `${stationField} must name the clerk's own station (${p.organisation})`, {
      field: stationField,
    });
  const agencyId = p.registry.asOf(p.today).parentOf(p.organisation);
  if (body.agencyId !== agencyId)
    throw new HttpError(403, 'OTHER_ORGANISATION', `agencyId must name the station's agency (${agencyId ?? 'none'})`, {
      field: 'agencyId',
    });
};

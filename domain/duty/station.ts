import type { OrganisationKind } from '../../events/catalogue/organisation-vocabulary.ts';
import { refuse } from '../error-codes.ts';
import type { Registry } from '../organisation/registry.ts';

// Duty stations are the registry's court, procuratorate and detention-centre workstations (Art 14),
// each placed under the agency that runs it: a station is an id the registry knows, never a string.

export type DutyStationKind = 'court' | 'procuratorate' | 'detention-centre';

const stationKinds: Partial<Record<OrganisationKind, DutyStationKind>> = {
  'court-workstation': 'court',
  'procuratorate-workstation': 'procuratorate',
  'detention-centre-workstation': 'detention-centre',
};

/** The station's kind, once it is a duty workstation open on the date and placed under the agency. */
export const dutyStationOf = (registry: Registry, stationId: string, agencyId: string, date: string, field: string): DutyStationKind => {
  const station = registry.get(stationId);
  const kind = station ? stationKinds[station.kind] : undefined;
  if (!station || !kind)
    throw refuse(
      'DUTY_STATION_INVALID',
      `${stationId} is not a court, procuratorate or detention-centre workstation of the registry`,
      field,
    );
  const on = registry.asOf(date);
  if (!on.isOpen(stationId)) throw refuse('DUTY_STATION_INVALID', `${stationId} is not open on ${date}`, field);
  if (on.parentOf(stationId) !== agencyId) throw refuse('DUTY_STATION_INVALID', `${stationId} is not a station of ${agencyId}`, field);
  return kind;
};

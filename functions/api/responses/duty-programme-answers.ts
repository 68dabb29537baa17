import * as z from 'zod';
import { noServices } from '../../../domain/duty/pay.ts';
import { DutyShiftCheckedIn } from '../../../events/catalogue/duty-programme-events.ts';
import { tallyOf } from './quality-figures.ts';
import { actorSchema, isoTime, nullableString } from './shared.ts';

// The duty programme's reads (docs/duty-programme.md): a shift as its events fold, a station's month.

/** GET /duty-shifts/{id} (functions/api/records/record-queries.ts, domain/duty/shift.ts). */
export const dutyShiftSchema = z
  .looseObject({
    id: z.string(),
    status: z.enum(['none', 'planned']),
    shiftId: nullableString,
    agencyId: nullableString,
    stationId: nullableString,
    stationKind: nullableString,
    date: nullableString,
    startsAt: nullableString,
    endsAt: nullableString,
    lawyerIds: z.array(z.string()),
    checkIns: z
      .record(z.string(), z.looseObject({ at: isoTime, minutesLate: z.int(), attendance: DutyShiftCheckedIn.schema.shape.attendance }))
      .describe('By lawyer id'),
    checkOuts: z.record(z.string(), z.looseObject({ at: isoTime, minutesEarly: z.int() })).describe('By lawyer id'),
    records: z.array(z.object({ dutyId: z.string(), lawyerId: z.string(), openedAt: isoTime })),
    recordedBy: actorSchema.omit({ id: true }).extend({ workstation: z.string().nullable().optional() }),
    version: z.int().min(1),
    updatedAt: isoTime,
  })
  .meta({ id: 'DutyShift' });

const places = z.object({
  planned: z.int(),
  attended: z.int(),
  onTime: z.int(),
  late: z.int(),
  absent: z.int(),
  pending: z.int(),
});

/** GET /duty-stations/{id}/figures (domain/duty/figures.ts). */
export const dutyStationFiguresSchema = z
  .object({
    stationId: z.string(),
    agencyId: z.string(),
    month: z.string(),
    shifts: z.int(),
    places,
    services: z.object({
      byKind: tallyOf(Object.keys(noServices())).describe('Services recorded, by kind'),
      onShift: z.int(),
      outsideShift: z.int(),
      total: z.int(),
    }),
  })
  .meta({ id: 'DutyStationFigures' });

/** GET /workstations/{id}/figures (domain/statistics/station-figures.ts, issue 19). */
export const workstationFiguresSchema = z
  .object({
    stationId: z.string(),
    agencyId: z.string(),
    month: z.string(),
    applications: z.int(),
    consultations: z.int(),
    opinions: z.int(),
    decisions: z.object({ total: z.int(), followedOpinion: z.int(), departedFromOpinion: z.int() }),
    medianDaysToDecision: z.number().nullable(),
  })
  .meta({ id: 'WorkstationFigures' });

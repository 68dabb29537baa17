import * as z from 'zod';
import { day, historyEntrySchema, nextCursor } from './shared.ts';

// The registry's answers (functions/api/organisations/organisation-queries.ts, organisation-view.ts).

/** An organisation as a node on a day. */
export const organisationNodeSchema = z.looseObject({
  organisationId: z.string(),
  kind: z.string().nullable(),
  name: z.string().nullable(),
  validity: z.string().describe('open, not-yet-open, closed, merged, or unknown'),
  parentId: z.string().nullable().optional(),
  divisionCode: z.string().nullable().optional(),
});

export const organisationSchema = organisationNodeSchema
  .extend({
    date: day,
    validFrom: day,
    closedFrom: day.nullable(),
    merged: z.looseObject({}).nullable(),
    heldBy: z.string().nullable(),
    bureauOver: z.string().nullable(),
    provinceOf: z.string().nullable(),
    contacts: z.unknown(),
    names: z.array(z.looseObject({ name: z.string() })),
    placements: z.array(z.looseObject({})),
    version: z.int().min(1),
  })
  .meta({ id: 'Organisation' });

export const organisationChildrenSchema = z.object({
  organisationId: z.string(),
  date: day,
  depth: z.string(),
  organisations: z.array(organisationNodeSchema),
});

export const organisationPathSchema = z.object({
  organisationId: z.string(),
  date: day,
  heldBy: z.string().nullable(),
  path: z.array(organisationNodeSchema),
});

export const organisationHistorySchema = z.object({
  organisationId: z.string(),
  stream: z.string(),
  order: z.string(),
  events: z.array(historyEntrySchema),
  nextCursor,
});

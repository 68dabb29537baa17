import * as z from 'zod';
import { contactSchema, organisationKindSchema } from '../../../events/catalogue/organisation-vocabulary.ts';
import { day, historyEntrySchema, nextCursor } from './shared.ts';

// The registry's answers (functions/api/organisations/organisation-queries.ts, organisation-view.ts).

/** An organisation as a node on a day. */
export const organisationNodeSchema = z.looseObject({
  organisationId: z.string(),
  kind: z
    .enum([...organisationKindSchema.options, 'country'])
    .nullable()
    .describe('The kind of body; country for the root of the tree; null for an id the registry does not hold'),
  name: z.string().nullable(),
  validity: z.enum(['open', 'not-yet-open', 'closed', 'merged', 'unknown']),
  parentId: z.string().nullable().optional(),
  divisionCode: z.string().nullable().optional(),
});

export const organisationSchema = organisationNodeSchema
  .extend({
    date: day,
    validFrom: day,
    closedFrom: day.nullable(),
    merged: z
      .looseObject({ successorId: z.string(), from: day })
      .nullable()
      .describe('The organisation it was merged into, from which day; null if never merged'),
    heldBy: z.string().nullable(),
    bureauOver: z.string().nullable(),
    provinceOf: z.string().nullable(),
    contacts: z
      .array(
        z.looseObject({
          kind: contactSchema.shape.kind,
          value: z.string(),
          label: z.string().optional(),
        }),
      )
      .describe("The office's public contacts (no personal data)"),
    names: z.array(z.looseObject({ name: z.string(), from: day })).describe('Its names, each from a day, in date order'),
    placements: z
      .array(z.looseObject({ parentId: z.string().nullable(), divisionCode: z.string(), from: day }))
      .describe('Where it hangs in the tree, each from a day, in date order'),
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

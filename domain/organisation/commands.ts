import * as z from 'zod';
import {
  OrganisationClosed,
  OrganisationContactsChanged,
  OrganisationMerged,
  OrganisationRegistered,
  OrganisationRenamed,
} from '../../events/catalogue/organisation-events.ts';
import { divisionCodeSchema } from '../../events/catalogue/organisation-vocabulary.ts';
import { dateSchema, organisationIdSchema } from '../../events/catalogue/vocabulary.ts';
import type { CommandsOf } from '../commands.ts';

/**
 * The registry's commands, one organisation stream each (`organisation#<id>`). Role: an
 * administrator of a bureau above the organisation (the route gate's question, not the decider's).
 */
export const organisationCommandSchemas = {
  RegisterOrganisation: OrganisationRegistered.schema,
  RenameOrganisation: OrganisationRenamed.schema,
  /** Without a division code the organisation keeps its own (an agency passing to another bureau of its county). */
  MoveOrganisation: z.strictObject({
    parentId: organisationIdSchema,
    divisionCode: divisionCodeSchema.optional(),
    effectiveFrom: dateSchema,
  }),
  MergeOrganisation: OrganisationMerged.schema,
  CloseOrganisation: OrganisationClosed.schema,
  ChangeOrganisationContacts: OrganisationContactsChanged.schema,
} satisfies Record<string, z.ZodType>;

export type OrganisationCommand = CommandsOf<typeof organisationCommandSchemas>;

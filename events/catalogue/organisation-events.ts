import * as z from 'zod';
import { defineEvent, type EventOf } from './define-event.ts';
import { contactsSchema, divisionCodeSchema, organisationKindSchema, organisationNameSchema } from './organisation-vocabulary.ts';
import { dateSchema, organisationIdSchema, recordIdSchema, adminText } from './vocabulary.ts';

// The organisation registry, one stream per organisation: `organisation#<id>`. Every change carries
// the business date it takes effect (`effectiveFrom`, a China calendar date): a merger decided in
// March that takes effect in April is recorded in March and read as of any date.

export const OrganisationRegistered = defineEvent(
  'OrganisationRegistered',
  1,
  z.strictObject({
    organisationId: organisationIdSchema,
    kind: organisationKindSchema,
    name: organisationNameSchema,
    /** Null only for a province-level department: the country is the root above them. */
    parentId: organisationIdSchema.nullable(),
    divisionCode: divisionCodeSchema,
    validFrom: dateSchema,
    contacts: contactsSchema,
  }),
);

export const OrganisationRenamed = defineEvent(
  'OrganisationRenamed',
  1,
  z.strictObject({ name: organisationNameSchema, effectiveFrom: dateSchema }),
);

/** A new parent, and the division code it brings when a county passes to another city. */
export const OrganisationMoved = defineEvent(
  'OrganisationMoved',
  1,
  z.strictObject({ parentId: organisationIdSchema, divisionCode: divisionCodeSchema, effectiveFrom: dateSchema }),
);

/** Recorded on the absorbed organisation's stream; from `effectiveFrom` its records belong to the successor. */
export const OrganisationMerged = defineEvent(
  'OrganisationMerged',
  1,
  z.strictObject({ successorId: organisationIdSchema, effectiveFrom: dateSchema }),
);

export const OrganisationClosed = defineEvent('OrganisationClosed', 1, z.strictObject({ reason: adminText(1), effectiveFrom: dateSchema }));

export const OrganisationContactsChanged = defineEvent(
  'OrganisationContactsChanged',
  1,
  z.strictObject({ contacts: contactsSchema, effectiveFrom: dateSchema }),
);

export const organisationEventDefinitions = [
  OrganisationRegistered,
  OrganisationRenamed,
  OrganisationMoved,
  OrganisationMerged,
  OrganisationClosed,
  OrganisationContactsChanged,
] as const;
export type OrganisationEvent = EventOf<(typeof organisationEventDefinitions)[number]>;

/**
 * The registry's index (`registry#index`): one entry per registry command, appended in the same
 * transaction as the organisation's events. Loading lists the organisations from it, and because
 * every command appends at the index version it decided on, two commands that each checked the
 * other's organisation (a move under a parent that is closing) cannot both succeed.
 */
export const RegistryChangeIndexed = defineEvent(
  'RegistryChangeIndexed',
  1,
  z.strictObject({ organisationId: organisationIdSchema, types: z.array(recordIdSchema).min(1).max(10) }),
);

export const registryIndexEventDefinitions = [RegistryChangeIndexed] as const;
export type RegistryIndexEvent = EventOf<(typeof registryIndexEventDefinitions)[number]>;

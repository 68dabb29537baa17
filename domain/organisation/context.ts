import type { Registry } from './registry.ts';

/**
 * What a registry decision knows besides the organisation's own stream: the other organisations
 * (parent, successor, what lies underneath), as loaded at the index version the command appends at.
 * No clock: every date a rule looks at is the command's own effective date.
 */
export type OrganisationContext = { registry: Registry };

import { chinaDateOf } from '../../../domain/time/calendar.ts';
import type { Admitted } from './admitted.ts';

// Whose reads an auditor or administrator may see when asking what a person read (`GET /audit/reads?
// reader=`): the reads made with a token of their own organisation or of one under it in the registry
// (docs/organisations.md "Scopes"), as every other overseer's read is scoped. A person's reads are
// filtered row by row, not refused as a whole: one subject may hold tokens of several organisations
// (a lawyer of a firm and of an agency), and the question names a person, not an organisation.

/** The recorder writes `at` from the clock; a row without one is judged on today alone. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Whether a read made with a token of `readerOrganisation` at `at` is the caller's to see: that
 * organisation (its records' holder after a merger) lay under the caller's on the day of the read, or
 * lies under it today. The day of the read keeps a bureau the overseer of what its agencies' staff did
 * while under it; today follows an agency to the bureau that oversees it now (as its cases are).
 */
export const readerInCallerScope = (p: Admitted, reader: { organisation: string; at: string }): boolean =>
  p.registry.liesUnder(reader.organisation, p.organisation, p.today) ||
  (ISO_INSTANT.test(reader.at) && p.registry.liesUnder(reader.organisation, p.organisation, chinaDateOf(reader.at)));

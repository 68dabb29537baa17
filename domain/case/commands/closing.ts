import * as z from 'zod';
import { AidTerminated, CaseArchived, CaseClosed, DeceptionFound } from '../../../events/catalogue/closing-events.ts';

export const closingCommandSchemas = {
  /** Art 50. Role: the assigned aid worker. */
  CloseCase: CaseClosed.schema.omit({ workerId: true }),
  /** Art 48. Role: agency reviewer. `legalBasis` adds to the article the ground names; required for "other by law". */
  TerminateAid: AidTerminated.schema.omit({ terminatedAt: true, legalBasis: true }).extend({ legalBasis: z.string().max(500).nullable() }),
  /** Art 64. Role: justice bureau. */
  RecordDeceptionFinding: DeceptionFound.schema.omit({ fineCapFen: true, foundAt: true }),
  /** Role: agency archivist / reviewer. */
  ArchiveCase: CaseArchived.schema.omit({ archivedAt: true }),
};

import * as z from 'zod';
import { CaseTransferRequested, CaseTransferRefused } from '../../../events/catalogue/transferring-events.ts';
import { recordIdSchema } from '../../../events/catalogue/vocabulary.ts';

/**
 * A case handed to another agency (issue 19 point 1). The holding agency's reviewer asks; the
 * receiving agency's reviewer accepts or refuses. Who sends, the legal basis and the times are the
 * decider's to fill: the sender is the case's agency, the basis is the transfer rules' for the ground.
 */
export const transferringCommandSchemas = {
  RequestTransfer: CaseTransferRequested.schema.pick({ transferId: true, toAgencyId: true, ground: true, reasons: true }),
  AcceptTransfer: z.strictObject({ transferId: recordIdSchema }),
  RefuseTransfer: CaseTransferRefused.schema.pick({ transferId: true, reasons: true }),
};

/** Art 36: the notifying court, procuratorate or police office acknowledges the assigned lawyer it was told of. */
export const acknowledgingCommandSchemas = {
  AcknowledgeAssignedLawyer: z.strictObject({}),
};

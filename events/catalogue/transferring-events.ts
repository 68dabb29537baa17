import * as z from 'zod';
import { fact, freeText } from '../personal/marks.ts';
import { defineEvent } from './define-event.ts';
import { isoTimeSchema, organisationIdSchema, recordIdSchema } from './vocabulary.ts';

// A case handed to another agency (issue 19 point 1): asked by the agency holding it, accepted or
// refused by the receiving one. Until the acceptance the case stays with the sender.

/** Why a case is handed on; each ground's legal basis is rule data (domain/rules/transfer-rules.ts). */
export const transferGroundSchema = z.enum(['not-competent', 'person-moved', 'conflict-of-interest']);
export type TransferGround = z.infer<typeof transferGroundSchema>;

export const CaseTransferRequested = defineEvent(
  'CaseTransferRequested',
  1,
  z.strictObject({
    transferId: recordIdSchema,
    fromAgencyId: organisationIdSchema,
    toAgencyId: organisationIdSchema,
    ground: transferGroundSchema,
    legalBasis: fact(z.string().min(1).max(200), "the law's reference of the ground, from the transfer rules"),
    reasons: freeText(1),
    requestedAt: isoTimeSchema,
  }),
);

export const CaseTransferAccepted = defineEvent(
  'CaseTransferAccepted',
  1,
  z.strictObject({
    transferId: recordIdSchema,
    fromAgencyId: organisationIdSchema,
    toAgencyId: organisationIdSchema,
    acceptedAt: isoTimeSchema,
  }),
);

export const CaseTransferRefused = defineEvent(
  'CaseTransferRefused',
  1,
  z.strictObject({
    transferId: recordIdSchema,
    fromAgencyId: organisationIdSchema,
    toAgencyId: organisationIdSchema,
    reasons: freeText(1),
    refusedAt: isoTimeSchema,
  }),
);

export const transferringEventDefinitions = [CaseTransferRequested, CaseTransferAccepted, CaseTransferRefused] as const;

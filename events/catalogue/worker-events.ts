import * as z from 'zod';
import { fact } from '../personal/marks.ts';
import { defineEvent, type EventOf } from './define-event.ts';
import { aidWorkerKindSchema, dateSchema, isoTimeSchema, organisationIdSchema, recordIdSchema, adminText } from './vocabulary.ts';

// The registry of aid workers, one stream per worker: `worker#<id>`. A worker's id is the id its
// login carries, so a handling record can be tied to the worker who signs it.

export const licenceNumberSchema = fact(
  z.string().regex(/^[0-9A-Za-z-]{5,30}$/, 'a licence number'),
  "a practising licence's number, public in the bar's register and printed on every assignment notice",
);

const workerDetails = {
  agencyId: organisationIdSchema,
  name: fact(
    z.string().min(1).max(100),
    "an aid worker's professional name, as on the practising licence and the assignment notice: the lawyer acts in office, not as a data subject of the case",
  ),
  kind: aidWorkerKindSchema,
  licenceNumber: licenceNumberSchema,
  /** Start of relevant practice: years of experience (Art 26) are counted from here to the assignment date. */
  relevantPracticeSince: dateSchema,
  /**
   * The law firm or legal-service office the worker practises at (from version 2); null for the
   * agency's own staff. A worker of a firm acts on the cases assigned to them with a token of that
   * firm or of the case's agency, and of no other organisation.
   */
  firmId: organisationIdSchema.nullable(),
};

export const AidWorkerRegistered = defineEvent(
  'AidWorkerRegistered',
  2,
  z.strictObject({ workerId: recordIdSchema, ...workerDetails, registeredAt: isoTimeSchema }),
  // Version 1 recorded no firm: a worker registered then is the agency's own.
  { 1: (data) => ({ ...data, firmId: null }) },
);

export const AidWorkerDetailsUpdated = defineEvent(
  'AidWorkerDetailsUpdated',
  2,
  z.strictObject({ ...z.strictObject(workerDetails).partial().shape, updatedAt: isoTimeSchema }),
  // Version 1 could not change the firm; its changes read as they are.
  { 1: (data) => data },
);

export const AidWorkerDeactivated = defineEvent(
  'AidWorkerDeactivated',
  1,
  z.strictObject({ reason: adminText(1), deactivatedAt: isoTimeSchema }),
);

export const AidWorkerReactivated = defineEvent(
  'AidWorkerReactivated',
  1,
  z.strictObject({ reason: adminText(1), reactivatedAt: isoTimeSchema }),
);

export const workerEventDefinitions = [AidWorkerRegistered, AidWorkerDetailsUpdated, AidWorkerDeactivated, AidWorkerReactivated] as const;
export type WorkerEvent = EventOf<(typeof workerEventDefinitions)[number]>;

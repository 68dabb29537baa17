import type { AidWorkerKind } from '../../events/catalogue/vocabulary.ts';

export type WorkerState = {
  status: 'none' | 'active' | 'inactive';
  workerId: string | null;
  agencyId: string | null;
  name: string | null;
  kind: AidWorkerKind | null;
  licenceNumber: string | null;
  relevantPracticeSince: string | null;
  /** The law firm or legal-service office the worker practises at; null for the agency's own staff. */
  firmId: string | null;
};

export const initialWorkerState = (): WorkerState => ({
  status: 'none',
  workerId: null,
  agencyId: null,
  name: null,
  kind: null,
  licenceNumber: null,
  relevantPracticeSince: null,
  firmId: null,
});

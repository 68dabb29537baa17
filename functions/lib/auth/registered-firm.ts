import { workerStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import { folderOf } from '../command-runner.ts';
import type { EventStore } from '../event-store/event-store.ts';
import { HttpError } from '../http/http-error.ts';
import type { Admitted } from './admitted.ts';
import type { ScopedCaller } from './organisation-scope.ts';

const firmKinds: readonly string[] = ['law-firm', 'legal-service-office'];
const workerFolder = folderOf(workerDecider, catalogue);

/**
 * The caller, and if it is an aid worker with a token of a law firm or legal-service office, the firm
 * its own registry record (worker#<sub>) names: the organisation half of "assigned to them". Nobody
 * else needs the record read, so nobody else pays for it.
 */
export const withRegisteredFirm = async (store: Pick<EventStore, 'readStream'>, p: Admitted): Promise<ScopedCaller> => {
  if (p.role !== 'aid-worker' || !firmKinds.includes(p.kind)) return p;
  const envelopes = await store.readStream(workerStream(p.id));
  const worker = envelopes.reduce(workerFolder.evolve, workerFolder.initialState());
  return { ...p, registeredFirm: worker.firmId };
};

/** A worker's firm, as a command names it: a law firm or legal-service office the registry holds open today (400 otherwise). */
export const assertFirm = (p: Admitted, firmId: unknown) => {
  if (firmId === undefined || firmId === null) return;
  const firm = typeof firmId === 'string' ? p.registry.get(firmId) : null;
  if (!firm || !firmKinds.includes(firm.kind) || !p.registry.isOpen(firm.organisationId, p.today))
    throw new HttpError(400, 'INVALID_FIELD', 'firmId must name a law firm or legal-service office the registry holds open', {
      field: 'firmId',
    });
};

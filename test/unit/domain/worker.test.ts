import { describe, expect, it } from 'vitest';
import { workerDecider } from '../../../domain/worker/decider.ts';
import type { WorkerEvent } from '../../../events/catalogue/worker-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';
import { AGENCY, T } from './fixtures.ts';

const NOW = T('2026-03-01 09:00');
const admin = { id: 'admin-zhou', role: 'administrator', organisation: AGENCY };
const spec = deciderSpec(workerDecider, { now: NOW, actor: admin });
const details = {
  workerId: 'lawyer-wang',
  agencyId: AGENCY,
  name: '王律师',
  kind: 'lawyer',
  licenceNumber: '11101201510123456',
  relevantPracticeSince: '2015-07-01',
} as const;
const registered: WorkerEvent = { type: 'AidWorkerRegistered', data: { ...details, firmId: null, registeredAt: T('2026-01-05 09:00') } };
const FIRM = 'law-firm:hz-xihu-mingli';

describe('aid-worker registry', () => {
  it('registers a worker with agency, licence, kind and start of relevant practice', () => {
    spec
      .given([])
      .when({ type: 'RegisterAidWorker', data: details })
      .then([{ type: 'AidWorkerRegistered', data: { ...details, firmId: null, registeredAt: NOW } }]);
    expect(spec.given([registered]).state()).toMatchObject({
      status: 'active',
      kind: 'lawyer',
      relevantPracticeSince: '2015-07-01',
      firmId: null,
    });
  });

  it('records the firm a worker practises at, and changes or clears it', () => {
    spec
      .given([])
      .when({ type: 'RegisterAidWorker', data: { ...details, firmId: FIRM } })
      .then([{ type: 'AidWorkerRegistered', data: { ...details, firmId: FIRM, registeredAt: NOW } }]);
    const atFirm: WorkerEvent = { type: 'AidWorkerRegistered', data: { ...details, firmId: FIRM, registeredAt: NOW } };
    expect(spec.given([atFirm]).state().firmId).toBe(FIRM);
    spec
      .given([registered])
      .when({ type: 'UpdateAidWorker', data: { firmId: FIRM } })
      .then([{ type: 'AidWorkerDetailsUpdated', data: { firmId: FIRM, updatedAt: NOW } }]);
    const cleared: WorkerEvent = { type: 'AidWorkerDetailsUpdated', data: { firmId: null, updatedAt: NOW } };
    spec
      .given([atFirm])
      .when({ type: 'UpdateAidWorker', data: { firmId: null } })
      .then([cleared]);
    expect(spec.given([atFirm, cleared]).state().firmId).toBeNull();
    spec
      .given([registered])
      .when({ type: 'UpdateAidWorker', data: { firmId: null } })
      .thenThrows('NOTHING_TO_UPDATE');
  });

  it('refuses registering twice', () => {
    spec.given([registered]).when({ type: 'RegisterAidWorker', data: details }).thenThrows('WORKER_EXISTS');
  });

  it('updates only what changes, and refuses an update that changes nothing', () => {
    spec
      .given([registered])
      .when({ type: 'UpdateAidWorker', data: { name: '王律师', licenceNumber: '11101201510999999' } })
      .then([{ type: 'AidWorkerDetailsUpdated', data: { licenceNumber: '11101201510999999', updatedAt: NOW } }]);
    spec
      .given([registered])
      .when({ type: 'UpdateAidWorker', data: { name: '王律师' } })
      .thenThrows('NOTHING_TO_UPDATE');
    spec
      .given([])
      .when({ type: 'UpdateAidWorker', data: { name: 'x' } })
      .thenThrows('WORKER_NOT_FOUND');
  });

  it('deactivates and reactivates, each once', () => {
    const deactivated: WorkerEvent = { type: 'AidWorkerDeactivated', data: { reason: '执业证注销', deactivatedAt: NOW } };
    spec
      .given([registered])
      .when({ type: 'DeactivateAidWorker', data: { reason: '执业证注销' } })
      .then([deactivated]);
    expect(spec.given([registered, deactivated]).state().status).toBe('inactive');
    spec
      .given([registered, deactivated])
      .when({ type: 'DeactivateAidWorker', data: { reason: 'x' } })
      .thenThrows('WORKER_ALREADY_INACTIVE');
    spec
      .given([registered])
      .when({ type: 'ReactivateAidWorker', data: { reason: 'x' } })
      .thenThrows('WORKER_ALREADY_ACTIVE');
  });
});

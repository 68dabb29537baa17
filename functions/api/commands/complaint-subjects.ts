import { workerStream } from '../../../domain/streams.ts';
import { workerDecider } from '../../../domain/worker/decider.ts';
import { catalogue } from '../../../events/catalogue/index.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { folderOf } from '../../lib/command-runner.ts';
import type { EventStore } from '../../lib/event-store/event-store.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import type { Body } from './command-request.ts';

// Who a complaint names besides the assigned lawyer (Art 56; seed 002): a staff member registered
// with the caller's agency, or that agency or a station under it. The reviewer recording it works
// for the case's agency (the case scope checks that), so the caller's agency is the case's.

const workerFolder = folderOf(workerDecider, catalogue);

const invalid = (field: string, reason: string) => new HttpError(409, 'COMPLAINT_SUBJECT_INVALID', reason, { field });

export const assertComplaintSubject = async (store: EventStore, p: Admitted, body: Body) => {
  const about = body.about as { kind: 'staff'; workerId: string } | { kind: 'agency'; organisationId: string } | undefined;
  if (!about) return;
  if (about.kind === 'staff') {
    const worker = (await store.readStream(workerStream(about.workerId))).reduce(workerFolder.evolve, workerFolder.initialState());
    if (worker.status === 'none' || worker.agencyId !== p.organisation)
      throw invalid('about.workerId', `no staff member of ${p.organisation} is registered under this id`);
    return;
  }
  const { organisationId } = about;
  if (organisationId !== p.organisation && !p.registry.liesUnder(organisationId, p.organisation, p.today))
    throw invalid('about.organisationId', `a complaint recorded by ${p.organisation} is about it or one of its stations`);
};

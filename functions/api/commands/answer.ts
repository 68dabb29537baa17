import type { CommandOutcome } from '../../lib/command-runner.ts';
import { json } from '../../lib/http/response.ts';
import type { CommandAnswer } from '../responses/command-answers.ts';
import type { Body } from './command-request.ts';

// Where a stream kind's resource is read back, for the Location of what a command opened.
const resourcePaths: Record<string, string> = {
  case: '/cases',
  consultation: '/consultations',
  duty: '/duty-records',
  'duty-shift': '/duty-shifts',
  cooperation: '/cooperation-requests',
  'service-assessment': '/service-assessments',
  worker: '/workers',
  organisation: '/organisations',
};

/** The same answer for the first copy and every retry: it is built from the stored events. */
/** 202: recorded, but not what was asked for (an application referred elsewhere, Art 38). */
export const answer = (
  status: 200 | 201 | 202,
  id: string,
  outcome: CommandOutcome,
  extra: Body = {},
  headers: Record<string, string> = {},
) => {
  // Built through the schema's type (functions/api/responses/command-answers.ts), so the answer and
  // the document cannot drift apart.
  const common: CommandAnswer = {
    id,
    stream: outcome.stream,
    version: outcome.version,
    events: outcome.events.map((e) => ({ eventId: e.eventId, type: e.type, version: e.version, recordedAt: e.recordedAt })),
  };
  return json(
    status,
    { ...common, ...extra },
    {
      etag: `"${outcome.version}"`,
      ...(status === 201 ? { location: `${resourcePaths[outcome.stream.split('#')[0]!]}/${id}` } : {}),
      ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}),
      ...headers,
    },
  );
};

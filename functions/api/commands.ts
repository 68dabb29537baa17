import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { caseDecider, type CaseContext } from '../../domain/case/decider.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { createCommandRunner, requestHashOf } from '../lib/command-runner.ts';
import type { EventStore } from '../lib/event-store/event-store.ts';
import { createHttpHandler } from '../lib/http/http-handler.ts';
import { principalOf, type Principal } from '../lib/http/principal.ts';
import { parseBody } from '../lib/http/request-body.ts';
import { json } from '../lib/http/response.ts';
import type { AppendMeta } from '../lib/event-store/event-store.ts';
import { caseIdFor, idempotencyKeyOf } from './command-headers.ts';
import { receiveApplicationBody } from './requests/receive-application.ts';
import type { CommandOutcome } from '../lib/command-runner.ts';

export type CommandDeps = { store: EventStore; clock: () => Date; logger: Logger };

const metaOf = (event: APIGatewayProxyEventV2, principal: Principal, idempotencyKey: string, body: unknown): AppendMeta => ({
  actor: { id: principal.id, role: principal.role, organisation: principal.organisation },
  workstation: principal.workstation,
  correlationId: event.headers?.['x-correlation-id'] ?? event.requestContext.requestId,
  causationId: event.requestContext.requestId,
  idempotency: { key: idempotencyKey, requestHash: requestHashOf({ route: event.routeKey, path: event.pathParameters ?? {}, body }) },
});

/** The answer to a command: the same for the first copy and every retry, built from the stored events. */
const answer = (status: number, caseId: string, outcome: CommandOutcome, extraHeaders: Record<string, string> = {}) =>
  json(
    status,
    { caseId, version: outcome.version, events: outcome.events.map((e) => ({ eventId: e.eventId, type: e.type, version: e.version, recordedAt: e.recordedAt })) },
    { etag: `"${outcome.version}"`, ...extraHeaders, ...(outcome.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  );

export const createCommandHandler = ({ store, clock, logger }: CommandDeps) => {
  const runner = createCommandRunner({ store, decider: caseDecider, catalogue });
  const contextOf = (principal: Principal): CaseContext => ({ now: clock().toISOString(), actor: principal });

  return createHttpHandler(
    {
      'POST /applications': async (event) => {
        const principal = principalOf(event);
        const key = idempotencyKeyOf(event);
        const body = parseBody(event, receiveApplicationBody);
        const caseId = caseIdFor(principal.organisation, key);
        const context = contextOf(principal);
        const outcome = await runner.run({
          stream: `case#${caseId}`,
          command: { type: 'ReceiveApplication', data: { ...body, caseId, receivedAt: body.receivedAt ?? context.now } },
          context,
          meta: metaOf(event, principal, key, body),
          expectedVersion: 0,
        });
        return answer(201, caseId, outcome, { location: `/cases/${caseId}` });
      },
    },
    logger,
  );
};

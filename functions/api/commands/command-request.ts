import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { requestHashOf } from '../../lib/command-runner.ts';
import type { AppendMeta } from '../../lib/event-store/event-store.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { parseBody } from '../../lib/http/request-body.ts';
import { correlationIdOf, expectedVersionOf, idempotencyKeyOf } from '../command-headers.ts';
import type { CommandSpec } from './command-table.ts';

export type Body = Record<string, unknown>;

/** One command request, read once: who, what, under which key, at which version. */
export type CommandRequest = {
  spec: CommandSpec;
  event: APIGatewayProxyEventV2;
  /** The caller, admitted by the gate with the registry snapshot and business day its scope is decided on. */
  principal: Admitted;
  key: string;
  body: Body;
  meta: AppendMeta;
  now: string;
  /** What every decider is given besides the command. */
  context: { now: string; actor: AppendMeta['actor'] };
  expectedVersion: number | undefined;
};

/** How the commands of one target run: the route gate has checked the role, the handler checks the record. */
export type TargetHandler = (request: CommandRequest) => Promise<APIGatewayProxyStructuredResultV2>;

/** `requestHashKey` is the stack's request-hash secret (command-runner.ts `requestHashOf`). */
export const commandRequestOf = (
  spec: CommandSpec,
  event: APIGatewayProxyEventV2,
  principal: Admitted,
  now: string,
  requestHashKey?: Buffer,
): CommandRequest => {
  const key = idempotencyKeyOf(event);
  const body = parseBody(event, spec.body) as Body;
  const actor = { id: principal.id, role: principal.role, organisation: principal.organisation };
  const meta: AppendMeta = {
    actor,
    workstation: principal.workstation,
    correlationId: correlationIdOf(event),
    causationId: event.requestContext.requestId,
    idempotency: { key, requestHash: requestHashOf({ route: event.routeKey, path: event.pathParameters ?? {}, body }, requestHashKey) },
  };
  return { spec, event, principal, key, body, meta, now, context: { now, actor }, expectedVersion: expectedVersionOf(event) };
};

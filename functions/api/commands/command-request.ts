import type { LateEntryReason } from '../../../events/late-entry-reasons.ts';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { requestHashOf } from '../../lib/command-runner.ts';
import type { AppendMeta } from '../../lib/event-store/event-store.ts';
import type { Admitted } from '../../lib/auth/admitted.ts';
import { parseBody } from '../../lib/http/request-body.ts';
import { pathIdOf } from '../../lib/http/path-id.ts';
import { HttpError } from '../../lib/http/http-error.ts';
import { DomainError } from '../../../domain/errors.ts';
import { businessTimeOf, type BusinessTime } from '../../../domain/time/business-time.ts';
import { correlationIdOf, expectedVersionOf, idempotencyKeyOf } from '../command-headers.ts';
import type { CommandSpec } from './command-table.ts';
import type { LegacyNotice } from '../../../domain/notice/legacy.ts';

export type Body = Record<string, unknown>;

/**
 * The command's business time and its late-entry flag (domain/time/business-time.ts), taken off the
 * body: deciders are given the business time as their `now`, the store stamps it as `occurredAt`.
 * An opening's own time field (`receivedAt`, …) is its business time: naming both with different
 * values would let one of them move a clock unflagged, so it is refused.
 */
const businessTimeOfRequest = (spec: CommandSpec, parsed: Body, now: string): { body: Body; time: BusinessTime; refusal?: HttpError } => {
  const { occurredAt, lateEntryReason, ...body } = parsed as Body & { occurredAt?: string; lateEntryReason?: LateEntryReason };
  const own = spec.timeField ? (body[spec.timeField] as string | undefined) : undefined;
  if (own !== undefined && occurredAt !== undefined && Date.parse(own) !== Date.parse(occurredAt))
    throw new HttpError(400, 'INVALID_FIELD', `${spec.timeField} is this record's business time: give it or occurredAt, or both equal`, {
      field: spec.timeField!,
    });
  try {
    const time = businessTimeOf({ occurredAt: occurredAt ?? own, lateEntryReason, recordedAt: now });
    return { body, time };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // A business time ahead of the clock is a bad request; a late entry the policy refuses, a rule
    // broken. Deferred (AppendMeta.deferredRefusal): the time the command would have had stands in.
    const refusal = new HttpError(error.code === 'OCCURRED_AT_IN_FUTURE' ? 400 : 422, error.code, error.message, {
      field: error.field ?? 'occurredAt',
      ...(error.rule ? { details: { rule: error.rule } } : {}),
    });
    return { body, time: { occurredAt: occurredAt ?? own ?? now, lateEntry: null }, refusal };
  }
};

/** One command request, read once: who, what, under which key, at which version. */
export type CommandRequest = {
  spec: CommandSpec;
  /** The caller, admitted by the gate with the registry snapshot and business day its scope is decided on. */
  principal: Admitted;
  key: string;
  body: Body;
  meta: AppendMeta;
  /** The server's time of the request: the recorded time. */
  now: string;
  /** What every decider is given besides the command; its `now` is the business time. */
  context: { now: string; actor: AppendMeta['actor'] };
  expectedVersion: number | undefined;
  /** The record the command acts on (the path's `{id}`); asked for only by the targets that act on one, which is when a bad one is refused. */
  recordId: () => string;
  /** The id of the record an opening command opens; absent, it is named by the caller's organisation and the key (records.ts). */
  openedId?: string;
  /** An imported assignment's notice number as printed (docs/import.md): filed in its legacy space, the counter untouched. */
  legacyNotice?: LegacyNotice;
};

/** How the commands of one target run: the route gate has checked the role, the handler checks the record. */
export type TargetHandler = (request: CommandRequest) => Promise<APIGatewayProxyStructuredResultV2>;

/** Where a request came from (an HTTP event, an import line): what the envelope and the target are told of it. */
export type RequestOrigin = Pick<CommandRequest, 'key' | 'expectedVersion' | 'recordId' | 'openedId' | 'legacyNotice'> & {
  requestHash: string;
  correlationId: string;
  causationId: string | null;
  provenance?: AppendMeta['provenance'];
};

/** A request of either origin, once its body is parsed and its business time judged. */
export const commandRequestFrom = (
  spec: CommandSpec,
  principal: Admitted,
  { body, time, refusal }: { body: Body; time: BusinessTime; refusal?: Error | undefined },
  now: string,
  origin: RequestOrigin,
): CommandRequest => {
  const explicit = time.occurredAt !== now;
  const actor = { id: principal.id, role: principal.role, organisation: principal.organisation };
  const meta: AppendMeta = {
    actor,
    workstation: principal.workstation,
    correlationId: origin.correlationId,
    causationId: origin.causationId,
    idempotency: { key: origin.key, requestHash: origin.requestHash },
    ...(explicit ? { occurredAt: time.occurredAt } : {}),
    ...(time.lateEntry ? { lateEntry: time.lateEntry } : {}),
    ...(origin.provenance ? { provenance: origin.provenance } : {}),
    ...(refusal ? { deferredRefusal: refusal } : {}),
  };
  const context = { now: time.occurredAt, actor };
  const { key, expectedVersion, recordId, openedId, legacyNotice } = origin;
  return {
    spec,
    principal,
    key,
    body,
    meta,
    now,
    context,
    expectedVersion,
    recordId,
    ...(openedId ? { openedId } : {}),
    ...(legacyNotice ? { legacyNotice } : {}),
  };
};

/** `requestHashKey` is the stack's request-hash secret (command-runner.ts `requestHashOf`). */
export const commandRequestOf = (
  spec: CommandSpec,
  event: APIGatewayProxyEventV2,
  principal: Admitted,
  now: string,
  requestHashKey?: Buffer,
): CommandRequest => {
  const key = idempotencyKeyOf(event);
  const parsed = parseBody(event, spec.body) as Body;
  return commandRequestFrom(spec, principal, businessTimeOfRequest(spec, parsed, now), now, {
    key,
    requestHash: requestHashOf({ route: event.routeKey, path: event.pathParameters ?? {}, body: parsed }, requestHashKey),
    correlationId: correlationIdOf(event),
    causationId: event.requestContext.requestId,
    expectedVersion: expectedVersionOf(event),
    recordId: () => pathIdOf(event),
  });
};

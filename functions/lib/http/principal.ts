import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import type { Actor } from '../../../events/envelope.ts';
import { HttpError } from './http-error.ts';

/**
 * Claims every token carries: who (sub), in what role, for which organisation, from which workstation.
 * Bounded as the event envelope bounds the actor, so a token can never make a stored event unreadable.
 * Whether the role is one of this system's is the route gate's question (403 UNKNOWN_ROLE).
 */
const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  role: z.string().min(1).max(50),
  org: z.string().regex(/^[a-z-]+:[A-Za-z0-9_.-]{1,100}$/, 'an organisation id such as agency:hz-xihu'),
  workstation: z.string().min(1).max(200).optional(),
});

export type Principal = Actor & { workstation: string | null };

/**
 * Payload 2.0 as API Gateway's JWT authorizer fills it: every claim's value a string (`exp` and `iat`
 * too; an array as `[a b]`), and `scopes` null unless the route requires scopes.
 */
type JwtAuthorizerContext = { authorizer?: { jwt?: { claims?: Readonly<Record<string, string>>; scopes?: readonly string[] | null } } };

/** The verified claims API Gateway (or the local server, in the same form) put on the event, if any. */
export const claimsOf = (event: APIGatewayProxyEventV2): Readonly<Record<string, string>> | undefined =>
  (event.requestContext as unknown as JwtAuthorizerContext | undefined)?.authorizer?.jwt?.claims;

/** Why these claims name no principal, or null when they do. */
export const claimsRefusal = (claims: Readonly<Record<string, unknown>> | undefined): string | null => {
  if (!claims) return 'a valid bearer token is required';
  const parsed = claimsSchema.safeParse(claims);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const claim = String(issue?.path[0] ?? 'claims');
  return claims[claim] === undefined
    ? `the token has no ${claim} claim`
    : `the token's ${claim} claim is not valid: ${issue?.message ?? 'invalid'}`;
};

/**
 * The caller, from the claims API Gateway's JWT authorizer verified (locally: the local server's gate,
 * which fills the same place in the same form). No claims means no verified token reached us; a claim
 * that is not a string is not one API Gateway passes, and names no principal.
 */
export const principalOf = (event: APIGatewayProxyEventV2): Principal => {
  const claims = claimsOf(event);
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success)
    throw new HttpError(401, 'UNAUTHENTICATED', claimsRefusal(claims) ?? 'a valid bearer token with role and org claims is required', {
      field: 'Authorization',
    });
  const { sub, role, org, workstation } = parsed.data;
  return { id: sub, role, organisation: org, workstation: workstation ?? null };
};

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import type { Actor } from '../../../events/envelope.ts';
import { HttpError } from './http-error.ts';

/** Claims every token carries: who (sub), in what role, for which organisation, from which workstation. */
const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.string().min(1),
  org: z.string().min(1),
  workstation: z.string().min(1).optional(),
});

export type Principal = Actor & { workstation: string | null };

type JwtAuthorizerContext = { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };

/**
 * The caller, from the claims API Gateway's JWT authorizer verified (locally: the dev server's
 * jose check, which fills the same place). No claims means no verified token reached us.
 */
export const principalOf = (event: APIGatewayProxyEventV2): Principal => {
  const claims = (event.requestContext as unknown as JwtAuthorizerContext).authorizer?.jwt?.claims;
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new HttpError(401, 'UNAUTHENTICATED', 'a valid bearer token with role and org claims is required', { field: 'Authorization' });
  const { sub, role, org, workstation } = parsed.data;
  return { id: sub, role, organisation: org, workstation: workstation ?? null };
};

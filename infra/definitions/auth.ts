// Who may call the API, read by the CDK stack (the HTTP API's JWT authorizer) and by the local stack
// (its gate), so the two accept the same tokens. The issuer is not here: in AWS it is the identity
// provider named in the stack's context, locally the local server itself.

/**
 * The audiences a token's `aud` (or, without `aud`, its `client_id`) must name one of. The default of
 * the `jwtAudience` context; an audience change deploys a list (docs/operations.md).
 */
export const apiAudience: readonly string[] = ['legal-aid-api'];

/**
 * The oldest a token may be, in seconds: its `iat` no further back than this, its `exp` no further
 * than this after its `iat`. API Gateway's authorizer has no such bound; a stolen long-lived token is
 * what it guards against.
 */
export const maxTokenAgeSeconds = 24 * 60 * 60;

/** What API Gateway's HTTP API JWT authorizer verifies: RSA signatures only. */
export const tokenAlgorithms = ['RS256', 'RS384', 'RS512'] as const;

import type { JWTPayload } from 'jose';

const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(render).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/**
 * A verified token's claims as API Gateway hands them to a payload 2.0 integration in
 * `requestContext.authorizer.jwt.claims`: every value a string. Numbers (`exp`, `iat`) and booleans
 * become their text; an array becomes its items between brackets, separated by spaces
 * (`["a","b"]` → `"[a b]"`), the form API Gateway renders and its users parse
 * (aws-solutions-library-samples/guidance-for-claude-code-with-amazon-bedrock pull 803). AWS does not
 * document an object claim's form; it is passed as its JSON text here.
 */
export const authorizerClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, render(value)]));

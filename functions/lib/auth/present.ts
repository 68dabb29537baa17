import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Principal } from '../http/principal.ts';
import { personalDataFor, seesPersonalData } from './mask.ts';

/**
 * The last step of every authenticated read: a JSON answer is masked for a caller without a need for
 * personal data (functions/lib/auth/mask.ts), whatever the route. `x-personal-data` says which the
 * caller got. Other media types (the CSV export) are masked by their handler with personalDataFor.
 */
export const presentPersonalData = (result: APIGatewayProxyStructuredResultV2, principal: Principal): APIGatewayProxyStructuredResultV2 => {
  const full = seesPersonalData(principal);
  const type = String(result.headers?.['content-type'] ?? '');
  const body =
    !full && result.body && /^application\/json/i.test(type)
      ? JSON.stringify(personalDataFor(principal, JSON.parse(result.body) as unknown))
      : result.body;
  return {
    ...result,
    ...(body !== undefined ? { body } : {}),
    headers: { ...result.headers, 'x-personal-data': full ? 'full' : 'masked' },
  };
};

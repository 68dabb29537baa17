import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Principal } from '../http/principal.ts';
import type { KeyStore } from '../privacy/key-store.ts';
import { openPersonal } from '../privacy/open-personal.ts';
import { personalDataFor, seesPersonalData } from './mask.ts';

/** An answer as the caller gets it, with the records whose personal data it showed (for the read audit). */
export type PresentedAnswer = {
  result: APIGatewayProxyStructuredResultV2;
  subjects: readonly string[];
  shown: 'full' | 'masked';
};

/** Names the records whose personal data a handler showed itself (CSV, export): read and removed here. */
export const SUBJECTS_HEADER = 'x-personal-subjects';
/**
 * Set by a handler that opened and masked its answer itself and holds sealed values that must stay
 * sealed (the export's stored envelopes, which verify offline only as stored): read and removed here.
 */
export const PRESENTED_HEADER = 'x-personal-presented';

/**
 * The last step of every authenticated answer: in a JSON body, every sealed personal value is opened
 * with its record's key and shown in full or masked by its kind for the caller
 * (functions/lib/privacy/open-personal.ts); `x-personal-data` says which. Other media types (the CSV
 * export), and a JSON answer its handler marks `x-personal-presented: handler` (the JSON export, whose
 * stored envelopes must stay sealed), are opened by their handler, which names the records it showed
 * in `x-personal-subjects`.
 * Without a key store (a store that never sealed) values are masked by field name as before.
 */
export const createPersonalPresenter =
  (keys?: KeyStore) =>
  async (result: APIGatewayProxyStructuredResultV2, principal: Principal): Promise<PresentedAnswer> => {
    const full = seesPersonalData(principal);
    const type = String(result.headers?.['content-type'] ?? '');
    let body = result.body;
    let subjects: readonly string[] = [];
    const {
      [SUBJECTS_HEADER]: named,
      [PRESENTED_HEADER]: presented,
      ...headers
    } = (result.headers ?? {}) as Record<string, string | number | boolean>;
    if (body && presented !== 'handler' && /^application\/json/i.test(type)) {
      const parsed = JSON.parse(body) as unknown;
      if (keys) {
        const opened = await openPersonal(keys, principal, parsed);
        body = JSON.stringify(opened.value);
        subjects = opened.subjects;
      } else if (!full) body = JSON.stringify(personalDataFor(principal, parsed));
    }
    if (typeof named === 'string' && named !== '') subjects = [...new Set([...subjects, ...named.split(',')])];
    return {
      result: { ...result, ...(body !== undefined ? { body } : {}), headers: { ...headers, 'x-personal-data': full ? 'full' : 'masked' } },
      subjects,
      shown: full ? 'full' : 'masked',
    };
  };

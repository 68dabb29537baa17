import type { RouteHandler } from '../../lib/http/http-handler.ts';
import type { Principal } from '../../lib/http/principal.ts';
import { PERSONAL_SUBJECTS_HEADER } from '../../lib/privacy/read-record.ts';

// The routes that answer about one person's record. Such an answer is a read of that person's data
// even where no field of it is sealed (a case's status says that this person sought legal aid, a
// criminal matter's that they are charged: PIPL Art 4 counts any information relating to an
// identified person, Art 28 the criminal record as sensitive), so each names its record and the gate
// puts the read on record. Fields that are sealed name their records by themselves (present.ts).
const recordOfRoute: Readonly<Record<string, string>> = {
  'GET /cases/{id}': 'case#',
  'GET /cases/{id}/history': 'case#',
  'GET /cases/{id}/diff': 'case#',
  'GET /cases/{id}/export': 'case#',
  'GET /consultations/{id}': 'consultation#',
  'GET /duty-records/{id}': 'duty#',
  'GET /workers/{id}': 'worker#',
};

/** The handlers, those of a record route naming the record (its stream) their successful answer showed. */
export const namingTheirRecords = <P extends Principal>(handlers: Record<string, RouteHandler<P>>): Record<string, RouteHandler<P>> =>
  Object.fromEntries(
    Object.entries(handlers).map(([routeKey, handler]) => {
      const prefix = recordOfRoute[routeKey];
      if (!prefix) return [routeKey, handler];
      const named: RouteHandler<P> = async (event, context, principal) => {
        const result = await handler(event, context, principal);
        const id = event.pathParameters?.id;
        if (!id || (result.statusCode ?? 200) >= 300) return result;
        const headers = { ...(result.headers ?? {}) } as Record<string, string | number | boolean>;
        const already = typeof headers[PERSONAL_SUBJECTS_HEADER] === 'string' ? `${headers[PERSONAL_SUBJECTS_HEADER] as string},` : '';
        return { ...result, headers: { ...headers, [PERSONAL_SUBJECTS_HEADER]: `${already}${prefix}${id}` } };
      };
      return [routeKey, named];
    }),
  );

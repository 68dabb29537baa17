// Every HTTP route, read by the CDK stack (API Gateway routes), the local server (matching) and
// each API Lambda (dispatch by route key). A route not listed here does not exist anywhere.

export type ApiFunction = 'api-commands' | 'api-queries';

export type RouteDefinition = {
  method: 'GET' | 'POST';
  path: string;
  function: ApiFunction;
  /** False only for the health check: everything else needs a verified token. */
  authenticated: boolean;
  summary: string;
};

export const routes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', function: 'api-queries', authenticated: false, summary: 'Liveness of the API' },
  { method: 'POST', path: '/applications', function: 'api-commands', authenticated: true, summary: 'Receive an application for legal aid at an agency window, workstation or online' },
  { method: 'GET', path: '/cases/{id}', function: 'api-queries', authenticated: true, summary: 'A case as the case-status read model holds it' },
];

export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

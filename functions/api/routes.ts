// Every HTTP route, read by the CDK stack (API Gateway routes), the local server (matching), each
// API Lambda (dispatch by route key) and the OpenAPI document. A route not listed here does not exist.
import type { z } from 'zod';
import { receiveApplicationBody } from './requests/receive-application.ts';

export type ApiFunction = 'api-commands' | 'api-queries';

export type RouteDefinition = {
  method: 'GET' | 'POST';
  path: string;
  function: ApiFunction;
  /** False only for the health check: everything else needs a verified token. */
  authenticated: boolean;
  summary: string;
  /** Groups routes in the OpenAPI document. */
  tag: 'cases' | 'audit' | 'reports' | 'system';
  /** The JSON body a POST takes; the same schema validates it in the handler. */
  body?: z.ZodType;
  /** Query parameters, as a zod object of strings. */
  query?: z.ZodObject;
  /** Status of a successful answer. */
  success: 200 | 201;
};

export const routes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', function: 'api-queries', authenticated: false, tag: 'system', success: 200, summary: 'Liveness of the API' },
  { method: 'GET', path: '/openapi.json', function: 'api-queries', authenticated: false, tag: 'system', success: 200, summary: 'This API described in OpenAPI 3.1' },
  {
    method: 'POST',
    path: '/applications',
    function: 'api-commands',
    authenticated: true,
    tag: 'cases',
    success: 201,
    body: receiveApplicationBody,
    summary: 'Receive an application for legal aid at an agency window, workstation or online (Art 24, 29, 31, 33, 38)',
  },
  { method: 'GET', path: '/cases/{id}', function: 'api-queries', authenticated: true, tag: 'cases', success: 200, summary: 'A case as the case-status read model holds it' },
];

export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

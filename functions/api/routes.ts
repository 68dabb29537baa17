// Every HTTP route, read by the CDK stack (API Gateway routes), the local server (matching), each
// API Lambda (dispatch by route key) and the OpenAPI document. A route not listed here does not exist.
import type { z } from 'zod';
import { roles as allRoles, type Role } from '../lib/auth/roles.ts';
import { commandTable } from './commands/command-table.ts';
import { caseMomentQuery, diffQuery, exportQuery, historyQuery } from './audit/audit-requests.ts';

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
  /** Roles that may call it (authenticated routes); which records they reach is checked per record. */
  roles: readonly Role[];
};

/** Everyone who may look at a case they have a part in; which cases each sees is the case scope. */
const caseReaders: readonly Role[] = allRoles.filter((r) => r !== 'finance');

/** Who may read a case's audit trail: auditors and supervisors everywhere they are scoped, the agency's staff. */
const auditReaders: readonly Role[] = ['auditor', 'supervisor', 'administrator', 'agency-reviewer'];

export const routes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', function: 'api-queries', authenticated: false, tag: 'system', success: 200, roles: [], summary: 'Liveness of the API' },
  { method: 'GET', path: '/openapi.json', function: 'api-queries', authenticated: false, tag: 'system', success: 200, roles: [], summary: 'This API described in OpenAPI 3.1' },
  ...commandTable.map(
    (spec): RouteDefinition => ({
      method: 'POST',
      path: spec.path,
      function: 'api-commands',
      authenticated: true,
      tag: 'cases',
      success: spec.target.startsWith('open-') ? 201 : 200,
      body: spec.body,
      roles: spec.roles,
      summary: spec.summary,
    }),
  ),
  { method: 'GET', path: '/cases/{id}', function: 'api-queries', authenticated: true, tag: 'cases', success: 200, roles: caseReaders, query: caseMomentQuery, summary: 'A case as the case-status read model holds it, with its due dates and what is overdue; with asOf or version, as folded from the event store at that moment' },
  // Audit (issue 5): history, differences, chain verification and export, read from the event store.
  { method: 'GET', path: '/cases/{id}/history', function: 'api-queries', authenticated: true, tag: 'audit', success: 200, roles: auditReaders, query: historyQuery, summary: 'Every event of a case, oldest first: who, from where, when, why, the data, and its hash links; paginated' },
  { method: 'GET', path: '/cases/{id}/diff', function: 'api-queries', authenticated: true, tag: 'audit', success: 200, roles: auditReaders, query: diffQuery, summary: 'The fields of the folded case that changed between two versions, and the events in between' },
  { method: 'GET', path: '/cases/{id}/verify', function: 'api-queries', authenticated: true, tag: 'audit', success: 200, roles: auditReaders, summary: "Recomputes the case's hash chain and names the first break (altered, removed or truncated events)" },
  { method: 'GET', path: '/cases/{id}/export', function: 'api-queries', authenticated: true, tag: 'audit', success: 200, roles: auditReaders, query: exportQuery, summary: "The case's full history for an auditor, as JSON (verifiable offline) or CSV" },
];

export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** The roles a route admits, by its key. */
export const routeRoles = (routeKey: string): readonly Role[] => {
  const route = routes.find((r) => routeKeyOf(r) === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  return route.roles;
};

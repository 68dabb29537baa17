import { routeKeyOf } from '../../lib/http/http-handler.ts';
import { commandTable } from '../commands/command-table.ts';
import { commandAnswerExamples, referralAnswerExample } from './command-answer-examples.ts';
import { commandRequestExamples } from './command-request-examples.ts';
import { importAnswerExample, importRequestExample } from './import-examples.ts';
import { queryAnswerExamples } from './query-answer-examples.ts';

// The examples of each operation, by route key (`POST /applications`), for the OpenAPI document:
// a command's from its command's and its target's examples, a query's from its path's.

export type OperationExamples = {
  /** The request body (POST). */
  request?: unknown;
  /** The body of the route's `success` answer. */
  success?: unknown;
  /** The body of its `alternative` answer (the referral's 202). */
  alternative?: unknown;
};

export const operationExamples: ReadonlyMap<string, OperationExamples> = new Map<string, OperationExamples>([
  ...commandTable.map((spec): [string, OperationExamples] => [
    routeKeyOf({ method: 'POST', path: spec.path }),
    {
      request: commandRequestExamples[spec.command],
      success: commandAnswerExamples[spec.target],
      ...(spec.path === '/applications' ? { alternative: referralAnswerExample } : {}),
    },
  ]),
  ['POST /imports', { request: importRequestExample, success: importAnswerExample }],
  ...Object.entries(queryAnswerExamples).map(([key, success]): [string, OperationExamples] => [key, { success }]),
]);

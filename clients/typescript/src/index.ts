export { createLegalAidClient, ifMatchOf, versionOf } from './client.ts';
export type { Answer, AnswerBody, ClientOptions, CommandArgs, LegalAidClient, ReadArgs, TokenSource } from './client.ts';
export { ApiProblem, VersionConflict, problemFrom } from './problem.ts';
export type { ProblemFields, ProblemIssue } from './problem.ts';
export { defaultRetryPolicy, retryingFetch } from './retry.ts';
export type { RetryPolicy } from './retry.ts';
export type { components, operations, paths } from './schema.d.ts';

import type { ProjectionName } from '../../events/routing.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { createCaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { ownedPrefixes } from '../lib/read-models/keys.ts';
import { createReadModelTable, type ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';
import { applyToCaseStatus } from './case-status.ts';
import { applyToFunding } from './funding.ts';
import { applyToQuality } from './quality.ts';
import { applyToStatistics } from './statistics.ts';
import type { ProjectionOutcome, StateCache, StreamReader } from './stream-projection.ts';

/**
 * Every projection's code, by the names of the routing rules (events/routing.ts): what the Lambda
 * entries (lambda-entry.ts), the local stack and the rebuild run. CDK makes one function per rule.
 */
export type ProjectionModule = {
  /** Item key prefixes (pk) the projection owns in the read-models table: a rebuild drops these and nothing else. */
  ownedPrefixes: readonly string[];
  /** Applies one event; `cache` is the instance's last states (stream-projection.ts), absent in a rebuild. */
  apply: (
    deps: { store: StreamReader; readModels: ReadModelsTableRef },
    envelope: EventEnvelope,
    cache?: StateCache,
  ) => Promise<ProjectionOutcome>;
};

export const projectionModules: Record<ProjectionName, ProjectionModule> = {
  'case-status': {
    ownedPrefixes: ownedPrefixes['case-status'],
    apply: ({ store, readModels }, envelope, cache) =>
      applyToCaseStatus({ store, caseStatus: createCaseStatusTable(readModels) }, envelope, cache),
  },
  quality: {
    ownedPrefixes: ownedPrefixes.quality,
    apply: ({ store, readModels }, envelope, cache) =>
      applyToQuality({ store, readModels: createReadModelTable(readModels) }, envelope, cache),
  },
  funding: {
    ownedPrefixes: ownedPrefixes.funding,
    apply: ({ store, readModels }, envelope, cache) =>
      applyToFunding({ store, readModels: createReadModelTable(readModels) }, envelope, cache),
  },
  statistics: {
    ownedPrefixes: ownedPrefixes.statistics,
    // No cache of states: the contribution read with the stream's version is the base of its difference (statistics.ts).
    apply: ({ store, readModels }, envelope) => applyToStatistics({ store, readModels }, envelope),
  },
};

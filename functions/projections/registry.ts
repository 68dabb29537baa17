import type { ProjectionName } from '../../events/routing.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { createCaseStatusTable } from '../lib/read-models/case-status-table.ts';
import { ownedPrefixes } from '../lib/read-models/keys.ts';
import { createReadModelTable, type ReadModelsTableRef } from '../lib/read-models/read-model-table.ts';
import { applyToCaseStatus } from './case-status.ts';
import { applyToFunding } from './funding.ts';
import { applyToQuality } from './quality.ts';
import type { ProjectionOutcome, StreamReader } from './stream-projection.ts';

/** Every projection's apply function, by name: what the Lambda entries, the local bus and the rebuild all call. */
export type ProjectionModule = {
  /** Item key prefixes (pk) the projection owns in the read-models table: a rebuild drops these and nothing else. */
  ownedPrefixes: readonly string[];
  apply: (deps: { store: StreamReader; readModels: ReadModelsTableRef }, envelope: EventEnvelope) => Promise<ProjectionOutcome>;
};

export const projectionModules: Record<ProjectionName, ProjectionModule> = {
  'case-status': {
    ownedPrefixes: ownedPrefixes['case-status'],
    apply: ({ store, readModels }, envelope) => applyToCaseStatus({ store, caseStatus: createCaseStatusTable(readModels) }, envelope),
  },
  quality: {
    ownedPrefixes: ownedPrefixes.quality,
    apply: ({ store, readModels }, envelope) => applyToQuality({ store, readModels: createReadModelTable(readModels) }, envelope),
  },
  funding: {
    ownedPrefixes: ownedPrefixes.funding,
    apply: ({ store, readModels }, envelope) => applyToFunding({ store, readModels: createReadModelTable(readModels) }, envelope),
  },
};

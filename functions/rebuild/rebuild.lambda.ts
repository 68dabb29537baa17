import * as z from 'zod';
import { projectionNames, type ProjectionName } from '../../events/routing.ts';
import { dynamoFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability } from '../lib/observability.ts';
import { tableEnv } from '../lib/table-env.ts';
import { dropProjections, rebuildProjections, type RebuildReport } from './rebuild.ts';
import { createSegmentLeases, underLeases } from './segment-lease.ts';

// The rebuild job in AWS (docs/operations.md, "Rebuild a projection"): one invocation handles one
// scan segment (or a few) of one step, within the 15-minute limit. An operator (or a Step Functions
// Map state) invokes every segment of `drop`, then every segment of `rebuild`, with the same run id
// and totalSegments. Payload:
// {"runId":"quality-2026-12-06","action":"drop"|"rebuild","projections":["quality"]|"all","segment":0,"totalSegments":64}
// Each segment of a run is leased (segment-lease.ts): invoked again while it runs, it is refused;
// invoked again once done, it answers that it was done and does nothing.

const payloadSchema = z.strictObject({
  runId: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'a run id: 1-100 letters, digits, . _ : -'),
  action: z.enum(['drop', 'rebuild']),
  projections: z.union([z.literal('all'), z.array(z.enum(projectionNames as [string, ...string[]])).min(1)]),
  segment: z.int().min(0),
  totalSegments: z.int().min(1).max(1_000_000),
  /** Further segments in the same invocation: segment, segment + 1, … (default 1). */
  count: z.int().min(1).max(1000).default(1),
});

const { logger } = createObservability();
const dynamo = dynamoFromEnv();

export const handler = async (payload: unknown) => {
  const p = payloadSchema.parse(payload);
  if (p.segment + p.count > p.totalSegments)
    throw new Error(`segments ${p.segment}..${p.segment + p.count - 1} are not all below totalSegments ${p.totalSegments}`);
  const projections = (p.projections === 'all' ? projectionNames : p.projections) as readonly ProjectionName[];
  const readModels = { client: dynamo, tableName: requireEnv(tableEnv.readModels) };
  const events = { client: dynamo, tableName: requireEnv(tableEnv.events) };
  const leases = createSegmentLeases({ readModels });
  const run = { runId: p.runId, step: p.action, totalSegments: p.totalSegments };
  const segments = Array.from({ length: p.count }, (_, i) => p.segment + i);
  const outcome = await underLeases<{ deleted: number } | RebuildReport>(leases, run, segments, projections, (todo, worked) => {
    const selection = { totalSegments: p.totalSegments, segments: worked };
    return p.action === 'drop'
      ? dropProjections({ readModels, projections: todo, selection }).then((deleted) => ({ deleted }))
      : rebuildProjections({ events, readModels, projections: todo, selection });
  });
  logger.info(`rebuild: ${p.action}`, { runId: p.runId, projections, segments, doneBefore: outcome.doneBefore, results: outcome.results });
  return { runId: p.runId, action: p.action, projections, segments, ...outcome };
};

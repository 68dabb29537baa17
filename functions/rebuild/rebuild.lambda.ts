import * as z from 'zod';
import { projectionNames } from '../../events/routing.ts';
import { tableEnv } from '../lib/table-env.ts';
import { dynamoFromEnv } from '../lib/aws-clients.ts';
import { requireEnv } from '../lib/env.ts';
import { createObservability } from '../lib/observability.ts';
import { dropProjections, rebuildProjections } from './rebuild.ts';

// The rebuild job in AWS (docs/operations.md, "Rebuild a projection"): one invocation handles one
// scan segment (or a few) of one step, within the 15-minute limit. An operator (or a Step Functions
// Map state) invokes every segment of `drop`, then every segment of `rebuild`, with the same
// totalSegments. Payload: {"action":"drop"|"rebuild","projections":["quality"]|"all","segment":0,"totalSegments":64}

const payloadSchema = z.strictObject({
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
  if (p.segment + p.count > p.totalSegments) throw new Error(`segments ${p.segment}..${p.segment + p.count - 1} are not all below totalSegments ${p.totalSegments}`);
  const projections = (p.projections === 'all' ? projectionNames : p.projections) as typeof projectionNames;
  const selection = { totalSegments: p.totalSegments, segments: Array.from({ length: p.count }, (_, i) => p.segment + i) };
  const readModels = { client: dynamo, tableName: requireEnv(tableEnv.readModels) };
  if (p.action === 'drop') {
    const deleted = await dropProjections({ readModels, projections, selection });
    logger.info('rebuild: dropped', { projections, segments: selection.segments, deleted });
    return { action: p.action, projections, segments: selection.segments, deleted };
  }
  const report = await rebuildProjections({ events: { client: dynamo, tableName: requireEnv(tableEnv.events) }, readModels, projections, selection });
  logger.info('rebuild: rebuilt', { projections, segments: selection.segments, events: report.events, streams: report.streams, applied: report.applied, unreadable: report.unreadable.length, eventsPerSecond: report.eventsPerSecond });
  return { action: p.action, ...report };
};

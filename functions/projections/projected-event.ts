import * as z from 'zod';
import { envelopeSchema } from '../../events/envelope.ts';

// EventBridge's wrapper, the same fields as Powertools' `EventBridgeSchema`. Written here because
// Powertools' schema modules import `{ z }` from 'zod', which keeps all of zod (454 KB with every
// locale) in the bundle; `import * as z` lets esbuild keep only what is used (bench/README.md, 6).
const eventBridgeSchema = z.object({
  version: z.string(),
  id: z.string(),
  source: z.string(),
  account: z.string(),
  time: z.iso.datetime(),
  region: z.string(),
  resources: z.array(z.string()),
  'detail-type': z.string(),
  detail: z.unknown(),
  'replay-name': z.string().optional(),
});

/**
 * An event as a projection receives it: EventBridge's wrapper around a stored envelope made thin
 * (functions/lib/bus-entry.ts: personal fields `[withheld]`); stream-projection.ts reads the stored
 * event when the projection needs one of them.
 */
export const projectedEventSchema = eventBridgeSchema.extend({ detail: envelopeSchema });
export type ProjectedEvent = z.infer<typeof projectedEventSchema>;

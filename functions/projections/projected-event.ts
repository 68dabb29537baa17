import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import type { z } from 'zod';
import { envelopeSchema } from '../../events/envelope.ts';

/** An event as a projection receives it: EventBridge's wrapper around a stored envelope. */
export const projectedEventSchema = EventBridgeSchema.extend({ detail: envelopeSchema });
export type ProjectedEvent = z.infer<typeof projectedEventSchema>;

import type { z } from 'zod';
import { ApplicationReceived } from '../../../events/catalogue/case-events.ts';

/** POST /applications: the event's data less what the server decides (the case id, and by default the time). */
export const receiveApplicationBody = ApplicationReceived.schema
  .omit({ caseId: true, receivedAt: true })
  .extend({ receivedAt: ApplicationReceived.schema.shape.receivedAt.optional() });
export type ReceiveApplicationBody = z.infer<typeof receiveApplicationBody>;

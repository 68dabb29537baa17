import type { EventDefinition } from './define-event.ts';
import { caseEventDefinitions } from './case-events.ts';

/** Every event type the system can read, by name. */
export const catalogue: ReadonlyMap<string, EventDefinition> = new Map(
  [...caseEventDefinitions].map((d) => [d.type, d as EventDefinition]),
);

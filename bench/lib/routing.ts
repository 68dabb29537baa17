// Which projections an event reaches (the same rule patterns the local bus and EventBridge match),
// and where each projection keeps a case's record in the read-models table.
import { EVENT_SOURCE, projectionRules } from '../../events/routing.ts';
import { matchesPattern } from '../../events/event-pattern.ts';

export const projectionNames = (): string[] => projectionRules.map((r) => r.projection);

/** The projections whose rule matches an event of `type` on `stream`, as the publisher puts it on the bus. */
export const projectionsFor = (stream: string, type: string, envelope: Record<string, unknown> = {}): string[] =>
  projectionRules
    .filter((r) => matchesPattern(r.pattern, { source: EVENT_SOURCE, 'detail-type': type, detail: { ...envelope, stream, type } }))
    .map((r) => r.projection);

/**
 * The item that holds a case's state in each projection, carrying the last stream version applied
 * (functions/lib/read-models/keys.ts and the projections' writers). A projection not listed here is
 * reported as not measured.
 */
export const caseRecordKey: Record<string, (caseId: string) => { pk: string; sk: string }> = {
  'case-status': (id) => ({ pk: `case#${id}`, sk: 'status' }),
  quality: (id) => ({ pk: `quality#case#${id}`, sk: 'case' }),
  funding: (id) => ({ pk: `funding#case#${id}`, sk: 'case' }),
};

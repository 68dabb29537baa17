// The EventBridge side of the event catalogue: what the publisher puts on the bus, and which rule
// sends what to which projection. CDK gives these same patterns to EventBridge; the local bus
// matches them with infra/local/event-pattern.ts.

/** `source` of every event the stream publisher puts on the bus. */
export const EVENT_SOURCE = 'legal-aid.event-store';

export type EventPattern = Record<string, unknown>;

export type ProjectionName = 'case-status';

export type ProjectionRule = {
  /** Rule name; also names the projection handler it targets. */
  projection: ProjectionName;
  description: string;
  pattern: EventPattern;
};

export const projectionRules: readonly ProjectionRule[] = [
  {
    projection: 'case-status',
    description: 'Every event of a case stream, to the case-status read model',
    pattern: { source: [EVENT_SOURCE], detail: { stream: [{ prefix: 'case#' }] } },
  },
];

import type { EventEnvelope } from '../envelope.ts';
import type { EventDefinition } from './define-event.ts';

export class UnreadableEventError extends Error {
  readonly code = 'UNREADABLE_EVENT';
  readonly stream: string;
  readonly version: number;
  constructor(envelope: Pick<EventEnvelope, 'stream' | 'version' | 'type'>, reason: string) {
    super(`event ${envelope.stream}@${envelope.version} (${envelope.type}) cannot be read: ${reason}`);
    this.name = 'UnreadableEventError';
    this.stream = envelope.stream;
    this.version = envelope.version;
  }
}

/** Upcasts a stored event's data to its type's current version and validates it. */
export const readEventData = (
  catalogue: ReadonlyMap<string, EventDefinition>,
  envelope: EventEnvelope,
): { type: string; data: unknown } => {
  const definition = catalogue.get(envelope.type);
  if (!definition) throw new UnreadableEventError(envelope, `unknown event type ${envelope.type}`);
  if (envelope.schemaVersion > definition.version) {
    throw new UnreadableEventError(
      envelope,
      `schema version ${envelope.schemaVersion} is newer than this code knows (${definition.version})`,
    );
  }
  let data = envelope.data;
  for (let v = envelope.schemaVersion; v < definition.version; v++) {
    const up = definition.upcasters[v];
    if (!up) throw new UnreadableEventError(envelope, `no upcaster from schema version ${v} to ${v + 1}`);
    data = up(data);
  }
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UnreadableEventError(envelope, `${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'}`);
  }
  return { type: envelope.type, data: parsed.data };
};

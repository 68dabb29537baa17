import type * as z from 'zod';

/**
 * One event type: its current schema version and the upcasters that lift each older stored shape
 * one version up. Stored events are never rewritten; they are upcast when read.
 */
export type EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> = {
  type: T;
  version: number;
  schema: S;
  /** upcasters[v] turns the data of version v into the data of version v + 1. */
  upcasters: Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;
};

export const defineEvent = <T extends string, S extends z.ZodType>(
  type: T,
  version: number,
  schema: S,
  upcasters: EventDefinition['upcasters'] = {},
): EventDefinition<T, S> => ({ type, version, schema, upcasters });

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.infer<S> } : never;

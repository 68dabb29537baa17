import type * as z from 'zod';

/**
 * Commands of a context as one map from command name to the zod schema of its data. The HTTP layer
 * derives request bodies from these schemas (`.omit` / `.extend`); the deciders take the parsed data.
 */
export type CommandsOf<M extends Record<string, z.ZodType>> = { [K in keyof M & string]: { type: K; data: z.infer<M[K]> } }[keyof M &
  string];

export const isCommandOf = <M extends Record<string, z.ZodType>>(schemas: M, command: { type: string }): command is CommandsOf<M> =>
  Object.hasOwn(schemas, command.type);

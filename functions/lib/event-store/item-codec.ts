import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { envelopeSchema, type EventEnvelope } from '../../../events/envelope.ts';
import { CorruptEventError } from './errors.ts';

// The envelope is stored as it is: the table's keys are its own `stream` and `version` fields.
export const toItem = (event: EventEnvelope): Record<string, AttributeValue> => marshall(event, { removeUndefinedValues: true });

export const fromItem = (item: Record<string, AttributeValue>): EventEnvelope => {
  const raw = unmarshall(item) as Record<string, unknown>;
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptEventError(
      String(raw.stream ?? '?'),
      Number(raw.version ?? Number.NaN),
      `${issue?.path.join('.') || 'envelope'}: ${issue?.message ?? 'invalid'}`,
      { cause: parsed.error },
    );
  }
  return parsed.data;
};

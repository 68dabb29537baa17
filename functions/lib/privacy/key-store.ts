import { createHash } from 'node:crypto';
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { KeyWrapper } from './key-wrappers.ts';
import { createSealingKeyCache } from './sealing-key-cache.ts';

// Every record's personal data is sealed with a data key of its own (envelope encryption): the key is
// kept here only wrapped by the master key (KMS in AWS, a local key on one machine), one item per
// record. Erasure replaces the item by a tombstone: the wrapped key is gone, so what the events hold
// can never be opened again, while the events themselves and their hash chain stay as they were.
//
// Every read that opens reads the item (one consistent GetItem, or one BatchGetItem for an answer's
// records), so a key destroyed a moment ago opens nothing anywhere from the next request on; only the
// unwrapping is cached, by the wrapped bytes, which a destroyed key no longer has. Sealing alone keeps
// the keys it used (`sealingKey`): its append is conditional on the record's own stream, which holds
// the erasure before the key is destroyed (sealer.ts says why that is enough).

export type DataKey = Buffer | 'destroyed' | null;

export type Tombstone = { destroyedAt: string; eventId: string; reason: string };

export type KeyStore = {
  /** The record's data key; with `create`, made on first use. 'destroyed' after erasure, null if it never had one. */
  dataKey: (keyId: string, options?: { create?: boolean }) => Promise<DataKey>;
  /**
   * The key to seal a record's new data with, made on first use: from this container's cache when it
   * sealed for the record before, else read (or, for a record's `opening` append, made outright).
   * Only for a sealer whose append is conditional on the record's own stream (sealer.ts).
   */
  sealingKey: (keyId: string, options?: { opening?: boolean }) => Promise<DataKey>;
  /** Several records' keys at once (the records one answer shows). */
  dataKeys: (keyIds: readonly string[]) => Promise<Map<string, DataKey>>;
  /** Destroys the record's key for good; idempotent (the first tombstone stays). */
  destroy: (keyId: string, tombstone: { eventId: string; reason: string }) => Promise<void>;
  tombstoneOf: (keyId: string) => Promise<Tombstone | null>;
};

const pkOf = (keyId: string) => `key#${keyId}`;
const SK = 'data-key';
const BATCH = 100;

export const createKeyStore = ({
  client,
  tableName,
  wrapper,
  clock = () => new Date(),
  cacheSize = 10_000,
  sealingCacheSize = 10_000,
}: {
  client: DynamoDBClient;
  tableName: string;
  wrapper: KeyWrapper;
  clock?: () => Date;
  cacheSize?: number;
  /** How many records' keys sealing keeps (32 bytes each and the record's id). */
  sealingCacheSize?: number;
}): KeyStore => {
  const sealing = createSealingKeyCache(sealingCacheSize);
  const unwrapped = new Map<string, Buffer>();
  const unwrap = async (keyId: string, wrapped: Uint8Array): Promise<Buffer> => {
    const cacheKey = createHash('sha256').update(keyId).update(wrapped).digest('base64');
    const hit = unwrapped.get(cacheKey);
    if (hit) return hit;
    const plain = await wrapper.unwrap(keyId, Buffer.from(wrapped));
    unwrapped.set(cacheKey, plain);
    if (unwrapped.size > cacheSize) unwrapped.delete(unwrapped.keys().next().value!);
    return plain;
  };

  const fromItem = async (keyId: string, item: Record<string, AttributeValue> | undefined): Promise<DataKey> => {
    if (!item) return null;
    if (item.destroyedAt) return 'destroyed';
    const wrapped = item.wrapped?.B;
    if (!wrapped) throw new Error(`the key item of ${keyId} holds no wrapped key`);
    return unwrap(keyId, wrapped);
  };

  const read = async (keyId: string) =>
    (await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: pkOf(keyId) }, sk: { S: SK } }, ConsistentRead: true })))
      .Item;

  const create = async (keyId: string): Promise<DataKey> => {
    const { plain, wrapped } = await wrapper.generate(keyId);
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            pk: { S: pkOf(keyId) },
            sk: { S: SK },
            keyId: { S: keyId },
            wrapped: { B: wrapped },
            wrappedBy: { S: wrapper.id },
            createdAt: { S: clock().toISOString() },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return plain;
    } catch (error) {
      // Another request made it first (or it was destroyed meanwhile): use what is there.
      if (error instanceof ConditionalCheckFailedException) return fromItem(keyId, await read(keyId));
      throw error;
    }
  };

  const dataKey = async (keyId: string, { create: make = false } = {}) => {
    const found = await fromItem(keyId, await read(keyId));
    return found === null && make ? create(keyId) : found;
  };

  return {
    dataKey,

    sealingKey: async (keyId, { opening = false } = {}) => {
      const cached = sealing.get(keyId);
      if (cached) return cached;
      // A record whose stream is empty has no key yet, unless an earlier try crashed between the put
      // and the append or a racing copy of the same opening made it: the conditional put then reads it.
      const key = opening ? await create(keyId) : await dataKey(keyId, { create: true });
      if (Buffer.isBuffer(key)) sealing.set(keyId, key);
      return key;
    },

    dataKeys: async (keyIds) => {
      const out = new Map<string, DataKey>();
      const unique = [...new Set(keyIds)];
      for (let i = 0; i < unique.length; i += BATCH) {
        let pending: Record<string, AttributeValue>[] = unique.slice(i, i + BATCH).map((k) => ({ pk: { S: pkOf(k) }, sk: { S: SK } }));
        for (let attempt = 0; pending.length > 0; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
          const res = await client.send(
            new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
          );
          for (const item of res.Responses?.[tableName] ?? []) {
            const keyId = item.keyId?.S ?? item.pk!.S!.slice('key#'.length);
            out.set(keyId, await fromItem(keyId, item));
          }
          pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
          if (attempt > 8 && pending.length > 0) throw new Error(`the key table left ${pending.length} keys unread after retries`);
        }
      }
      for (const k of unique) if (!out.has(k)) out.set(k, null);
      return out;
    },

    destroy: async (keyId, { eventId, reason }) => {
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              pk: { S: pkOf(keyId) },
              sk: { S: SK },
              keyId: { S: keyId },
              destroyedAt: { S: clock().toISOString() },
              eventId: { S: eventId },
              reason: { S: reason.slice(0, 500) },
            },
            ConditionExpression: 'attribute_not_exists(destroyedAt)',
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      } finally {
        // After the put, so a seal in this container that read the key while it went keeps no copy.
        sealing.forget(keyId);
      }
    },

    tombstoneOf: async (keyId) => {
      const item = await read(keyId);
      return item?.destroyedAt ? { destroyedAt: item.destroyedAt.S!, eventId: item.eventId?.S ?? '', reason: item.reason?.S ?? '' } : null;
    },
  };
};

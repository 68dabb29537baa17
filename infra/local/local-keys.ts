import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { GetItemCommand, PutItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper, type KeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';

// The local stand-in for the stack's KMS key: a 256-bit master key kept in the data directory (made on
// first start, readable by its owner only), so a restarted stack opens what it sealed before. Without
// a data directory (tests) the key lives for the process.
//
// The keys table remembers which master key wrapped its keys (a check item wrapped under it), so a
// stack started with a missing or different key file refuses to start with a reason, instead of
// answering every sealed field as unreadable, or sealing new records under a second key.

/** A master key that cannot open what this data directory holds: the stack must not start with it. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

const CHECK_ID = 'master-key-check';
const CHECK_KEY = { pk: { S: CHECK_ID }, sk: { S: 'check' } };

type MasterKey = { key: Buffer; file: string | null; fromFile: boolean };

/** Reads the master key file (base64 of 32 bytes), or makes a key to be written once it is known to fit. */
export const readMasterKey = (file: string | null): MasterKey => {
  if (!file || !existsSync(file)) return { key: randomBytes(32), file, fromFile: false };
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) {
    throw new MasterKeyError(
      `the master key file ${file} does not hold a 256-bit key (base64 of 32 bytes); it is damaged or not a key file`,
    );
  }
  return { key, file, fromFile: true };
};

const opens = async (wrapper: KeyWrapper, keyId: string, wrapped: Uint8Array | undefined): Promise<boolean> => {
  if (!wrapped) return false;
  try {
    await wrapper.unwrap(keyId, Buffer.from(wrapped));
    return true;
  } catch {
    return false;
  }
};

/** One live data key of a keys table written before the check item existed, or null if it holds none. */
const anyLiveKey = async (client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue> | null> => {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'attribute_exists(#wrapped)',
        ExpressionAttributeNames: { '#wrapped': 'wrapped' },
        ExclusiveStartKey: start,
        Limit: 100,
      }),
    );
    if (page.Items?.[0]) return page.Items[0];
    start = page.LastEvaluatedKey;
  } while (start);
  return null;
};

/**
 * Checks the master key against the keys table before anything is sealed or opened: the table's
 * check item (or, for a table from before it, one of its keys) must unwrap under it. Writes the key
 * file (if new) and the check item only once the key is known to fit.
 */
export const verifyMasterKey = async (client: DynamoDBClient, tableName: string, master: MasterKey): Promise<KeyWrapper> => {
  const wrapper = localKeyWrapper(master.key);
  const where = master.file ? `the master key file ${master.file}` : 'a master key made for this process';
  const mismatch = master.fromFile
    ? `${where} is not the key that wrapped the keys in this data directory; restore the original file (without it, the personal data sealed here cannot be read)`
    : `${where} is missing, but the keys table holds keys wrapped by a master key; restore the file (without it, the personal data sealed here cannot be read)`;
  const check = (await client.send(new GetItemCommand({ TableName: tableName, Key: CHECK_KEY, ConsistentRead: true }))).Item;
  if (check) {
    if (!(await opens(wrapper, CHECK_ID, check.wrapped?.B))) throw new MasterKeyError(mismatch);
  } else {
    const live = await anyLiveKey(client, tableName);
    if (live && !(await opens(wrapper, live.keyId?.S ?? '', live.wrapped?.B))) throw new MasterKeyError(mismatch);
  }
  if (master.file && !master.fromFile) {
    mkdirSync(dirname(master.file), { recursive: true });
    writeFileSync(master.file, master.key.toString('base64'), { mode: 0o600 });
  }
  if (!check) {
    const { wrapped } = await wrapper.generate(CHECK_ID);
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { ...CHECK_KEY, wrapped: { B: wrapped }, purpose: { S: 'proves which master key wrapped this table' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
  return wrapper;
};

/** The local key store, once its master key is known to open what the table holds. */
export const localKeyStore = async (client: DynamoDBClient, tableName: string, masterKeyFile: string | null): Promise<KeyStore> =>
  createKeyStore({ client, tableName, wrapper: await verifyMasterKey(client, tableName, readMasterKey(masterKeyFile)) });

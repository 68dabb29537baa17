import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';

/**
 * The local stand-in for the stack's KMS key: a 256-bit master key kept in the data directory (made on
 * first start, readable by its owner only), so a restarted stack opens what it sealed before. Without
 * a data directory (tests) the key lives for the process.
 */
export const localMasterKey = (file: string | null): Buffer => {
  if (!file) return randomBytes(32);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
};

export const localKeyStore = (client: DynamoDBClient, tableName: string, masterKeyFile: string | null): KeyStore =>
  createKeyStore({ client, tableName, wrapper: localKeyWrapper(localMasterKey(masterKeyFile)) });

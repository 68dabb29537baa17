import { createHash, createHmac } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../events/canonical-json.ts';
import { requestHashOf } from '../../functions/lib/command-runner.ts';
import { createKeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { REQUEST_HASH_KEY_ID, requestHashKey } from '../../functions/lib/privacy/request-hash-key.ts';
import { testTables } from '../support/dynamo.ts';

// The request hash is keyed with a secret of the stack, kept wrapped in the keys table.

let tables: Awaited<ReturnType<typeof testTables>>;
const keyStore = () =>
  createKeyStore({ client: tables.client, tableName: tables.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 9)) });
beforeAll(async () => {
  tables = await testTables('request-hash');
});

const parts = { route: 'POST /applications', path: {}, body: { applicant: { identityNumber: '330106199001011234' } } };

describe('the request-hash secret', () => {
  it('is made once, even by containers starting together, and kept only wrapped', async () => {
    const secrets = await Promise.all([keyStore(), keyStore(), keyStore()].map((k) => requestHashKey(k)()));
    expect(secrets[0]!.length).toBe(32);
    expect(secrets.map((s) => s.toString('hex'))).toEqual(Array(3).fill(secrets[0]!.toString('hex')));
    const item = await tables.client.send(
      new GetItemCommand({ TableName: tables.keysTableName, Key: { pk: { S: `key#${REQUEST_HASH_KEY_ID}` }, sk: { S: 'data-key' } } }),
    );
    expect(item.Item?.wrapped?.B).toBeDefined();
    expect(Buffer.from(item.Item!.wrapped!.B!).includes(secrets[0]!)).toBe(false);
  });

  it('is read once per container, then served from memory', async () => {
    const keys = keyStore();
    let reads = 0;
    const counting = { ...keys, dataKey: (...args: Parameters<typeof keys.dataKey>) => (reads++, keys.dataKey(...args)) };
    const secret = requestHashKey(counting);
    const [a, b] = [await secret(), await secret()];
    expect(a.equals(b)).toBe(true);
    expect(reads).toBe(1);
  });

  it('keys the hash: stable for a retry, different for another body, and not the plain SHA-256 of the parts', async () => {
    const secret = await requestHashKey(keyStore())();
    const hash = requestHashOf(parts, secret);
    expect(requestHashOf(structuredClone(parts), secret)).toBe(hash);
    expect(requestHashOf({ ...parts, body: { applicant: { identityNumber: '330106199001011242' } } }, secret)).not.toBe(hash);
    // Computed here independently: an HMAC-SHA256 of the canonical parts under the secret.
    expect(hash).toBe(createHmac('sha256', secret).update(canonicalJson(parts)).digest('hex'));
    expect(hash).not.toBe(createHash('sha256').update(canonicalJson(parts)).digest('hex'));
  });
});

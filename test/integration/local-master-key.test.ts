// The local stack's master key (the stand-in for the stack's KMS key) lives in its data directory: a
// restart on the same directory opens what was sealed before; a missing, different or damaged key file
// stops the start with a reason instead of answering sealed fields as unreadable or sealing anew.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SEALED_PREFIX } from '../../events/personal/marks.ts';
import { MasterKeyError } from '../../infra/local/local-keys.ts';
import { startLocalStack } from '../../infra/local/local-stack.ts';
import { freePort } from '../../infra/local/ports.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, withClient } from '../support/local-stack.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'legal-aid-master-key-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const keyFile = join(dataDir, 'master-key');
// The same tables on the run's DynamoDB Local across the restarts: only the key file is at stake here
// (test/e2e/restart.test.ts restarts DynamoDB Local's own files).
const tablePrefix = `master-key-${randomBytes(4).toString('hex')}-`;
const start = async () =>
  withClient(
    await startLocalStack({ port: await freePort(), dataDir, dynamoEndpoint: inject('dynamoEndpoint'), tablePrefix, logLevel: 'CRITICAL' }),
  );

const reviewer = principal('agency-reviewer');

describe('the local master key across restarts', () => {
  let caseId = '';
  let shown: unknown;

  it('a restarted stack opens what it sealed before', { timeout: 120_000 }, async () => {
    const first = await start();
    try {
      const created = await first.request('POST', '/applications', {
        as: reviewer,
        body: applicationBody(),
        headers: { 'idempotency-key': newKey() },
      });
      expect(created.status).toBe(201);
      caseId = created.body.caseId as string;
      const history = await first.request('GET', `/cases/${caseId}/history`, { as: reviewer });
      expect(history.status).toBe(200);
      shown = history.body;
      // Stored sealed, shown opened: the applicant's name is in the store only as a token.
      const stored = await first.client.send(new ScanCommand({ TableName: first.eventsTable }));
      const storedText = JSON.stringify(stored.Items);
      expect(storedText).toContain(SEALED_PREFIX);
      expect(storedText).not.toContain(applicationBody().applicant.name);
      expect(JSON.stringify(shown)).not.toContain(SEALED_PREFIX);
      expect(JSON.stringify(shown)).not.toContain('[unreadable]');
      expect(JSON.stringify(shown)).toContain(applicationBody().applicant.name);
    } finally {
      await first.stop();
    }
    expect(existsSync(keyFile)).toBe(true);

    const second = await start();
    try {
      const again = await second.request('GET', `/cases/${caseId}/history`, { as: reviewer });
      expect(again).toMatchObject({ status: 200, body: shown });
    } finally {
      await second.stop();
    }
  });

  it('a different master key stops the start with a reason', { timeout: 60_000 }, async () => {
    const original = readFileSync(keyFile, 'utf8');
    writeFileSync(keyFile, randomBytes(32).toString('base64'));
    try {
      const failed = start();
      await expect(failed).rejects.toBeInstanceOf(MasterKeyError);
      await expect(failed).rejects.toThrow(/is not the key that wrapped the keys in this data directory/);
    } finally {
      writeFileSync(keyFile, original);
    }
  });

  it('a damaged key file stops the start with a reason', { timeout: 60_000 }, async () => {
    const original = readFileSync(keyFile, 'utf8');
    writeFileSync(keyFile, 'not a key');
    try {
      await expect(start()).rejects.toThrow(/does not hold a 256-bit key/);
    } finally {
      writeFileSync(keyFile, original);
    }
  });

  it('a missing key file stops the start and is not replaced by a new key', { timeout: 60_000 }, async () => {
    const original = readFileSync(keyFile, 'utf8');
    rmSync(keyFile);
    try {
      await expect(start()).rejects.toThrow(/is missing, but the keys table holds keys/);
      expect(existsSync(keyFile)).toBe(false);
    } finally {
      writeFileSync(keyFile, original);
    }
    // With the original back, the data opens as before.
    const restored = await start();
    try {
      const r = await restored.request('GET', `/cases/${caseId}/history`, { as: reviewer });
      expect(r).toMatchObject({ status: 200, body: shown });
    } finally {
      await restored.stop();
    }
  });
});

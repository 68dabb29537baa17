import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/local-stack.ts';
import { freePort } from '../../infra/local/ports.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, withClient } from '../support/local-stack.ts';

// This stack starts its own DynamoDB Local with files on disk: what is tested is that they survive.
const dataDir = mkdtempSync(join(tmpdir(), 'legal-aid-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const reviewer = principal('agency-reviewer');
const start = async (port: number) => withClient(await startLocalStack({ port, dataDir, logLevel: 'CRITICAL' }));

describe('stopping and restarting the local stack', () => {
  // Two DynamoDB Local starts and stops with files on disk: slow on a loaded 2-core machine.
  it('keeps the data and the stream position', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const first = await start(port);
    const created: string[] = [];
    const tokenBeforeRestart = await first.issuer.mint(reviewer);
    try {
      // The registry's seed is on the stream too: count from after it.
      await first.settle();
      const seeded = first.bus.stats.received;
      expect(seeded).toBeGreaterThan(0);
      for (let i = 0; i < 3; i++) {
        const r = await first.request('POST', '/applications', {
          as: reviewer,
          body: applicationBody(),
          headers: { 'idempotency-key': newKey() },
        });
        expect(r.status).toBe(201);
        created.push(r.body.caseId as string);
      }
      await first.settle();
      expect(first.bus.stats.received - seeded).toBe(3);
    } finally {
      await first.stop();
    }

    const second = await start(port);
    try {
      // The data survived: the cases and their read models are there before anything new happens.
      for (const caseId of created) {
        const r = await second.request('GET', `/cases/${caseId}`, { as: reviewer });
        expect(r).toMatchObject({ status: 200, body: { caseId, version: 1 } });
      }
      // A token minted before the restart is still good: the dev issuer's key is kept too.
      const more = await second.request('POST', '/applications', {
        body: applicationBody(),
        headers: { 'idempotency-key': newKey(), authorization: `Bearer ${tokenBeforeRestart}` },
      });
      expect(more.status).toBe(201);
      await second.settle();
      // The stream position survived: only the new event was published after the restart.
      expect(second.bus.stats.received).toBe(1);
      const shown = await second.eventually(async () => {
        const r = await second.request('GET', `/cases/${more.body.caseId as string}`, { as: reviewer });
        return r.status === 200 ? r : null;
      });
      expect(shown.body).toMatchObject({ version: 1 });
    } finally {
      await second.stop();
    }
  });
});

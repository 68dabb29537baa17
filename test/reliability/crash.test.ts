import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readModelsTable, eventsTable } from '../../infra/definitions/tables.ts';
import { localTableName } from '../../infra/local/create-tables.ts';
import { localDynamoClient } from '../../infra/local/dynamodb-local.ts';
import { ENDPOINTS_FILE, type LocalEndpoints } from '../../infra/local/endpoints-file.ts';
import { LOCAL_HEALTH_PATH } from '../../infra/local/local-paths.ts';
import { freePort } from '../../infra/local/ports.ts';
import { scanRawStreams } from '../../functions/lib/audit/raw-events.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey } from '../support/local-stack.ts';
import { readModelItems, rebuildReadModels } from '../support/rebuild.ts';
import { problemOf } from '../support/problem.ts';
import { contractFetch } from '../support/contract.ts';

// A crash: `npm start` killed with SIGKILL in the middle of 1,000 commands, then started
// again on the same data directory. Every command that was answered 2xx has its event; the
// projections resume from the stream checkpoint and end equal to a rebuild; the DynamoDB Local the
// killed stack left running is stopped by the next start.

const dataDir = mkdtempSync(join(tmpdir(), 'legal-aid-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  // Whatever is still running (a failed test): each stack runs in its own process group with its Java child.
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const startCli = async (port: number) => {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', 'infra/local/start.ts', '--port', String(port), '--data-dir', dataDir],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  while (!stdout.includes('Ctrl-C stops everything')) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${stdout}\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const token = /agency-reviewer\s+agency:hz-xihu\s+(\S+)/.exec(stdout)?.[1];
  const adminToken = /administrator\s+agency:hz-xihu\s+(\S+)/.exec(stdout)?.[1];
  if (!token || !adminToken) throw new Error(`no reviewer or administrator token in ${stdout}`);
  const endpoints = JSON.parse(readFileSync(join(dataDir, ENDPOINTS_FILE), 'utf8')) as LocalEndpoints;
  return { child, token, adminToken, endpoints };
};

/** Whether a process runs (a zombie does not count). */
const running = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return (
    !existsSync(`/proc/${pid}/stat`) ||
    !readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .startsWith('Z')
  );
};

const LAWYER = 'lawyer-crash';

type Acknowledged = { caseId: string; version: number; eventId: string };

describe('the local stack killed with SIGKILL under load', () => {
  it('loses no acknowledged command and catches up after a restart', { timeout: 240_000 }, async () => {
    const first = await startCli(await freePort());
    const javaPid = Number(readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'));
    expect(running(javaPid)).toBe(true);

    // The lawyer the cases are assigned to: an assignment is a transaction (case and notice counter).
    const registered = await contractFetch(`${first.endpoints.api}/workers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${first.adminToken}`,
        'content-type': 'application/json',
        'idempotency-key': newKey('crash-worker'),
      },
      body: JSON.stringify(validBody('RegisterAidWorker', { org: 'agency:hz-xihu', workerId: LAWYER, agencyId: 'agency:hz-xihu' })),
    });
    expect(registered.status, await registered.text()).toBe(201);

    // 1,000 commands: cases opened, means assessed, granted and assigned, 8 in flight; killed at the 150th answer.
    const TOTAL = 1_000;
    const KILL_AT = 150;
    const acknowledged: Acknowledged[] = [];
    let issued = 0;
    let failed = 0;
    let resent = 0;
    const send = async (path: string, body: unknown): Promise<Record<string, unknown> | null> => {
      issued++;
      const key = newKey('crash');
      try {
        let res: Response;
        let answer: Record<string, unknown>;
        for (let attempt = 1; ; attempt++) {
          res = await contractFetch(`${first.endpoints.api}${path}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify(body),
          });
          answer = (await res.json()) as Record<string, unknown>;
          // Assignments race for the agency's next notice number; one that lost every try of the
          // handler gets a 409 naming the counter, and a workstation sends it again with the same key.
          const lostCounterRace = res.status === 409 && problemOf(answer).reason.includes('notice#');
          if (!lostCounterRace || attempt === 5) break;
          resent++;
        }
        if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(answer)}`);
        const events = answer.events as { eventId: string; version: number }[];
        if (events.length === 0) throw new Error(`${path} answered ${res.status} with no events: ${JSON.stringify(answer)}`);
        for (const e of events) acknowledged.push({ caseId: answer.caseId as string, version: e.version, eventId: e.eventId });
        if (acknowledged.length >= KILL_AT && !first.child.killed) first.child.kill('SIGKILL');
        return answer;
      } catch (error) {
        // After the kill: no answer (refused or reset). Before it, nothing may fail.
        if (!first.child.killed) throw error;
        failed++;
        return null;
      }
    };
    const worker = async () => {
      while (issued < TOTAL) {
        const opened = await send('/applications', applicationBody());
        if (!opened || issued >= TOTAL) continue;
        const caseId = opened.caseId as string;
        if (
          !(await send(`/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null })) ||
          issued >= TOTAL
        )
          continue;
        if (!(await send(`/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第四十三条' })) || issued >= TOTAL) continue;
        await send(`/cases/${caseId}/assignment`, { workerId: LAWYER });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(issued).toBe(TOTAL);
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AT);
    expect(failed).toBeGreaterThan(0);
    await new Promise<void>((resolve) =>
      first.child.exitCode !== null || first.child.signalCode !== null ? resolve() : first.child.once('exit', () => resolve()),
    );
    // The killed stack could not stop its DynamoDB Local: it is still running, with the files open.
    expect(running(javaPid)).toBe(true);

    // Started again on the same data directory: the orphan is stopped, the data is there.
    const second = await startCli(await freePort());
    expect(running(javaPid)).toBe(false);
    const client = localDynamoClient(second.endpoints.dynamodb);
    const shared = localDynamoClient(inject('dynamoEndpoint'));
    try {
      const eventsName = localTableName('local-', eventsTable);
      const storedIds = new Set(
        [...(await scanRawStreams({ client, tableName: eventsName })).values()].flat().map((item) => item.eventId?.S),
      );
      const missing = acknowledged.filter((a) => !storedIds.has(a.eventId)).map((a) => `case#${a.caseId}@${a.version}`);
      expect(
        missing,
        `${missing.length} of ${acknowledged.length} acknowledged events are not among the ${storedIds.size} stored (${resent} assignments sent again)`,
      ).toEqual([]);

      // The projections catch up with every stored event: each case's status reaches its stream's head...
      const heads = async () =>
        new Map(
          [...(await scanRawStreams({ client, tableName: eventsName }, { streamPrefix: 'case#' }))].map(([s, items]) => [s, items.length]),
        );
      const stored = await heads();
      const readModels = localTableName('local-', readModelsTable);
      const statusVersions = async () =>
        new Map(
          [...(await readModelItems(client, readModels)).values()]
            .filter((i) => i.sk === 'status')
            .map((i) => [String(i.pk), Number(i.version)]),
        );
      let behind: string[] = [];
      await until(async () => {
        const versions = await statusVersions();
        behind = [...stored]
          .filter(([stream, head]) => versions.get(stream) !== head)
          .map(([stream, head]) => `${stream}: ${versions.get(stream) ?? 'none'} of ${head}`);
        return behind.length === 0;
      }).catch((error: Error) => {
        throw new Error(`${error.message}: ${behind.length} cases behind, e.g. ${behind.slice(0, 3).join(', ')}`);
      });
      // ...and then every read model equals a rebuild from the store.
      const rebuilt = await rebuildReadModels(client, eventsName, { into: shared, concurrency: 12 });
      await until(async () => isEqual(await readModelItems(client, readModels), rebuilt));
      expect(await readModelItems(client, readModels)).toEqual(rebuilt);

      // Resumed from the checkpoint: the restarted publisher did not put the whole store on the bus again.
      // Every stream counts here (cases, the notice counter, the worker): all of them go on the bus.
      const eventCount = [...(await scanRawStreams({ client, tableName: eventsName })).values()].reduce((n, items) => n + items.length, 0);
      const health = (await (await contractFetch(`${second.endpoints.api}${LOCAL_HEALTH_PATH}`)).json()) as { bus: { received: number } };
      expect(health.bus.received).toBeLessThan(eventCount);
    } finally {
      client.destroy();
      shared.destroy();
      second.child.kill('SIGINT');
      await new Promise((r) => second.child.once('exit', r));
    }
    expect(existsSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'))).toBe(false);
  });
});

const until = async (probe: () => Promise<boolean>, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('the projections did not catch up in time');
    await new Promise((r) => setTimeout(r, 500));
  }
};

const isEqual = (a: unknown, b: unknown): boolean => {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
};

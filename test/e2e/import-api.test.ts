import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedIdOf } from '../../functions/lib/import/record-ids.ts';
import { numbered, smallImport } from '../support/import-file.ts';
import { principal, startTestStack } from '../support/local-stack.ts';
import { problemOf } from '../support/problem.ts';

// POST /imports over HTTP on the local stack: an administrator imports a small 2018 file, a forbidden
// record in it; the history shows provenance and both times; a repeated request replays; an
// administrator of another province is refused as a whole (403), nothing written.

let stack: Awaited<ReturnType<typeof startTestStack>>;
const admin = principal('administrator', { org: 'agency:hz-xihu' });
const lines = numbered(smallImport({ forbidden: true })).map(({ line, value }) => ({ line, ...value }));
const body = { system: 'xh-legacy', batch: 'api-1', lines };

type Outcome = { line: number; record: string; status: string; code?: string; field?: string | null; reason?: string };
type Answer = { summary: Record<string, number>; outcomes: Outcome[] };

beforeAll(async () => {
  stack = await startTestStack('import-api');
}, 120_000);
afterAll(async () => stack?.stop());

describe('POST /imports', () => {
  it("imports the administrator's batch: each line's outcome, the forbidden one with its line and reason, provenance and both times in the history", async () => {
    const res = await stack.request<Answer>('POST', '/imports', { as: admin, body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const assign = lines.find((l) => l.record === 'C2018-0004' && l.command === 'AssignAidWorker')!.line;
    expect(res.body.outcomes.filter((o) => o.status === 'rejected')).toEqual([
      { line: assign, record: 'C2018-0004', status: 'rejected', code: 'NOTHING_TO_ASSIGN', field: null, reason: expect.any(String) },
    ]);
    expect(res.body.summary.accepted).toBe(lines.length - 1 - res.body.summary.skipped!);

    const caseId = importedIdOf('xh-legacy', 'C2018-0001');
    const history = await stack.request<{
      events: { type: string; occurredAt: string; recordedAt: string; provenance: unknown; lateEntry: unknown }[];
    }>('GET', `/cases/${caseId}/history`, { as: principal('agency-reviewer') });
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    const received = history.body.events[0]!;
    expect(received).toMatchObject({
      type: 'ApplicationReceived',
      provenance: { system: 'xh-legacy', batch: 'api-1', line: lines.find((l) => l.record === 'C2018-0001')!.line, importedBy: admin.sub },
      lateEntry: null,
    });
    expect(Date.parse(received.occurredAt)).toBe(Date.parse(lines.find((l) => l.record === 'C2018-0001')!.occurredAt));
    expect(Date.parse(received.recordedAt)).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('a repeated request replays line by line and adds nothing', async () => {
    const before = await stack.request<{ events: unknown[] }>('GET', `/cases/${importedIdOf('xh-legacy', 'C2018-0005')}/history`, {
      as: principal('agency-reviewer'),
    });
    const again = await stack.request<Answer>('POST', '/imports', { as: admin, body: { ...body, batch: 'api-1-again' } });
    expect(again.status).toBe(200);
    expect(again.body.summary.accepted).toBe(0);
    expect(again.body.summary.replayed).toBe(lines.length - 1 - again.body.summary.skipped!);
    const after = await stack.request<{ events: unknown[] }>('GET', `/cases/${importedIdOf('xh-legacy', 'C2018-0005')}/history`, {
      as: principal('agency-reviewer'),
    });
    expect(after.body.events).toEqual(before.body.events);
  });

  it('refuses an administrator of another province as a whole: 403 naming the first line outside, nothing written', async () => {
    const other = principal('administrator', { sub: 'admin-hf-01', org: 'agency:hf-shushan' });
    const res = await stack.request('POST', '/imports', {
      as: other,
      body: { ...body, system: 'xh-other' },
    });
    expect(res.status).toBe(403);
    expect(problemOf(res.body)).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'lines.0.actor.organisation' });
    expect(problemOf(res.body).reason).toContain(`line ${lines[0]!.line}`);
    const nothing = await stack.request('GET', `/cases/${importedIdOf('xh-other', 'C2018-0001')}/history`, {
      as: principal('agency-reviewer'),
    });
    expect(nothing.status).toBe(404);
  });

  it('refuses more lines than one request may carry, and other roles', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ ...lines[0]!, line: i + 1 }));
    const tooMany = await stack.request('POST', '/imports', {
      as: admin,
      body: { ...body, lines: many },
    });
    expect(tooMany.status).toBe(400);
    expect(problemOf(tooMany.body).field).toBe('lines');
    const reviewer = await stack.request('POST', '/imports', { as: principal('agency-reviewer'), body });
    expect(reviewer.status).toBe(403);
  });
});

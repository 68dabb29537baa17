import { describe, expect, it } from 'vitest';
import { ApiProblem, problemFrom, retryingFetch, VersionConflict } from '../../clients/typescript/src/index.ts';

// The client's error parsing (every shape an error answer has had or has) and its retry policy
// (what it repeats, how often, how long it waits), without a server.

describe('problemFrom', () => {
  it('reads RFC 9457 problem details with their extension members', () => {
    const p = problemFrom(409, {
      type: 'urn:legal-aid:problem:art26-experience-required',
      title: 'Art 26',
      status: 409,
      detail: 'lawyer-a has 2 years',
      instance: '/cases/x/assignment',
      code: 'ART26_EXPERIENCE_REQUIRED',
      field: 'workerId',
      rule: 'Art 26',
    });
    expect(p).toBeInstanceOf(ApiProblem);
    expect(p).not.toBeInstanceOf(VersionConflict);
    expect([p.status, p.code, p.field, p.rule, p.detail, p.reason, p.instance]).toEqual([
      409,
      'ART26_EXPERIENCE_REQUIRED',
      'workerId',
      'Art 26',
      'lawyer-a has 2 years',
      'lawyer-a has 2 years',
      '/cases/x/assignment',
    ]);
  });

  it('reads the older {error: {code, reason}} shape the same way', () => {
    const p = problemFrom(400, {
      error: { code: 'INVALID_FIELD', reason: 'required', field: 'stage', issues: [{ field: 'stage', reason: 'required' }] },
    });
    expect([p.code, p.detail, p.field, p.issues]).toEqual(['INVALID_FIELD', 'required', 'stage', [{ field: 'stage', reason: 'required' }]]);
  });

  it('makes a version clash a VersionConflict with the version now, in either shape', () => {
    const now = problemFrom(409, {
      type: 'urn:legal-aid:problem:version-conflict',
      status: 409,
      detail: 'd',
      code: 'VERSION_CONFLICT',
      currentVersion: 7,
    });
    const before = problemFrom(409, { error: { code: 'VERSION_CONFLICT', reason: 'd', currentVersion: 7, expectedVersion: 5 } });
    for (const p of [now, before]) {
      expect(p).toBeInstanceOf(VersionConflict);
      expect((p as VersionConflict).currentVersion).toBe(7);
    }
    expect((before as VersionConflict).expectedVersion).toBe(5);
  });

  it('makes a failed If-Match (412) a VersionConflict with the version now', () => {
    const p = problemFrom(412, {
      type: 'urn:legal-aid:problem:precondition-failed',
      status: 412,
      detail: 'd',
      code: 'PRECONDITION_FAILED',
      currentVersion: 9,
      expectedVersion: 8,
    });
    expect(p).toBeInstanceOf(VersionConflict);
    expect([p.status, p.code, (p as VersionConflict).currentVersion, (p as VersionConflict).expectedVersion]).toEqual([
      412,
      'PRECONDITION_FAILED',
      9,
      8,
    ]);
    // A refusal by rule at 409 stays an ApiProblem: only a version clash is a VersionConflict.
    expect(problemFrom(409, { status: 409, code: 'NOTHING_TO_ASSIGN', detail: 'd', rule: 'Art 43' })).not.toBeInstanceOf(VersionConflict);
  });

  it("reads the gateway's {message} and a body that is no JSON", () => {
    expect([problemFrom(401, { message: 'Unauthorized' }).code, problemFrom(401, { message: 'Unauthorized' }).detail]).toEqual([
      'UNAUTHORIZED',
      'Unauthorized',
    ]);
    expect(problemFrom(502, '<html>Bad gateway</html>').code).toBe('HTTP_502');
  });
});

describe('retryingFetch', () => {
  const answers = (...statuses: (number | 'reset')[]) => {
    const seen: Request[] = [];
    const inner = async (request: Request) => {
      seen.push(request);
      const next = statuses[Math.min(seen.length - 1, statuses.length - 1)]!;
      if (next === 'reset') throw new TypeError('fetch failed');
      return new Response(null, { status: next });
    };
    return { seen, inner };
  };
  const waits: number[] = [];
  const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 250, random: () => 0.999, sleep: async (ms: number) => void waits.push(ms) };
  const command = () =>
    new Request('http://api.test/cases', { method: 'POST', headers: { 'idempotency-key': 'key-12345678' }, body: '{"a":1}' });

  it('repeats a keyed command after a reset, a 429 and a 503, with the same key and body, until it is answered', async () => {
    waits.length = 0;
    const { seen, inner } = answers('reset', 429, 503, 200);
    const response = await retryingFetch(inner, policy)(command());
    expect(response.status).toBe(200);
    expect(seen.map((r) => r.headers.get('idempotency-key'))).toEqual(Array(4).fill('key-12345678'));
    expect(await Promise.all(seen.map((r) => r.text()))).toEqual(Array(4).fill('{"a":1}'));
    // Exponential under the cap, jittered below it: ~100, ~200, then capped at 250.
    expect(waits.map(Math.round)).toEqual([100, 200, 250]);
  });

  it('stops after the policy’s attempts and hands back the last answer', async () => {
    const { seen, inner } = answers(503);
    expect((await retryingFetch(inner, policy)(command())).status).toBe(503);
    expect(seen).toHaveLength(4);
  });

  it('never repeats a POST without a key, nor a refusal', async () => {
    const bare = answers(503);
    await retryingFetch(bare.inner, policy)(new Request('http://api.test/x', { method: 'POST', body: '{}' }));
    expect(bare.seen).toHaveLength(1);
    const refused = answers(409);
    await retryingFetch(refused.inner, policy)(command());
    expect(refused.seen).toHaveLength(1);
  });
});

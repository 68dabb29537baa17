import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import type { AccessRecord } from '../../functions/lib/privacy/read-record.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';

// Read your writes over HTTP: the Location of a new case is read at once and answers 200, whether the
// case-status projection has caught up or not. The stack's stream poller (what feeds the publisher,
// the bus and the projections) is stopped while the case is opened and acted on, so the read model
// cannot hold it and the event store must answer; started again, the read model answers, and both
// answers are the same for the same caller, shown and put on record the same way.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-read-your-writes');
});
afterAll(async () => stack?.stop());

const reviewer = principal('agency-reviewer');
const supervisor = principal('supervisor');
const auditor = principal('auditor');

const post = async (path: string, body: unknown, status: number) => {
  const r = await stack.request('POST', path, { as: reviewer, body, headers: { 'idempotency-key': newKey() } });
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
/** The reads of the case each principal made that answered 200: what the read audit must hold. */
const madeBy = new Map<string, number>();
const get = async (path: string, as: DevPrincipal = reviewer) => {
  const r = await stack.request('GET', path, { as });
  if (r.status === 200 && path.startsWith('/cases/')) madeBy.set(as.sub, (madeBy.get(as.sub) ?? 0) + 1);
  return r;
};
const ok = (r: ApiResponse) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r;
};
const source = (r: ApiResponse) => r.headers.get('x-read-source');

describe('a case read while the pipeline is stopped, then after it caught up', () => {
  let location: string;
  let caseId: string;
  const whileStopped: Record<string, ApiResponse> = {};
  let created: ApiResponse;

  beforeAll(async () => {
    await stack.settle();
    await stack.poller.stop();
    try {
      created = await post('/applications', applicationBody(), 201);
      location = created.headers.get('location')!;
      caseId = created.body.caseId as string;
      whileStopped.opened = ok(await get(location));
      await post(
        `/cases/${caseId}/means-assessment`,
        { method: 'data-sharing-query', result: 'within-standard', reference: 'DS-RYW-1' },
        200,
      );
      await post(`/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }, 200);
      whileStopped.granted = ok(await get(location));
      whileStopped.grantedMasked = ok(await get(location, supervisor));
      // Nothing reached the read model meanwhile: what answered cannot have been it.
      expect(
        await createCaseStatusTable({ client: stack.client, tableName: stack.readModelsTable }).get(caseId, { consistent: true }),
      ).toBeNull();
    } finally {
      await stack.poller.start();
    }
    await stack.settle();
  }, 60_000);

  it('answers the Location of the new case at once, from the event store, with the opening in it', () => {
    const r = whileStopped.opened!;
    expect(location).toBe(`/cases/${caseId}`);
    expect(source(r)).toBe('event-store');
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.body).toMatchObject({ caseId, version: 1, status: 'under-review', agencyId: applicationBody().agencyId });
  });

  it("answers the state after the caller's next command, not the one before it", () => {
    const r = whileStopped.granted!;
    expect(source(r)).toBe('event-store');
    expect(r.headers.get('etag')).toBe('"3"');
    expect(r.body).toMatchObject({ version: 3, review: { decision: 'granted' } });
  });

  it('answers from the read model once it caught up, in full and masked exactly as the event store answered', async () => {
    const full = ok(await get(location));
    const masked = ok(await get(location, supervisor));
    expect(source(full)).toBe('read-model');
    expect(source(masked)).toBe('read-model');
    expect(full.body).toEqual(whileStopped.granted!.body);
    expect(masked.body).toEqual(whileStopped.grantedMasked!.body);
    expect(masked.headers.get('x-personal-data')).toBe('masked');
    expect(whileStopped.grantedMasked!.headers.get('x-personal-data')).toBe('masked');
  });

  it('answers a past version in the shape of the current case', async () => {
    const current = ok(await get(location));
    const atHead = ok(await get(`${location}?version=3`));
    const first = ok(await get(`${location}?version=1`));
    expect(source(atHead)).toBe('event-store');
    expect(atHead.body).toEqual(current.body);
    expect(Object.keys(first.body).sort()).toEqual(Object.keys(current.body).sort());
    expect(first.body).toEqual(whileStopped.opened!.body);
  });

  it('puts every read on record, whichever source answered', async () => {
    const r = ok(await get(`/audit/reads?record=${encodeURIComponent(`case#${caseId}`)}&limit=200`, auditor));
    const all = (r.body as { reads: AccessRecord[] }).reads;
    const rows = all.filter((row) => row.routeKey === 'GET /cases/{id}');
    // The POST's answer showed the case too.
    expect(all.filter((row) => row.routeKey === 'POST /applications').map((row) => row.reader.id)).toEqual([reviewer.sub]);
    const byReader = (id: string) => rows.filter((row) => row.reader.id === id);
    expect(byReader(reviewer.sub)).toHaveLength(madeBy.get(reviewer.sub)!);
    expect(byReader(supervisor.sub)).toHaveLength(madeBy.get(supervisor.sub)!);
    expect(madeBy.get(supervisor.sub)).toBeGreaterThanOrEqual(2);
    expect(byReader(supervisor.sub).every((row) => row.shown === 'masked' && row.record === `case#${caseId}`)).toBe(true);
  });
});

describe('the other openings, read at once while the pipeline is stopped', () => {
  it('answers the Location of a consultation, a duty record and an aid worker with 200 (they are read from the store)', async () => {
    const dutyLawyer = principal('duty-lawyer');
    const admin = principal('administrator');
    const agencyId = reviewer.org;
    const openings: { as: DevPrincipal; path: string; body: Record<string, unknown> }[] = [
      {
        as: reviewer,
        path: '/consultations',
        body: {
          agencyId,
          channel: 'hotline-12348',
          workstationId: null,
          topic: '工伤赔偿',
          category: 'labour',
          personName: '钱七',
          toldOfRightToApply: true,
          notToldReason: null,
          answer: '可申请法律援助',
        },
      },
      { as: dutyLawyer, path: '/duty-records', body: validBody('OpenDutyRecord', { org: dutyLawyer.org, agencyId, workerId: '' }) },
      {
        as: admin,
        path: '/workers',
        body: {
          workerId: `lawyer-ryw-${newKey('w')}`,
          agencyId,
          name: '律师甲',
          kind: 'lawyer',
          licenceNumber: '13301201510123450',
          relevantPracticeSince: '2015-06-01',
        },
      },
    ];
    await stack.settle();
    await stack.poller.stop();
    try {
      for (const o of openings) {
        const created = await stack.request('POST', o.path, { as: o.as, body: o.body, headers: { 'idempotency-key': newKey() } });
        expect(created.status, `${o.path} ${JSON.stringify(created.body)}`).toBe(201);
        const location = created.headers.get('location')!;
        expect(location.startsWith(`${o.path}/`)).toBe(true);
        const read = await stack.request('GET', location, { as: o.as });
        expect(read.status, `${location} ${JSON.stringify(read.body)}`).toBe(200);
        expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
      }
    } finally {
      await stack.poller.start();
    }
  });
});

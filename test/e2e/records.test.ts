import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../events/envelope.ts';
import { hashEvent } from '../../events/hash-chain.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { validBody } from '../support/command-bodies.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { withProblem } from '../support/problem.ts';

// GET /consultations/{id}, /duty-records/{id} and /workers/{id}: where the command API's 201
// `location` points. Each record is opened over HTTP, read back at that location (folded from the
// event store), changed by a command and read again; then unknown and malformed ids, callers out of
// scope, a role without a need for personal data, and an event the code cannot read.

const HZ = 'agency:hz-xihu';
const NB = 'agency:nb-haishu';
const reviewer = principal('agency-reviewer');
const reviewerNb = principal('agency-reviewer', { sub: 'reviewer-nb-01', org: NB });
const dutyLi = principal('duty-lawyer');
const dutyZhang = principal('duty-lawyer', { sub: 'duty-lawyer-zhang' });
const supervisor = principal('supervisor');
const admin = principal('administrator');
const adminNb = principal('administrator', { sub: 'admin-nb', org: NB });
const bureau = principal('administrator', { sub: 'bureau-officer-wu', org: 'justice-bureau:hz-xihu' });
const lawyerWang = principal('aid-worker');
const lawyerLi = principal('aid-worker', { sub: 'lawyer-li' });
const auditor = principal('auditor');
/** An auditor outside the area: Anhui's department over a Hangzhou agency's records. */
const auditorAh = principal('auditor', { sub: 'auditor-ah-01', org: 'justice-department:ah' });
const finance = principal('finance');
const court = principal('court');

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-records');
}, 120_000);
afterAll(async () => stack?.stop());

const post = (as: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const get = (path: string, as: DevPrincipal) => stack.request('GET', path, { as });
const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
/** Opens a record, checks the answer points at it, and returns where. */
const opened = async (r: Promise<ApiResponse>, collection: string) => {
  const res = ok(await r, 201);
  const location = res.headers.get('location');
  expect(location).toBe(`${collection}/${res.body.id as string}`);
  expect(res.headers.get('etag')).toBe('"1"');
  return { id: res.body.id as string, location: location! };
};
const refusal = (r: ApiResponse, code: string) =>
  expect(withProblem(r)).toMatchObject({ status: 403, body: { code, reason: expect.any(String) } });

const consultationBody = {
  agencyId: HZ,
  channel: 'hotline-12348',
  workstationId: null,
  topic: '工伤赔偿',
  category: 'labour',
  personName: '钱七',
  toldOfRightToApply: true,
  notToldReason: null,
  answer: '可申请法律援助，告知条件与程序',
};

describe('a consultation, read back where its POST points', () => {
  let c: { id: string; location: string };
  beforeAll(async () => {
    c = await opened(post(reviewer, '/consultations', consultationBody), '/consultations');
  });

  it('answers the ledger entry with its id, version and ETag', async () => {
    const r = ok(await get(c.location, reviewer));
    expect(r.body).toEqual({
      ...consultationBody,
      id: c.id,
      consultationId: c.id,
      status: 'recorded',
      consultedAt: expect.any(String),
      caseId: null,
      linkedAt: null,
      recordedBy: { role: reviewer.role, organisation: reviewer.org },
      version: 1,
      updatedAt: expect.any(String),
    });
    expect(r.headers.get('etag')).toBe('"1"');
    expect(r.headers.get('x-personal-data')).toBe('full');
  });

  it('shows what a command changed, at the version and ETag the command answered', async () => {
    const caseId = '00000000-0000-8000-8000-000000000001';
    const linked = ok(await post(reviewer, `${c.location}/application-link`, { caseId }));
    const r = ok(await get(c.location, reviewer));
    expect(r.body).toMatchObject({ id: c.id, caseId, linkedAt: expect.any(String), version: 2 });
    expect(r.headers.get('etag')).toBe(linked.headers.get('etag'));
    expect(r.headers.get('etag')).toBe('"2"');
  });

  it('is read by the staff and duty lawyers of its agency and the bureaus over it; not by another agency, an auditor elsewhere, finance or a court', async () => {
    for (const p of [reviewer, dutyLi, dutyZhang, supervisor, admin, bureau, auditor]) ok(await get(c.location, p));
    for (const p of [reviewerNb, adminNb, auditorAh]) refusal(await get(c.location, p), 'OUT_OF_SCOPE');
    for (const p of [finance, court, lawyerWang]) refusal(await get(c.location, p), 'ROLE_NOT_ALLOWED');
  });

  it('a duty lawyer may follow the location of a consultation they recorded', async () => {
    const mine = await opened(
      post(dutyLi, '/consultations', { ...consultationBody, channel: 'workstation', workstationId: 'court:hz-xihu' }),
      '/consultations',
    );
    expect(ok(await get(mine.location, dutyLi)).body).toMatchObject({
      id: mine.id,
      channel: 'workstation',
      workstationId: 'court:hz-xihu',
    });
  });
});

describe('a duty record, read back where its POST points', () => {
  let d: { id: string; location: string };
  beforeAll(async () => {
    d = await opened(
      post(dutyLi, '/duty-records', {
        agencyId: HZ,
        station: { kind: 'court', organisationId: 'workstation:hz-xihu-court' },
        personName: '孙八',
        criminalCaseReference: '(2026)浙0106刑初7号',
      }),
      '/duty-records',
    );
  });

  it('answers the record with its id, version and ETag', async () => {
    const r = ok(await get(d.location, dutyLi));
    expect(r.body).toEqual({
      id: d.id,
      dutyId: d.id,
      status: 'open',
      stationKind: 'court',
      stationId: 'workstation:hz-xihu-court',
      agencyId: HZ,
      dutyLawyerId: dutyLi.sub,
      personName: '孙八',
      criminalCaseReference: '(2026)浙0106刑初7号',
      openedAt: expect.any(String),
      services: 0,
      closedAt: null,
      referredCaseId: null,
      recordedBy: { role: dutyLi.role, organisation: dutyLi.org },
      version: 1,
      updatedAt: expect.any(String),
    });
    expect(r.headers.get('etag')).toBe('"1"');
  });

  it('shows the services given and the closing, at the version the commands answered', async () => {
    ok(
      await post(dutyLi, `${d.location}/consultations`, validBody('GiveDutyConsultation', { org: dutyLi.org, agencyId: HZ, workerId: '' })),
    );
    const closed = ok(
      await post(dutyLi, `${d.location}/closing`, validBody('CloseDutyRecord', { org: dutyLi.org, agencyId: HZ, workerId: '' })),
    );
    const r = ok(await get(d.location, dutyLi));
    expect(r.body).toMatchObject({ status: 'closed', services: 1, closedAt: expect.any(String), referredCaseId: null, version: 3 });
    expect(r.headers.get('etag')).toBe(closed.headers.get('etag'));
  });

  it('is read by its duty lawyer, the staff of its agency and the bureaus over it; not by another duty lawyer, agency or area', async () => {
    for (const p of [dutyLi, reviewer, supervisor, admin, bureau, auditor]) ok(await get(d.location, p));
    for (const p of [dutyZhang, reviewerNb, adminNb, auditorAh]) refusal(await get(d.location, p), 'OUT_OF_SCOPE');
    for (const p of [finance, court, lawyerWang]) refusal(await get(d.location, p), 'ROLE_NOT_ALLOWED');
  });
});

describe('an aid worker, read back where its POST points', () => {
  const worker = {
    workerId: lawyerWang.sub,
    agencyId: HZ,
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '13301201510123456',
    relevantPracticeSince: '2015-06-01',
  };
  let w: { id: string; location: string };
  beforeAll(async () => {
    w = await opened(post(admin, '/workers', worker), '/workers');
  });

  it('answers the registry record with its id, version and ETag', async () => {
    expect(w.id).toBe(lawyerWang.sub);
    const r = ok(await get(w.location, admin));
    expect(r.body).toEqual({
      ...worker,
      firmId: null,
      id: w.id,
      status: 'active',
      recordedBy: { role: admin.role, organisation: admin.org },
      version: 1,
      updatedAt: expect.any(String),
    });
    expect(r.headers.get('etag')).toBe('"1"');
  });

  it('shows a deactivation and a change of details, at the version the commands answered', async () => {
    ok(await post(admin, `${w.location}/deactivation`, { reason: '停止执业' }));
    const updated = ok(await post(admin, `${w.location}/details`, { name: '王大律师' }));
    const r = ok(await get(w.location, admin));
    expect(r.body).toMatchObject({ status: 'inactive', name: '王大律师', version: 3 });
    expect(r.headers.get('etag')).toBe(updated.headers.get('etag'));
  });

  it('is read by the worker itself, the staff of its agency and the bureaus over it; not by another worker, agency or area', async () => {
    for (const p of [lawyerWang, admin, reviewer, supervisor, bureau, auditor]) ok(await get(w.location, p));
    for (const p of [lawyerLi, reviewerNb, adminNb, auditorAh]) refusal(await get(w.location, p), 'OUT_OF_SCOPE');
    // The worker's own subject with another organisation's token: not theirs to read.
    refusal(await get(w.location, { ...lawyerWang, org: 'law-firm:hz-xihu-mingli' }), 'OUT_OF_SCOPE');
    for (const p of [finance, court, dutyLi]) refusal(await get(w.location, p), 'ROLE_NOT_ALLOWED');
  });

  it('records the firm a worker practises at, a law firm or legal-service office of the registry; the worker reads their record with its token, not another firm’s', async () => {
    const fang = { ...worker, workerId: 'lawyer-fang', name: '方律师' };
    for (const firmId of ['court:hz-xihu', 'law-firm:nowhere'])
      expect(withProblem(await post(admin, '/workers', { ...fang, firmId }))).toMatchObject({ status: 400, body: { field: 'firmId' } });
    const f = await opened(post(admin, '/workers', { ...fang, firmId: 'law-firm:hz-xihu-mingli' }), '/workers');
    const asFang = (org: string) => principal('aid-worker', { sub: 'lawyer-fang', org });
    expect(ok(await get(f.location, asFang('law-firm:hz-xihu-mingli'))).body).toMatchObject({ firmId: 'law-firm:hz-xihu-mingli' });
    ok(await get(f.location, asFang(HZ)));
    refusal(await get(f.location, asFang('law-firm:nb-yinzhou-zhengxin')), 'OUT_OF_SCOPE');
  });
});

describe('ids the routes do not know or cannot take', () => {
  const routes = [
    { collection: '/consultations', as: reviewer, code: 'CONSULTATION_NOT_FOUND' },
    { collection: '/duty-records', as: dutyLi, code: 'DUTY_RECORD_NOT_FOUND' },
    { collection: '/workers', as: admin, code: 'WORKER_NOT_FOUND' },
  ];

  it("answers 404 with the record kind's code for an id no record has", async () => {
    for (const { collection, as, code } of routes) {
      expect(withProblem(await get(`${collection}/no-such-${newKey()}`, as))).toMatchObject({
        status: 404,
        body: { code, reason: expect.any(String) },
      });
      // Also for a caller who could not read it if it existed: no record, nothing to refuse.
      expect((await get(`${collection}/no-such-record`, auditor)).status).toBe(404);
    }
  });

  it('answers 400 naming the field for an id outside the record-id pattern', async () => {
    for (const { collection, as } of routes) {
      for (const bad of ['has%20space', 'a'.repeat(101), '%E4%B8%AD%E6%96%87', 'semi%3Bcolon']) {
        expect(withProblem(await get(`${collection}/${bad}`, as)), `${collection}/${bad}`).toMatchObject({
          status: 400,
          body: { code: 'INVALID_FIELD', field: 'id' },
        });
      }
    }
  });

  it('takes no query parameters', async () => {
    expect(withProblem(await get('/workers/lawyer-wang?debug=1', admin))).toMatchObject({ status: 400, body: { field: 'debug' } });
  });
});

describe('a role without a need for personal data', () => {
  it('gets the answer marked masked: the person named and what was said masked, the facts as they are', async () => {
    const c = await opened(post(reviewer, '/consultations', consultationBody), '/consultations');
    const d = await opened(
      post(dutyLi, '/duty-records', validBody('OpenDutyRecord', { org: dutyLi.org, agencyId: HZ, workerId: '' })),
      '/duty-records',
    );
    const workerId = `worker-${newKey()}`;
    const w = await opened(post(admin, '/workers', validBody('RegisterAidWorker', { org: admin.org, agencyId: HZ, workerId })), '/workers');
    for (const location of [c.location, d.location, w.location]) {
      const full = ok(await get(location, auditor));
      const masked = ok(await get(location, supervisor));
      expect(full.headers.get('x-personal-data')).toBe('full');
      expect(masked.headers.get('x-personal-data')).toBe('masked');
      expect(JSON.stringify(full.body)).not.toMatch(/identityNumber|"phone"|"address"/);
      // Only the personal fields differ: each masked by its kind, never dropped.
      const differing = Object.keys(full.body).filter((k) => JSON.stringify(full.body[k]) !== JSON.stringify(masked.body[k]));
      for (const k of differing) expect(['personName', 'topic', 'answer', 'notToldReason']).toContain(k);
      if (typeof full.body.personName === 'string')
        expect(masked.body.personName).toBe(`${[...full.body.personName][0]}*`.padEnd([...full.body.personName].length, '*'));
    }
    expect(ok(await get(c.location, supervisor)).body.answer).toBe('[masked]');
    // The duty lawyer (a masked role) reading the record it opened sees what it recorded as it recorded it.
    const own = ok(await get(d.location, dutyLi));
    expect(own.headers.get('x-personal-data')).toBe('masked');
    expect(own.body.personName).toBe(ok(await get(d.location, auditor)).body.personName);
  });
});

describe('an event the current code cannot read', () => {
  const putRaw = (envelope: EventEnvelope) =>
    stack.client.send(new PutItemCommand({ TableName: stack.eventsTable, Item: marshall(envelope, { removeUndefinedValues: true }) }));
  /** As a newer release would have written it: a sound envelope whose schema version this code does not know. */
  const fromNewerRelease = (base: EventEnvelope, over: Partial<EventEnvelope>): EventEnvelope => {
    const unsealed = { ...base, eventId: randomUUID(), idempotencyKey: null, requestHash: null, schemaVersion: 2, ...over };
    return { ...unsealed, hash: hashEvent(unsealed) };
  };

  it('answers 500 UNREADABLE_EVENT naming the stream and version to a caller in scope, as a command on it does; 403 to one out of scope', async () => {
    const c = await opened(post(reviewer, '/consultations', consultationBody), '/consultations');
    const stream = `consultation#${c.id}`;
    const [first] = await stack.store.readStream(stream);
    await putRaw(
      fromNewerRelease(first!, {
        type: 'ConsultationLedToApplication',
        version: 2,
        prevHash: first!.hash,
        data: { caseId: 'case-x', linkedAt: first!.recordedAt, via: 'v2' },
      }),
    );
    const unreadable = {
      status: 500,
      body: { code: 'UNREADABLE_EVENT', stream, version: 2, reason: expect.stringContaining('schema version 2') },
    };
    expect(withProblem(await get(c.location, reviewer))).toMatchObject(unreadable);
    expect(withProblem(await get(c.location, auditor))).toMatchObject(unreadable);
    expect(withProblem(await post(reviewer, `${c.location}/application-link`, { caseId: 'case-y' }))).toMatchObject(unreadable);
    refusal(await get(c.location, reviewerNb), 'OUT_OF_SCOPE');
  });

  it('when not even the opening event can be read, whose record it is cannot be told: 403 to everyone, with that reason', async () => {
    const w = await opened(
      post(admin, '/workers', validBody('RegisterAidWorker', { org: admin.org, agencyId: HZ, workerId: `worker-${newKey()}` })),
      '/workers',
    );
    const [first] = await stack.store.readStream(`worker#${w.id}`);
    const id = `worker-${newKey()}`;
    const stream = `worker#${id}`;
    await putRaw(
      fromNewerRelease(first!, { stream, version: 1, schemaVersion: first!.schemaVersion + 1, data: { ...first!.data, workerId: id } }),
    );
    for (const p of [auditor, admin, bureau])
      expect(withProblem(await get(`/workers/${id}`, p))).toMatchObject({
        status: 403,
        body: { code: 'OUT_OF_SCOPE', reason: expect.stringContaining('cannot be told') },
      });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/time/calendar.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { problemOf, withProblem } from '../support/problem.ts';

// The organisation registry over HTTP, through the local stack and DynamoDB Local: registry
// commands by a bureau's administrators over what lies under them, refusals with their reasons,
// reads of the tree on a day, an organisation's history, and the gate refusing a token of an
// organisation closed a moment ago on the very next request.

const cityAdmin = principal('administrator', { sub: 'admin-hz-city', org: 'justice-bureau:hz' });
const xihuAdmin = principal('administrator', { sub: 'bureau-officer-wu', org: 'justice-bureau:hz-xihu' });
const binjiangAdmin = principal('administrator', { sub: 'admin-binjiang', org: 'justice-bureau:hz-binjiang' });
const hefeiAdmin = principal('administrator', { sub: 'admin-hf', org: 'justice-bureau:hf' });
const agencyAdmin = principal('administrator');
const auditorHz = principal('auditor');
const auditorAh = principal('auditor', { sub: 'auditor-ah', org: 'justice-department:ah' });
const reviewer = principal('agency-reviewer');

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-organisations');
}, 180_000);
afterAll(async () => stack?.stop());

const post = (as: DevPrincipal, path: string, body: unknown, headers: Record<string, string> = {}) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey(), ...headers } });
const get = (as: DevPrincipal, path: string) => stack.request('GET', path, { as });
const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const refused = (r: ApiResponse, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(problemOf(r.body)).toMatchObject({ code, reason: expect.any(String) });
  return problemOf(r.body);
};

const station = (organisationId: string, parentId: string, validFrom = '2026-01-01') => ({
  organisationId,
  kind: 'township-workstation',
  name: '转塘街道法律援助工作站',
  parentId,
  divisionCode: '330106',
  validFrom,
  contacts: [{ kind: 'phone', value: '0571-87000000', label: '值班电话' }],
});

describe('registering an organisation', () => {
  it('the city bureau registers a station under a district agency: 201, read back where Location points; a retry is answered from the first', async () => {
    const body = station('workstation:hz-xihu-zhuantang', 'agency:hz-xihu');
    const key = newKey();
    const first = ok(await post(cityAdmin, '/organisations', body, { 'idempotency-key': key }), 201);
    expect(first.headers.get('location')).toBe('/organisations/workstation:hz-xihu-zhuantang');
    expect(first.headers.get('etag')).toBe('"1"');
    expect(first.body).toMatchObject({ organisationId: 'workstation:hz-xihu-zhuantang', events: [{ type: 'OrganisationRegistered' }] });

    const again = ok(await post(cityAdmin, '/organisations', body, { 'idempotency-key': key }), 201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.events).toEqual(first.body.events);

    const read = ok(await get(reviewer, first.headers.get('location')!));
    expect(read.body).toMatchObject({
      organisationId: 'workstation:hz-xihu-zhuantang',
      kind: 'township-workstation',
      name: '转塘街道法律援助工作站',
      parentId: 'agency:hz-xihu',
      divisionCode: '330106',
      validity: 'open',
      bureauOver: 'justice-bureau:hz-xihu',
      provinceOf: 'justice-department:zj',
      contacts: body.contacts,
      version: 1,
    });
  });

  it("a bureau elsewhere, an agency's administrator and a role that keeps no registry are refused with the reason", async () => {
    const body = station('workstation:hz-xihu-refused', 'agency:hz-xihu');
    const hefei = refused(await post(hefeiAdmin, '/organisations', body), 403, 'OUT_OF_SCOPE');
    expect(hefei.reason).toContain('agency:hz-xihu does not lie under justice-bureau:hf');
    refused(await post(binjiangAdmin, '/organisations', body), 403, 'OUT_OF_SCOPE');
    refused(await post(agencyAdmin, '/organisations', body), 403, 'NOT_A_JUSTICE_BODY');
    expect((await post(auditorHz, '/organisations', body)).status).toBe(403);
    // Nothing was written by any of them.
    refused(await get(reviewer, '/organisations/workstation:hz-xihu-refused'), 404, 'ORGANISATION_NOT_FOUND');
  });

  it('under a parent merged away (Jianggan, 2021-04-09) or closing is a 409 naming the field; a bad body a 400 naming it', async () => {
    const error = refused(
      await post(cityAdmin, '/organisations', station('workstation:hz-jianggan-late', 'agency:hz-jianggan', '2026-03-01')),
      409,
      'PARENT_NOT_OPEN',
    );
    expect(error.field).toBe('parentId');
    // And under one whose closing is recorded, even dated before it closes.
    const closing = 'agency:hz-xihu-closing';
    ok(
      await post(cityAdmin, '/organisations', {
        organisationId: closing,
        kind: 'legal-aid-agency',
        name: '西湖区待撤销法律援助中心',
        parentId: 'justice-bureau:hz-xihu',
        divisionCode: '330106',
        validFrom: '2026-01-01',
        contacts: [],
      }),
      201,
    );
    ok(await post(cityAdmin, `/organisations/${closing}/closing`, { reason: '撤销', effectiveFrom: '2026-03-01' }));
    const closed = refused(
      await post(cityAdmin, '/organisations', station('workstation:hz-xihu-closing-1', closing, '2026-02-15')),
      409,
      'PARENT_NOT_OPEN',
    );
    expect(closed).toMatchObject({ field: 'parentId', reason: expect.stringContaining(closing) });
    const bad = refused(
      await post(cityAdmin, '/organisations', { ...station('workstation:hz-xihu-bad', 'agency:hz-xihu'), divisionCode: '3301' }),
      400,
      'INVALID_FIELD',
    );
    expect(bad.field).toBe('divisionCode');
  });
});

describe('changing an organisation', () => {
  const id = 'workstation:hz-xihu-sandun';
  const agency = 'agency:hz-xihu-north';

  it('rename, move (with If-Match), a refused and then an accepted merger, closing, contacts: each read back on its day', async () => {
    ok(await post(xihuAdmin, '/organisations', station(id, 'agency:hz-xihu', '2026-02-01')), 201);
    ok(
      await post(xihuAdmin, '/organisations', {
        organisationId: agency,
        kind: 'legal-aid-agency',
        name: '西湖区北部法律援助中心',
        parentId: 'justice-bureau:hz-xihu',
        divisionCode: '330106',
        validFrom: '2026-02-01',
        contacts: [],
      }),
      201,
    );

    const renamed = ok(
      await post(xihuAdmin, `/organisations/${id}/renaming`, { name: '三墩镇法律援助工作站', effectiveFrom: '2026-03-01' }),
    );
    expect(renamed.headers.get('etag')).toBe('"2"');
    expect((await get(reviewer, `/organisations/${id}?date=2026-02-28`)).body.name).toBe('转塘街道法律援助工作站');
    expect((await get(reviewer, `/organisations/${id}?date=2026-03-01`)).body.name).toBe('三墩镇法律援助工作站');

    // A stale If-Match loses; the version the rename answered wins.
    const move = { parentId: agency, effectiveFrom: '2026-04-01' };
    refused(await post(xihuAdmin, `/organisations/${id}/move`, move, { 'if-match': '"1"' }), 412, 'PRECONDITION_FAILED');
    ok(await post(xihuAdmin, `/organisations/${id}/move`, move, { 'if-match': '"2"' }));
    expect((await get(reviewer, `/organisations/${id}?date=2026-03-31`)).body.parentId).toBe('agency:hz-xihu');
    expect((await get(reviewer, `/organisations/${id}?date=2026-04-01`)).body.parentId).toBe(agency);
    const children = ok(await get(reviewer, `/organisations/${agency}/children?date=2026-04-01`));
    expect((children.body.organisations as { organisationId: string }[]).map((o) => o.organisationId)).toEqual([id]);
    const path = ok(await get(reviewer, `/organisations/${id}/path?date=2026-04-01`));
    expect((path.body.path as { organisationId: string }[]).map((p) => p.organisationId)).toEqual([
      id,
      agency,
      'justice-bureau:hz-xihu',
      'justice-bureau:hz',
      'justice-department:zj',
      'country:cn',
    ]);

    // Its station is still under it: the agency cannot merge yet.
    const merger = { successorId: 'agency:hz-xihu', effectiveFrom: '2026-05-01' };
    refused(await post(xihuAdmin, `/organisations/${agency}/merger`, merger), 409, 'ORGANISATION_HAS_OPEN_CHILDREN');
    ok(await post(xihuAdmin, `/organisations/${id}/closing`, { reason: '站点撤并', effectiveFrom: '2026-05-01' }));
    ok(await post(xihuAdmin, `/organisations/${agency}/merger`, merger));
    expect((await get(reviewer, `/organisations/${agency}?date=2026-05-01`)).body).toMatchObject({
      validity: 'merged',
      heldBy: 'agency:hz-xihu',
    });
    expect((await get(reviewer, `/organisations/${id}?date=2026-05-01`)).body.validity).toBe('closed');
    // Ended: only its history remains.
    refused(
      await post(xihuAdmin, `/organisations/${id}/contacts`, { contacts: [], effectiveFrom: '2026-06-01' }),
      409,
      'ORGANISATION_ENDED',
    );

    const contacts = [{ kind: 'hotline', value: '12348', label: '公共法律服务热线' }];
    ok(await post(cityAdmin, '/organisations/justice-bureau:hz-xihu/contacts', { contacts, effectiveFrom: '2026-06-01' }));
    expect((await get(reviewer, '/organisations/justice-bureau:hz-xihu')).body.contacts).toEqual(contacts);
    // A bureau does not change its own record: the bureau above it does.
    refused(
      await post(xihuAdmin, '/organisations/justice-bureau:hz-xihu/contacts', { contacts: [], effectiveFrom: '2026-06-02' }),
      403,
      'OUT_OF_SCOPE',
    );
    refused(
      await post(xihuAdmin, '/organisations/agency:nowhere/renaming', { name: 'x', effectiveFrom: '2026-06-01' }),
      404,
      'ORGANISATION_NOT_FOUND',
    );
  });

  it("an organisation's history: for the justice bodies above it, even after it closed", async () => {
    const history = ok(await get(xihuAdmin, `/organisations/${id}/history`));
    expect((history.body.events as { type: string; who: { organisation: string } }[]).map((e) => e.type)).toEqual([
      'OrganisationRegistered',
      'OrganisationRenamed',
      'OrganisationMoved',
      'OrganisationClosed',
    ]);
    expect((history.body.events as { who: { organisation: string } }[])[0]!.who.organisation).toBe('justice-bureau:hz-xihu');
    const page = ok(await get(auditorHz, `/organisations/${id}/history?limit=1`));
    expect(page.body.events).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    refused(await get(binjiangAdmin, `/organisations/${id}/history`), 403, 'OUT_OF_SCOPE');
    refused(await get(auditorAh, `/organisations/${id}/history`), 403, 'OUT_OF_SCOPE');
    refused(await get(agencyAdmin, `/organisations/${id}/history`), 403, 'NOT_A_JUSTICE_BODY');
    expect((await get(reviewer, `/organisations/${id}/history`)).status).toBe(403);

    // One that opens only in years to come: its history is already its bureau's to read.
    const future = 'workstation:hz-xihu-future';
    ok(await post(xihuAdmin, '/organisations', station(future, 'agency:hz-xihu', '2099-01-01')), 201);
    expect((await get(reviewer, `/organisations/${future}`)).body.validity).toBe('not-yet-open');
    expect((ok(await get(xihuAdmin, `/organisations/${future}/history`)).body.events as unknown[]).length).toBe(1);
    refused(await get(binjiangAdmin, `/organisations/${future}/history`), 403, 'OUT_OF_SCOPE');
  });
});

describe('reading the tree', () => {
  it('children and everything under a node on a day, by kind; unknown ids 404, bad dates 400', async () => {
    const cities = ok(await get(reviewer, '/organisations/justice-department:ah/children?kind=city-bureau'));
    expect((cities.body.organisations as { organisationId: string }[]).map((o) => o.organisationId)).toEqual([
      'justice-bureau:hf',
      'justice-bureau:huainan',
      'justice-bureau:wh',
    ]);
    const agencies = ok(await get(reviewer, '/organisations/justice-bureau:hz/children?depth=all&kind=legal-aid-agency&date=2021-04-08'));
    const ids = (agencies.body.organisations as { organisationId: string }[]).map((o) => o.organisationId);
    expect(ids).toContain('agency:hz-jianggan');
    const after = ok(await get(reviewer, '/organisations/justice-bureau:hz/children?depth=all&kind=legal-aid-agency&date=2021-04-09'));
    expect((after.body.organisations as { organisationId: string }[]).map((o) => o.organisationId)).not.toContain('agency:hz-jianggan');
    refused(await get(reviewer, '/organisations/agency:nowhere'), 404, 'ORGANISATION_NOT_FOUND');
    const bad = refused(await get(reviewer, '/organisations/agency:hz-xihu?date=2026-13-01'), 400, 'INVALID_FIELD');
    expect(bad.field).toBe('date');
  });

  it('the OpenAPI document lists the registry routes', async () => {
    const doc = ok(await stack.request('GET', '/openapi.json'));
    const paths = doc.body.paths as Record<string, Record<string, { tags: string[] }>>;
    for (const [path, method] of [
      ['/organisations', 'post'],
      ['/organisations/{id}/renaming', 'post'],
      ['/organisations/{id}/move', 'post'],
      ['/organisations/{id}/merger', 'post'],
      ['/organisations/{id}/closing', 'post'],
      ['/organisations/{id}/contacts', 'post'],
      ['/organisations/{id}', 'get'],
      ['/organisations/{id}/children', 'get'],
      ['/organisations/{id}/path', 'get'],
      ['/organisations/{id}/history', 'get'],
    ] as const) {
      expect(paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['organisations']);
    }
  });
});

describe('the gate on a registry that just changed', () => {
  it('a token of an organisation closed a moment ago is refused on the next request', async () => {
    const court = 'court:hz-xihu-internet';
    ok(
      await post(cityAdmin, '/organisations', {
        organisationId: court,
        kind: 'court',
        name: '西湖区互联网法庭（示例）',
        parentId: 'justice-bureau:hz-xihu',
        divisionCode: '330106',
        validFrom: '2026-01-01',
        contacts: [],
      }),
      201,
    );
    const clerk = principal('court', { sub: 'clerk-internet-01', org: court });
    // Admitted: the query side's registry has it (and is loaded before the closing).
    ok(await get(clerk, `/organisations/${court}`));
    const today = chinaDateOf(new Date().toISOString());
    ok(await post(xihuAdmin, `/organisations/${court}/closing`, { reason: '撤销', effectiveFrom: today }));
    const error = refused(await get(clerk, `/organisations/${court}`), 403, 'ORGANISATION_NOT_OPEN');
    expect(error.reason).toContain(court);
    // And on the command side too.
    refused(await post(clerk, '/defence-notifications', {}), 403, 'ORGANISATION_NOT_OPEN');
  });

  it('two registry commands racing on one parent: one is stored, the other decided again on the new tree and refused', async () => {
    const agency = 'agency:hz-xihu-south';
    ok(
      await post(xihuAdmin, '/organisations', {
        organisationId: agency,
        kind: 'legal-aid-agency',
        name: '西湖区南部法律援助中心',
        parentId: 'justice-bureau:hz-xihu',
        divisionCode: '330106',
        validFrom: '2026-02-01',
        contacts: [],
      }),
      201,
    );
    const [closing, registering] = await Promise.all([
      post(xihuAdmin, `/organisations/${agency}/closing`, { reason: '撤并', effectiveFrom: '2026-07-01' }),
      post(xihuAdmin, '/organisations', station('workstation:hz-xihu-south-1', agency, '2026-06-01')),
    ]);
    // Whichever is stored first, the other cannot be: both decided on the same tree would leave a
    // station open under a closed agency.
    if (closing.status === 200) {
      expect(withProblem(registering)).toMatchObject({ status: 409, body: { code: 'PARENT_NOT_OPEN' } });
    } else {
      expect(registering.status, JSON.stringify(registering.body)).toBe(201);
      expect(withProblem(closing)).toMatchObject({ status: 409, body: { code: 'ORGANISATION_HAS_OPEN_CHILDREN' } });
    }
    const { body } = ok(await get(reviewer, `/organisations/${agency}/children?date=2026-06-01`));
    expect((body.organisations as unknown[]).length).toBe(closing.status === 200 ? 0 : 1);
  });
});

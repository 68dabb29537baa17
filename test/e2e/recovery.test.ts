import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../events/catalogue/index.ts';
import { canonicalJson } from '../../events/canonical-json.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { validBody } from '../support/command-bodies.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { contractFetch } from '../support/contract.ts';

// Issue 16's attack, tried as a hostile supervisor (a role that sees identity numbers and phones
// masked): read everything the role can read about a case whose person is known, collect every
// digest (64 hex characters) in any answer, then rebuild the event and the request with each
// candidate value and hash them as the system hashes (SHA-256 of the canonical JSON of the
// envelope's hashed parts; of the request's parts). Nothing must match. A control runs the same attack
// against digests computed the old way (over plaintext) and must recover both values, so the attack
// is known to work.

// Fictitious, distinct from every other fixture.
const victim = { name: '郑伟', identityNumber: '330106198807124435', phone: '13971234567', address: '杭州市西湖区教工路 18 号' };
const TRUE_BIRTH = '19880712';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const reviewer = principal('agency-reviewer');
const supervisor = principal('supervisor');
const ids = { sealed: '', imported: '', consultation: '' };
/** The request body of the sealed case, as sent (the attacker is granted every value but the one sought). */
const sentBody = applicationBody({ applicant: { ...victim, priorityGroups: [] } });

const ok = (r: ApiResponse, status = 200) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const post = (as: typeof reviewer, path: string, body: unknown, key = newKey()) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': key } });

const sha256 = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** The attacker's hash of an envelope: every member but `hash` (events/envelope.ts says what is hashed). */
const hashOfEnvelope = (e: Omit<EventEnvelope, 'hash'>) => sha256(e);

/** An imported case: events stored before sealing existed, personal data in plain, hashed the old way. */
const importPlainCase = async () => {
  const caseId = crypto.randomUUID();
  const stream = `case#${caseId}`;
  const plainStore = createEventStore({ client: stack.client, tableName: stack.eventsTable });
  const data = catalogue.get('ApplicationReceived')!.schema.parse({
    ...applicationBody({ applicant: { ...victim, priorityGroups: [] } }),
    caseId,
    receivedAt: new Date().toISOString(),
  }) as Record<string, unknown>;
  const body = applicationBody({ applicant: { ...victim, priorityGroups: [] } });
  await plainStore.append(stream, 0, [{ type: 'ApplicationReceived', schemaVersion: 2, data }], {
    actor: { id: reviewer.sub, role: reviewer.role, organisation: reviewer.org },
    workstation: null,
    correlationId: crypto.randomUUID(),
    // The old request hash: a plain SHA-256 of the request's parts.
    idempotency: { key: newKey(), requestHash: sha256({ route: 'POST /applications', path: {}, body }) },
  });
  await plainStore.append(
    stream,
    1,
    [{ type: 'MaterialsRequested', schemaVersion: 1, data: { items: ['收入证明'], requestedAt: new Date().toISOString() } }],
    {
      actor: { id: reviewer.sub, role: reviewer.role, organisation: reviewer.org },
      workstation: null,
      correlationId: crypto.randomUUID(),
    },
  );
  return caseId;
};

beforeAll(async () => {
  stack = await startTestStack('e2e-recovery');
  ids.sealed = ok(await post(reviewer, '/applications', sentBody), 201).body.caseId as string;
  ids.imported = await importPlainCase();
  const consultation = ok(
    await post(reviewer, '/consultations', {
      ...validBody('RecordConsultation', { org: reviewer.org, agencyId: reviewer.org, workerId: '' }),
      personName: victim.name,
    }),
    201,
  );
  ids.consultation = consultation.body.consultationId as string;
  await stack.eventually(async () => (await stack.request('GET', `/cases/${ids.imported}`, { as: reviewer })).status === 200);
  await stack.settle();
}, 120_000);
afterAll(async () => stack?.stop());

/** Everything a supervisor can read about a case, each answer as text. */
const readAsSupervisor = async (caseId: string): Promise<string[]> => {
  const paths = [
    `/cases/${caseId}`,
    `/cases/${caseId}?version=1`,
    `/cases/${caseId}/history`,
    `/cases/${caseId}/diff?from=0&to=1`,
    `/cases/${caseId}/export`,
    `/cases/${caseId}/verify`,
    `/quality/cases/${caseId}`,
    `/cases?agencyId=${reviewer.org}`,
    `/cases/overdue?agencyId=${reviewer.org}`,
    `/consultations/${ids.consultation}`,
  ];
  const texts: string[] = [];
  for (const path of paths) {
    const r = await stack.request('GET', path, { as: supervisor });
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
    texts.push(JSON.stringify(r.body));
  }
  // The history page by page: a page's first prevHash is the digest of an event on the page before.
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await stack.request(
      'GET',
      `/cases/${caseId}/history?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      {
        as: supervisor,
      },
    );
    expect(page.status).toBe(200);
    texts.push(JSON.stringify(page.body));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  const csv = await contractFetch(`${stack.url}/cases/${caseId}/export?format=csv`, {
    headers: { authorization: `Bearer ${await stack.issuer.mint(supervisor)}` },
  });
  expect(csv.status).toBe(200);
  texts.push(await csv.text());
  return texts;
};

const digestsIn = (texts: readonly string[]) => new Set(texts.flatMap((t) => t.match(/(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/g) ?? []));

/** Candidate identity numbers: the shown region and sequence, every birth date of five years around the true one, every check character. */
const identityCandidates = (masked: string): string[] => {
  const region = masked.slice(0, 6);
  const sequence = masked.slice(14, 17);
  const out: string[] = [];
  for (let t = Date.UTC(1986, 0, 1); t <= Date.UTC(1990, 11, 31); t += 86_400_000) {
    const birth = new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
    for (const check of '0123456789X') out.push(`${region}${birth}${sequence}${check}`);
  }
  return out;
};

/** Candidate phones: every value of the hidden middle digits. The attacker is even given the carrier prefix the old mask showed. */
const phoneCandidates = (masked: string, prefix: string): string[] => {
  const last = masked.slice(-4);
  const hidden = 11 - prefix.length - last.length;
  return Array.from({ length: 10 ** hidden }, (_, i) => `${prefix}${String(i).padStart(hidden, '0')}${last}`);
};

type Attack = { identityNumber: string | null; phone: string | null; tries: number };

/**
 * The attack on one ApplicationReceived: for each candidate, the event rebuilt from its envelope (as
 * the export holds it) with the applicant in plain, hashed; the event after it rebuilt on that hash;
 * the request rebuilt from the body; every result looked up among the digests seen.
 */
const attack = (
  digests: ReadonlySet<string>,
  event: EventEnvelope,
  next: EventEnvelope | undefined,
  plainData: Record<string, unknown>,
  masked: { identityNumber: string; phone: string },
): Attack => {
  let tries = 0;
  const found: Attack = { identityNumber: null, phone: null, tries: 0 };
  const { hash: _h, ...hashed } = event;
  const applicant = plainData.applicant as Record<string, unknown>;
  const isDigest = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
  const matches = (field: 'identityNumber' | 'phone', candidate: string): boolean => {
    tries++;
    const body = { ...sentBody, applicant: { ...(sentBody.applicant as Record<string, unknown>), [field]: candidate } };
    const requestHash = sha256({ route: 'POST /applications', path: {}, body });
    if (digests.has(requestHash)) return true;
    // A withheld request hash is rebuilt too: the event's hash covers it.
    const data = { ...plainData, applicant: { ...applicant, [field]: candidate } };
    const eventHash = hashOfEnvelope({ ...hashed, requestHash: isDigest(hashed.requestHash) ? hashed.requestHash : requestHash, data });
    if (digests.has(eventHash)) return true;
    if (!next) return false;
    // The event after it hashes this one's hash (its prevHash): withholding one link is not enough.
    const { hash: _n, ...nextHashed } = next;
    return digests.has(hashOfEnvelope({ ...nextHashed, prevHash: eventHash }));
  };
  found.identityNumber = identityCandidates(masked.identityNumber).find((c) => matches('identityNumber', c)) ?? null;
  found.phone = phoneCandidates(masked.phone, victim.phone.slice(0, 3)).find((c) => matches('phone', c)) ?? null;
  return { ...found, tries };
};

type ExportBody = { events: EventEnvelope[]; opened: { version: number; data: Record<string, unknown> }[] };

/** What the attacker works from: the export's envelopes, and the applicant as the supervisor sees it masked. */
const attackCase = async (caseId: string) => {
  const texts = await readAsSupervisor(caseId);
  const exported = ok(await stack.request('GET', `/cases/${caseId}/export`, { as: supervisor })).body as unknown as ExportBody;
  const [first, second] = exported.events;
  const masked = exported.opened[0]!.data.applicant as { identityNumber: string; phone: string };
  // Worst case for the defence: every other value of the event is known in plain.
  const plainData = { ...exported.opened[0]!.data, applicant: { ...victim, priorityGroups: [] }, matter: sentBody.matter };
  return {
    texts,
    exported,
    masked,
    digests: digestsIn(texts),
    run: (digests: ReadonlySet<string>, [event, next]: readonly (EventEnvelope | undefined)[] = [first, second]) =>
      attack(digests, event!, next, plainData, masked),
  };
};

describe('a supervisor cannot recover a masked identity number or phone', () => {
  it('from anything it reads of a case sealed on append: no digest matches any candidate', { timeout: 120_000 }, async () => {
    const c = await attackCase(ids.sealed);
    expect(c.masked.identityNumber).toBe('330106********4435');
    expect(c.masked.phone).toBe('*******4567');
    // The digests are there (the chain is shown), they just cover ciphertext and a keyed request hash.
    expect(c.digests.has(c.exported.events[0]!.hash)).toBe(true);
    expect(c.digests.has(c.exported.events[0]!.requestHash!)).toBe(true);
    const result = c.run(c.digests);
    expect(result.tries).toBeGreaterThan(20_000);
    expect({ identityNumber: result.identityNumber, phone: result.phone }).toEqual({ identityNumber: null, phone: null });
  });

  it('from anything it reads of an imported case hashed over plaintext: those digests are withheld', { timeout: 120_000 }, async () => {
    const c = await attackCase(ids.imported);
    expect(c.masked.identityNumber).toBe('330106********4435');
    const result = c.run(c.digests);
    expect({ identityNumber: result.identityNumber, phone: result.phone }).toEqual({ identityNumber: null, phone: null });
  });

  it('control: the same attack recovers both from the digests as they were shown before (over plaintext)', {
    timeout: 120_000,
  }, async () => {
    const c = await attackCase(ids.imported);
    // What the history showed every reader before: the stored hashes of the plain events.
    const stored = await stack.store.readStream(`case#${ids.imported}`);
    // Each digest on its own: the request hash, the event's hash, and the next event's hash (a link on).
    for (const digest of [stored[0]!.requestHash!, stored[0]!.hash, stored[1]!.hash]) {
      const result = c.run(new Set([digest]), stored);
      expect(result.identityNumber, digest).toBe(victim.identityNumber);
      expect(result.identityNumber!.slice(6, 14)).toBe(TRUE_BIRTH);
      expect(result.phone, digest).toBe(victim.phone);
    }
    // And the auditor, who sees in full, still gets them (offline verification stays with it).
    const history = ok(await stack.request('GET', `/cases/${ids.imported}/history`, { as: principal('auditor') }));
    expect(JSON.stringify(history.body)).toContain(stored[0]!.hash);
  });

  it('finds the full identity number and phone in no answer at all', async () => {
    for (const caseId of [ids.sealed, ids.imported]) {
      for (const text of await readAsSupervisor(caseId)) {
        expect(text).not.toContain(victim.identityNumber);
        expect(text).not.toContain(victim.phone);
        expect(text).not.toContain(TRUE_BIRTH);
      }
    }
  });
});

describe('the keyed request hash', () => {
  it('still tells a retry from another request: the same answer and no new event, or a 422', async () => {
    const key = newKey();
    const body = applicationBody({ applicant: { ...victim, identityNumber: '330106199511304418', priorityGroups: [] } });
    const first = ok(await post(reviewer, '/applications', body, key), 201);
    const retry = ok(await post(reviewer, '/applications', body, key), 201);
    expect(retry.body.caseId).toBe(first.body.caseId);
    const events = await stack.store.readStream(`case#${first.body.caseId as string}`);
    expect(events).toHaveLength(1);
    const other = await post(reviewer, '/applications', { ...body, matter: '另一件事' }, key);
    expect(other.status).toBe(422);
    // Not the plain SHA-256 of the parts: nobody without the stack's secret can recompute it.
    expect(events[0]!.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(events[0]!.requestHash).not.toBe(sha256({ route: 'POST /applications', path: {}, body }));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { retentionRuleFor } from '../../domain/rules/retention.ts';
import { catalogue } from '../../events/catalogue/index.ts';
import { verifyChain } from '../../events/hash-chain.ts';
import { ERASED } from '../../events/personal/marks.ts';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { openPersonal } from '../../functions/lib/privacy/open-personal.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { problemOf, withProblem } from '../support/problem.ts';

// The erasure command against DynamoDB Local, under a clock the test moves: refused while the
// retention runs, then recorded and the key destroyed; a failed destroy is a 503 that a retry completes.

const reviewer = { sub: 'reviewer-hz-01', role: 'agency-reviewer', org: 'agency:hz-xihu' };
const bureau = { sub: 'bureau-officer-wu', role: 'administrator', org: 'justice-bureau:hz-xihu' };
const otherBureau = { sub: 'officer-gongshu', role: 'administrator', org: 'justice-bureau:hz-gongshu' };
const auditor = { role: 'auditor', organisation: 'justice-bureau:hz-xihu' };

let now = new Date('2026-03-02T02:00:00Z');
let failDestroy = false;
let keys: KeyStore;
let store: EventStore;
let post: ReturnType<typeof inProcessCommands>;

beforeAll(async () => {
  const tables = await testTables('erasure');
  const real = createKeyStore({ client: tables.client, tableName: tables.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 9)) });
  // The key table failing at the one step that matters (as a throttled or unreachable DynamoDB would).
  keys = {
    ...real,
    destroy: async (keyId, tombstone) => {
      if (failDestroy) throw new Error('ProvisionedThroughputExceededException');
      return real.destroy(keyId, tombstone);
    },
  };
  store = createEventStore({ client: tables.client, tableName: tables.eventsTableName, sealer: createPersonalSealer({ keys, catalogue }) });
  post = inProcessCommands({ store, keys, clock: () => now });
});

const erasure = (caseId: string, over: Record<string, unknown> = {}) => ({
  recordKind: 'case',
  recordId: caseId,
  legalBasis: 'retention-ended',
  reason: 'retention period of the case file ended',
  ...over,
});

describe('POST /personal-data/erasures', () => {
  it('refuses while the retention runs, erases after it, completes a failed destroy on retry, then refuses every command', async () => {
    const opened = await post<{ caseId: string }>(reviewer, '/applications', applicationBody());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId;
    const stream = `case#${caseId}`;
    expect((await post(reviewer, `/cases/${caseId}/withdrawal`, { note: '申请人撤回' })).status).toBe(200);

    const early = await post(bureau, '/personal-data/erasures', erasure(caseId));
    expect(withProblem(early)).toMatchObject({ status: 409, body: { code: 'RETENTION_NOT_ENDED', field: 'legalBasis' } });

    // Past the period of the rule that applies (a civil case file), measured from the withdrawal.
    const years = retentionRuleFor('case', []).years!;
    now = new Date(Date.UTC(2026 + years, 2, 3, 2));
    expect(problemOf((await post(otherBureau, '/personal-data/erasures', erasure(caseId))).body)).toMatchObject({
      code: 'NOT_THE_BUREAU_OVER_AGENCY',
    });

    failDestroy = true;
    const key = 'erase-once-1';
    const incomplete = await post(bureau, '/personal-data/erasures', erasure(caseId), key);
    expect(withProblem(incomplete)).toMatchObject({ status: 503, body: { code: 'ERASURE_INCOMPLETE' } });
    // Recorded, key still there: and already no command is taken on the record.
    const events = await store.readStream(stream);
    expect(events.at(-1)).toMatchObject({ type: 'PersonalDataErased', actor: { id: bureau.sub, organisation: bureau.org } });
    expect(await keys.tombstoneOf(stream)).toBeNull();
    const refused = await post(reviewer, `/cases/${caseId}/withdrawal`, { note: '再次撤回' });
    expect(withProblem(refused)).toMatchObject({ status: 409, body: { code: 'RECORD_ERASED' } });

    failDestroy = false;
    const retried = await post<{ events: { type: string; eventId: string }[]; keyDestroyed: boolean }>(
      bureau,
      '/personal-data/erasures',
      erasure(caseId),
      key,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.events).toEqual([expect.objectContaining({ type: 'PersonalDataErased', eventId: events.at(-1)!.eventId })]);
    expect(await keys.tombstoneOf(stream)).toMatchObject({ eventId: events.at(-1)!.eventId });
    expect(await keys.dataKey(stream)).toBe('destroyed');
    // Exactly one erasure event, whatever the retries.
    expect((await store.readStream(stream)).filter((e) => e.type === 'PersonalDataErased')).toHaveLength(1);

    const again = await post(bureau, '/personal-data/erasures', erasure(caseId));
    expect(withProblem(again)).toMatchObject({ status: 409, body: { code: 'ALREADY_ERASED' } });

    // The chain still verifies; the person's fields read as erased, the erasure's facts as they were.
    const after = await store.readStream(stream);
    expect(verifyChain(after)).toBeNull();
    const shown = await openPersonal(keys, auditor, after);
    const text = JSON.stringify(shown.value);
    for (const plain of ['张三', '330106199001011234', '13800000000']) expect(text).not.toContain(plain);
    expect(text).toContain(ERASED);
    expect(text).toContain('retention period of the case file ended');
  });

  it('an erased worker record takes no command, and no case is assigned to it', async () => {
    now = new Date('2026-03-02T02:00:00Z');
    const agencyAdmin = { sub: 'admin-hz-xihu', role: 'administrator', org: 'agency:hz-xihu' };
    const workerId = `lawyer-erased-${Date.now().toString(36)}`;
    const registered = await post(agencyAdmin, '/workers', {
      workerId,
      agencyId: 'agency:hz-xihu',
      name: '律师乙',
      kind: 'lawyer',
      licenceNumber: '13301201510123457',
      relevantPracticeSince: '2015-06-01',
    });
    expect(registered.status).toBe(201);
    expect((await post(agencyAdmin, `/workers/${workerId}/deactivation`, { reason: 'left the agency' })).status).toBe(200);
    now = new Date(Date.UTC(2026 + retentionRuleFor('worker', []).years!, 2, 3, 2));
    const body = {
      recordKind: 'worker',
      recordId: workerId,
      legalBasis: 'retention-ended',
      reason: 'retention of the worker record ended',
    };
    expect((await post(bureau, '/personal-data/erasures', body)).status).toBe(200);

    expect(problemOf((await post(agencyAdmin, `/workers/${workerId}/reactivation`, { reason: 'rejoined' })).body)).toMatchObject({
      code: 'RECORD_ERASED',
    });
    const caseId = (await post<{ caseId: string }>(reviewer, '/applications', applicationBody())).body.caseId;
    await post(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });
    expect((await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' })).status).toBe(200);
    // The case is not erased; the worker the decision reads is.
    expect(withProblem(await post(reviewer, `/cases/${caseId}/assignment`, { workerId }))).toMatchObject({
      status: 409,
      body: { code: 'RECORD_ERASED', reason: expect.stringContaining(`worker#${workerId}`) },
    });
  });

  it('a new request completes an erasure whose destroy failed, and a record not there is 404', async () => {
    now = new Date('2026-03-02T02:00:00Z');
    const consultation = await post<{ consultationId: string }>(reviewer, '/consultations', {
      agencyId: 'agency:hz-xihu',
      channel: 'window',
      workstationId: null,
      topic: '工伤赔偿咨询',
      category: 'labour',
      personName: '李四',
      toldOfRightToApply: true,
      notToldReason: null,
      answer: '告知申请条件与程序',
    });
    expect(consultation.status).toBe(201);
    const id = consultation.body.consultationId;
    const body = { recordKind: 'consultation', recordId: id, legalBasis: 'consent-withdrawn', reason: 'the person withdrew consent' };
    failDestroy = true;
    expect((await post(bureau, '/personal-data/erasures', body, 'first-try')).status).toBe(503);
    failDestroy = false;
    expect((await post(bureau, '/personal-data/erasures', body, 'second-try')).status).toBe(200);
    expect(await keys.dataKey(`consultation#${id}`)).toBe('destroyed');
    expect(problemOf((await post(bureau, '/personal-data/erasures', { ...body, recordId: 'no-such-record' })).body)).toMatchObject({
      code: 'RECORD_NOT_FOUND',
      field: 'recordId',
    });
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../functions/lib/audit/history.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack, type ApiResponse } from '../support/local-stack.ts';
import { registerTestAgency } from '../support/registry.ts';
import { problemOf } from '../support/problem.ts';

// A paper record entered late, over HTTP against the local stack: the receipt, grant and assignment
// of a case that happened weeks ago are entered today with when they happened and why they come late.
// History shows both times and the flag; the deadlines count the business dates (the review met, as
// on paper, though entered weeks after its period ended); supervisors see the late entries. Outside
// the window, in the future, out of order or without a reason: refused, naming the field.

let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack('e2e-business-time');
});
afterAll(async () => stack?.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
/** The China calendar date of an instant, computed here independently of the code under test. */
const chinaDate = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
const REASON = 'system-outage';

const ok = <T extends ApiResponse>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};
const post = (as: DevPrincipal, path: string, body: unknown) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': newKey() } });
const get = <T = Record<string, unknown>>(as: DevPrincipal, path: string) => stack.request<T>('GET', path, { as });
const refusal = (r: ApiResponse) => problemOf(r.body);

describe('a late paper entry: both times, counted on its business date, flagged to supervisors', () => {
  const org = `agency:bt-${randomBytes(3).toString('hex')}`;
  const reviewer = principal('agency-reviewer', { org, sub: `reviewer-${org}` });
  const supervisor = principal('supervisor', { org, sub: `supervisor-${org}` });
  const admin = principal('administrator', { org, sub: `admin-${org}` });
  const lawyer = principal('aid-worker', { org, sub: `lawyer-${org.slice(7)}` });
  const auditor = principal('auditor');
  // On paper: received 20 days ago, granted 2 days later (within Art 43's 7 days), assigned the next day (within 3).
  const receivedAt = Date.now() - 20 * DAY;
  const grantedAt = receivedAt + 2 * DAY;
  const assignedAt = grantedAt + DAY;
  let caseId = '';

  beforeAll(async () => {
    await registerTestAgency(stack.store, org);
    ok(
      await post(admin, '/workers', {
        workerId: lawyer.sub,
        agencyId: org,
        name: '律师',
        kind: 'lawyer',
        licenceNumber: '13301201510123450',
        relevantPracticeSince: '2015-06-01',
      }),
      201,
    );
    caseId = ok(
      await post(reviewer, '/applications', applicationBody({ agencyId: org, receivedAt: iso(receivedAt), lateEntryReason: REASON })),
      201,
    ).body.caseId as string;
    const late = { occurredAt: iso(grantedAt), lateEntryReason: REASON };
    ok(
      await post(reviewer, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
        ...late,
      }),
    );
    ok(await post(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条', ...late }));
    ok(await post(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyer.sub, occurredAt: iso(assignedAt), lateEntryReason: REASON }));
    await stack.settle();
  });

  it('history shows when each step happened and when it was recorded, and the late-entry flag', async () => {
    const r = ok(await get<{ events: HistoryEntry[] }>(auditor, `/cases/${caseId}/history`));
    const byType = new Map(r.body.events.map((e) => [e.type, e]));
    const expectations: [string, number][] = [
      ['ApplicationReceived', receivedAt],
      ['MeansAssessed', grantedAt],
      ['AidGranted', grantedAt],
      ['AidWorkerAssigned', assignedAt],
    ];
    for (const [type, happened] of expectations) {
      const e = byType.get(type);
      expect(e, type).toBeDefined();
      expect(Date.parse(e!.occurredAt), type).toBe(happened);
      // Recorded today, in this test's run: well after it happened.
      expect(Date.parse(e!.recordedAt) - happened, type).toBeGreaterThan(DAY);
      expect(e!.lateEntry, type).toEqual({ reason: REASON, lateByDays: expect.any(Number), policyId: expect.any(String) });
      expect(e!.lateEntry!.lateByDays, type).toBeGreaterThanOrEqual(Math.floor((Date.parse(e!.recordedAt) - happened) / DAY));
    }
    // The decision's own time is its business time.
    expect(Date.parse((byType.get('AidGranted')!.data as { decidedAt: string }).decidedAt)).toBe(grantedAt);
  });

  it("the agency's deadline compliance counts the business dates: the review and assignment were met, on the day of receipt", async () => {
    const day = chinaDate(receivedAt);
    const card = ok(
      await get<{ deadlines: { byKind: Record<string, { met: number; missed: number }> }; lateEntries: unknown }>(
        supervisor,
        `/quality/agency?agencyId=${org}&from=${day}&to=${day}`,
      ),
    );
    expect(card.body.deadlines.byKind.review).toMatchObject({ met: 1, missed: 0 });
    expect(card.body.deadlines.byKind['grant-assignment']).toMatchObject({ met: 1, missed: 0 });
    // And flagged: the supervisors' view of the day lists the case and its four late steps.
    expect(card.body.lateEntries).toEqual({ cases: 1, entries: 4, caseIds: [caseId] });
    // Counted on its business date: a report of today's receipts has no case.
    const today = chinaDate(Date.now());
    const todays = ok(
      await get<{ deadlines: { byKind: Record<string, { met: number; missed: number }> } }>(
        supervisor,
        `/quality/agency?agencyId=${org}&from=${today}&to=${today}`,
      ),
    );
    expect(todays.body.deadlines.byKind.review).toMatchObject({ met: 0, missed: 0 });
  });

  it("supervisors see the case's late entries with both times", async () => {
    const r = ok(
      await get<{ lateEntries: { type: string; occurredAt: string; recordedAt: string; lateByDays: number }[] }>(
        supervisor,
        `/quality/cases/${caseId}`,
      ),
    );
    expect(r.body.lateEntries.map((f) => f.type)).toEqual(['ApplicationReceived', 'MeansAssessed', 'AidGranted', 'AidWorkerAssigned']);
    expect(r.body.lateEntries.map((f) => Date.parse(f.occurredAt))).toEqual([receivedAt, grantedAt, grantedAt, assignedAt]);
  });

  it('a closing cannot precede its assignment in business time: 409 naming occurredAt', async () => {
    const before = iso(assignedAt - HOUR);
    const r = await post(lawyer, `/cases/${caseId}/closing`, {
      outcome: 'judgment-or-ruling',
      summary: '结案',
      documents: [{ kind: 'handling-report', title: '结案报告' }],
      economicLossRecoveredFen: 0,
      closedAt: before,
      occurredAt: before,
      lateEntryReason: REASON,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(refusal(r)).toMatchObject({ code: 'TIME_OUT_OF_ORDER', field: 'occurredAt' });
  });
});

describe('refusals of a business time', () => {
  const org = `agency:bt-${randomBytes(3).toString('hex')}`;
  const reviewer = principal('agency-reviewer', { org, sub: `reviewer-${org}` });
  beforeAll(async () => registerTestAgency(stack.store, org));

  it('a late entry outside the window is refused with 422 naming occurredAt, and nothing is written', async () => {
    const r = await post(
      reviewer,
      '/applications',
      applicationBody({ agencyId: org, receivedAt: iso(Date.now() - 400 * DAY), lateEntryReason: REASON }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(refusal(r)).toMatchObject({ code: 'LATE_ENTRY_OUTSIDE_WINDOW', field: 'occurredAt' });
  });

  it('a late entry without a reason is refused with 422 naming lateEntryReason', async () => {
    const r = await post(reviewer, '/applications', applicationBody({ agencyId: org, receivedAt: iso(Date.now() - 3 * DAY) }));
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(refusal(r)).toMatchObject({ code: 'LATE_ENTRY_REASON_REQUIRED', field: 'lateEntryReason' });
  });

  it('a reason that is free text, not one of the codes, is refused with 400 naming lateEntryReason, and nothing is written', async () => {
    // Free text on the envelope would travel unsealed (bus, exports): it could carry the person's name.
    const r = await post(
      reviewer,
      '/applications',
      applicationBody({ agencyId: org, receivedAt: iso(Date.now() - 3 * DAY), lateEntryReason: '张三来电补录' }),
    );
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(refusal(r)).toMatchObject({ field: 'lateEntryReason' });
  });

  it('a business time in the future is refused with 400 naming occurredAt', async () => {
    const caseId = ok(await post(reviewer, '/applications', applicationBody({ agencyId: org })), 201).body.caseId as string;
    const r = await post(reviewer, `/cases/${caseId}/grant`, {
      legalBasis: '《法律援助法》第三十一条',
      occurredAt: iso(Date.now() + HOUR),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(refusal(r)).toMatchObject({ code: 'OCCURRED_AT_IN_FUTURE', field: 'occurredAt' });
    const received = await post(reviewer, '/applications', applicationBody({ agencyId: org, receivedAt: iso(Date.now() + HOUR) }));
    expect(received.status).toBe(400);
    expect(refusal(received)).toMatchObject({ code: 'OCCURRED_AT_IN_FUTURE', field: 'occurredAt' });
  });

  it('an opening that names both its receipt time and a different occurredAt is refused', async () => {
    const r = await post(
      reviewer,
      '/applications',
      applicationBody({ agencyId: org, receivedAt: iso(Date.now() - DAY), occurredAt: iso(Date.now() - 2 * DAY), lateEntryReason: REASON }),
    );
    expect(r.status).toBe(400);
    expect(refusal(r)).toMatchObject({ code: 'INVALID_FIELD', field: 'receivedAt' });
  });
});

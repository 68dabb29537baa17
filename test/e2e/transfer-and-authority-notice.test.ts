import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeStream } from '../../domain/streams.ts';
import { chinaYearOf } from '../../domain/time/calendar.ts';
import type { DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { applicationBody } from '../support/fixtures.ts';
import { newKey, principal, startTestStack } from '../support/local-stack.ts';
import { ok, refused } from '../support/answers.ts';

// Issue 19 points 1 and 5 over HTTP against the local stack with the seed registry: a case handed
// from Hangzhou's Xihu agency to Hefei's Shushan agency (two cities, two provinces), and the court
// that notified a defence reading and acknowledging the lawyer assigned (Art 36).

const XIHU = 'agency:hz-xihu';
const SHUSHAN = 'agency:hf-shushan';
const xihuReviewer = principal('agency-reviewer');
const shushanReviewer = principal('agency-reviewer', { sub: 'reviewer-hf-01', org: SHUSHAN });
const shushanAdmin = principal('administrator', { sub: 'admin-hf-01', org: SHUSHAN });
const xihuAdmin = principal('administrator');
const court = principal('court');
const otherCourt = principal('court', { sub: 'clerk-gongshu', org: 'court:hz-gongshu' });
const xihuLawyer = principal('aid-worker');

let stack: Awaited<ReturnType<typeof startTestStack>>;
const post = (as: DevPrincipal, path: string, body: unknown, key = newKey()) =>
  stack.request('POST', path, { as, body, headers: { 'idempotency-key': key } });
const get = (as: DevPrincipal, path: string) => stack.request('GET', path, { as });

beforeAll(async () => {
  stack = await startTestStack('e2e-transfer');
  ok(
    await post(shushanAdmin, '/workers', {
      workerId: 'lawyer-hf-zhou',
      agencyId: SHUSHAN,
      name: '周律师',
      kind: 'lawyer',
      licenceNumber: '13401201510123456',
      relevantPracticeSince: '2015-06-01',
    }),
    201,
  );
  ok(
    await post(xihuAdmin, '/workers', {
      workerId: xihuLawyer.sub,
      agencyId: XIHU,
      name: '王律师',
      kind: 'lawyer',
      licenceNumber: '13301201510123456',
      relevantPracticeSince: '2015-06-01',
      firmId: 'law-firm:hz-xihu-mingli',
    }),
    201,
  );
}, 120_000);
afterAll(async () => stack?.stop());

describe('a case handed from Hangzhou (Xihu) to Hefei (Shushan)', () => {
  it('asked by the holder, read by the receiver while pending, accepted, then acted on and numbered by the receiver only', async () => {
    const { province: _p, ...body } = applicationBody();
    const caseId = ok(await post(xihuReviewer, '/applications', body), 201).body.caseId as string;

    // Before any request the receiver does not see the case.
    expect((await get(shushanReviewer, `/cases/${caseId}`)).status).toBe(403);
    refused(
      await post(xihuReviewer, `/cases/${caseId}/transfers`, {
        transferId: 't-1',
        toAgencyId: 'court:hf-shushan',
        ground: 'person-moved',
        reasons: '迁居',
      }),
      409,
      'NOT_A_LEGAL_AID_AGENCY',
    );
    ok(
      await post(xihuReviewer, `/cases/${caseId}/transfers`, {
        transferId: 't-1',
        toAgencyId: SHUSHAN,
        ground: 'person-moved',
        reasons: '申请人迁居合肥市蜀山区',
      }),
    );

    // Pending: the receiver reads it to decide, but the case is still the sender's to act on.
    const pending = ok(await get(shushanReviewer, `/cases/${caseId}`)).body;
    expect(pending).toMatchObject({ agencyId: XIHU, transfers: [{ transferId: 't-1', toAgencyId: SHUSHAN, outcome: 'pending' }] });
    refused(
      await post(shushanReviewer, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
      403,
      'OUT_OF_SCOPE',
    );
    // The sender cannot answer its own request; a third agency cannot either.
    refused(await post(xihuReviewer, `/cases/${caseId}/transfer-acceptance`, { transferId: 't-1' }), 403, 'OUT_OF_SCOPE');
    const gongshu = principal('agency-reviewer', { sub: 'reviewer-gs', org: 'agency:hz-gongshu' });
    refused(await post(gongshu, `/cases/${caseId}/transfer-acceptance`, { transferId: 't-1' }), 403, 'OUT_OF_SCOPE');

    ok(await post(shushanReviewer, `/cases/${caseId}/transfer-acceptance`, { transferId: 't-1' }));

    // From now on Shushan's staff act; Xihu reads (the history it made) but acts no more.
    const sender = ok(await get(xihuReviewer, `/cases/${caseId}`)).body;
    expect(sender).toMatchObject({ agencyId: SHUSHAN, transfers: [{ fromAgencyId: XIHU, toAgencyId: SHUSHAN, outcome: 'accepted' }] });
    refused(
      await post(xihuReviewer, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
      403,
      'OUT_OF_SCOPE',
    );
    ok(
      await post(shushanReviewer, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
    );
    ok(await post(shushanReviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' }));
    // The deadlines continued from the first receipt (domain/rules/transfer-rules.ts, binding:false).
    const review = (ok(await get(shushanReviewer, `/cases/${caseId}`)).body.deadlines as { kind: string; startedAt: string }[]).find(
      (d) => d.kind === 'review',
    );
    expect(review?.startedAt).toBe(sender.receivedAt);

    // Shushan's own counter numbers the notice; Xihu's lawyer is not Shushan's to assign.
    refused(await post(shushanReviewer, `/cases/${caseId}/assignment`, { workerId: xihuLawyer.sub }), 409, 'WORKER_OF_OTHER_AGENCY');
    const year = chinaYearOf(new Date().toISOString());
    const shushanBefore = (await stack.store.readStream(noticeStream(SHUSHAN, year))).length;
    const xihuBefore = (await stack.store.readStream(noticeStream(XIHU, year))).length;
    const assigned = ok(await post(shushanReviewer, `/cases/${caseId}/assignment`, { workerId: 'lawyer-hf-zhou' })).body;
    expect(assigned.notice).toMatchObject({ agencyId: SHUSHAN, year, number: shushanBefore + 1 });
    expect((await stack.store.readStream(noticeStream(XIHU, year))).length).toBe(xihuBefore);

    // The history shows the hand-over whole, to both agencies.
    for (const reader of [xihuReviewer, shushanReviewer]) {
      const history = ok(await get(reader, `/cases/${caseId}/history`)).body.events as { type: string; who: { organisation: string } }[];
      expect(history.map((e) => e.type)).toEqual([
        'ApplicationReceived',
        'CaseTransferRequested',
        'CaseTransferAccepted',
        'MeansAssessed',
        'AidGranted',
        'AidWorkerAssigned',
      ]);
      expect(history.slice(1, 3).map((e) => e.who.organisation)).toEqual([XIHU, SHUSHAN]);
    }

    // The receiver's list holds the case; the sender's no longer does.
    await stack.settle();
    const listed = (as: DevPrincipal, agencyId: string) =>
      get(as, `/cases?agencyId=${agencyId}&status=in-progress`).then((r) =>
        (ok(r).body.items as { caseId: string }[]).map((c) => c.caseId),
      );
    expect(await listed(shushanReviewer, SHUSHAN)).toContain(caseId);
    expect(await listed(xihuReviewer, XIHU)).not.toContain(caseId);
  });

  it('refused with reasons: the case stays with the sender, and the refusing agency reads it no more', async () => {
    const { province: _p, ...body } = applicationBody();
    const caseId = ok(await post(xihuReviewer, '/applications', body), 201).body.caseId as string;
    ok(
      await post(xihuReviewer, `/cases/${caseId}/transfers`, {
        transferId: 't-2',
        toAgencyId: SHUSHAN,
        ground: 'not-competent',
        reasons: '案件由合肥法院管辖',
      }),
    );
    refused(
      await post(xihuReviewer, `/cases/${caseId}/transfers`, {
        transferId: 't-3',
        toAgencyId: 'agency:hz-gongshu',
        ground: 'not-competent',
        reasons: '再移',
      }),
      409,
      'TRANSFER_PENDING',
    );
    ok(await post(shushanReviewer, `/cases/${caseId}/transfer-refusal`, { transferId: 't-2', reasons: '本中心亦无管辖' }));
    expect(ok(await get(xihuReviewer, `/cases/${caseId}`)).body).toMatchObject({
      agencyId: XIHU,
      transfers: [{ transferId: 't-2', outcome: 'refused' }],
    });
    expect((await get(shushanReviewer, `/cases/${caseId}`)).status).toBe(403);
    ok(
      await post(xihuReviewer, `/cases/${caseId}/means-assessment`, {
        method: 'integrity-pledge',
        result: 'within-standard',
        reference: null,
      }),
    );
  });
});

describe('Art 36: the notifying court is told of the assigned lawyer and acknowledges it', () => {
  it('reads the lawyer, firm and contacts at its workstation, and acknowledges once', async () => {
    const caseId = ok(
      await post(court, '/defence-notifications', {
        agencyId: XIHU,
        authority: { kind: 'court', organisationId: court.org },
        authorityReference: '(2026)浙0106刑初77号',
        ground: 'minor',
        stage: 'trial',
        defendant: { name: '小明', identityNumber: '330106200901011234' },
        charge: '盗窃',
        foundAt: new Date(Date.now() - 3_600_000).toISOString(),
      }),
      201,
    ).body.caseId as string;
    refused(await post(court, `/cases/${caseId}/assigned-lawyer-acknowledgement`, {}), 409, 'NO_AUTHORITY_NOTICE');
    const notice = ok(await post(xihuReviewer, `/cases/${caseId}/assignment`, { workerId: xihuLawyer.sub })).body.notice as {
      number: number;
    };

    const seen = ok(await get(court, `/cases/${caseId}`)).body;
    expect(seen.authorityNotice).toMatchObject({
      authorityId: court.org,
      workerId: xihuLawyer.sub,
      lawyerName: '王律师',
      firmId: 'law-firm:hz-xihu-mingli',
      firmName: expect.stringContaining('明理'),
      acknowledgedAt: null,
    });
    const told = (await stack.store.readStream(`case#${caseId}`)).find((e) => e.type === 'AuthorityToldOfAssignedLawyer');
    expect(told?.data).toMatchObject({ noticeAgencyId: XIHU, noticeNumber: notice.number });

    // Another court neither reads nor acknowledges it.
    expect((await get(otherCourt, `/cases/${caseId}`)).status).toBe(403);
    refused(await post(otherCourt, `/cases/${caseId}/assigned-lawyer-acknowledgement`, {}), 403, 'OUT_OF_SCOPE');

    // The court's inbox of lawyers told and not yet acknowledged holds the case until it acknowledges.
    const inbox = async () => {
      await stack.settle();
      return (
        ok(await get(court, `/cases/by-origin?organisationId=${court.org}&unacknowledged=true&limit=100`)).body.items as {
          caseId: string;
        }[]
      ).map((c) => c.caseId);
    };
    expect(await inbox()).toContain(caseId);
    ok(await post(court, `/cases/${caseId}/assigned-lawyer-acknowledgement`, {}));
    expect(await inbox()).not.toContain(caseId);
    expect((ok(await get(court, `/cases/${caseId}`)).body.authorityNotice as { acknowledgedAt: string | null }).acknowledgedAt).toEqual(
      expect.any(String),
    );
    refused(await post(court, `/cases/${caseId}/assigned-lawyer-acknowledgement`, {}), 409, 'LAWYER_ALREADY_ACKNOWLEDGED');
  });
});

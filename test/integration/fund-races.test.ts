import { beforeAll, describe, expect, it } from 'vitest';
import { createEventStore, type EventStore } from '../../functions/lib/event-store/event-store.ts';
import { testTables } from '../support/dynamo.ts';
import { applicationBody } from '../support/fixtures.ts';
import { inProcessCommands } from '../support/in-process-api.ts';
import { AGENCY, people } from '../support/recorded-history.ts';
import { problemOf } from '../support/problem.ts';

// The write side keeps a fund within its allocation under races: payments decided on the same
// version of the fund stream cannot both be appended; the loser decides again on the fund as it now
// stands and is refused. Not a report of an overdraft after the fact: it never happens.

let store: EventStore;
let call: ReturnType<typeof inProcessCommands>;
const ok = async (as: (typeof people)[keyof typeof people], path: string, body: unknown, status = 200) => {
  const r = await call(as, path, body);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(status);
  return r.body;
};

/** A closed labour mediation (1,500 yuan, Zhejiang 2026), its subsidy approved on the local budget. */
const approvedCase = async () => {
  const { reviewer, lawyerA, finance } = people;
  const caseId = (await ok(reviewer, '/applications', applicationBody(), 201)).caseId as string;
  await ok(reviewer, `/cases/${caseId}/means-assessment`, { method: 'integrity-pledge', result: 'within-standard', reference: null });
  await ok(reviewer, `/cases/${caseId}/grant`, { legalBasis: '《法律援助法》第三十一条' });
  await ok(reviewer, `/cases/${caseId}/assignment`, { workerId: lawyerA.sub });
  await ok(lawyerA, `/cases/${caseId}/closing`, {
    outcome: 'mediation-agreement',
    summary: '结案',
    documents: [{ kind: 'handling-report', title: '结案报告' }],
    economicLossRecoveredFen: 0,
    closedAt: new Date().toISOString(),
  });
  await ok(finance, `/cases/${caseId}/subsidy/approval`, { fund: { year: 2026, source: 'local-budget' } });
  return caseId;
};

beforeAll(async () => {
  const t = await testTables('fund-races');
  store = createEventStore({ client: t.client, tableName: t.eventsTableName });
  call = inProcessCommands({ store, clock: () => new Date() });
  await ok(
    people.admin,
    '/workers',
    {
      workerId: people.lawyerA.sub,
      agencyId: AGENCY,
      name: '王律师',
      kind: 'lawyer',
      licenceNumber: '13301201510123456',
      relevantPracticeSince: '2015-06-01',
    },
    201,
  );
  await ok(people.finance, '/funds/allocations', {
    agencyId: AGENCY,
    year: 2026,
    source: 'local-budget',
    amountFen: 10_000_000,
    reference: '西财〔2026〕1号',
  });
  // Room for two subsidies of 1,500 yuan, not three.
  await ok(people.finance, '/funds/allocations', {
    agencyId: AGENCY,
    year: 2026,
    source: 'provincial-fund',
    amountFen: 300_000,
    reference: '浙财〔2026〕3号',
  });
});

describe('racing payments from one fund', () => {
  it('of three payments that each fit alone, two are made and the third is refused; the fund ends exactly at its allocation', {
    timeout: 60_000,
  }, async () => {
    const cases = [await approvedCase(), await approvedCase(), await approvedCase()];
    const results = await Promise.all(
      cases.map((caseId, i) =>
        call(people.finance, `/cases/${caseId}/subsidy/payment`, {
          fund: { year: 2026, source: 'provincial-fund' },
          reference: `PAY-${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409]);
    expect(problemOf(results.find((r) => r.status === 409)!.body)).toMatchObject({ code: 'FUND_ALLOCATION_EXCEEDED', rule: 'Art 4' });
    const fund = await store.readStream(`fund#${AGENCY}#2026#provincial-fund`);
    const paid = fund.filter((e) => e.type === 'SubsidyPaidFromFund').reduce((n, e) => n + (e.data.amountFen as number), 0);
    expect(paid).toBe(300_000);
    // The refused case's subsidy is still only approved, and its commitment stays on the local budget.
    const refused = cases[results.findIndex((r) => r.status === 409)]!;
    expect((await store.readStream(`subsidy#${refused}`)).map((e) => e.type)).toEqual(['SubsidyApproved']);
    const local = await store.readStream(`fund#${AGENCY}#2026#local-budget`);
    expect(
      local
        .filter((e) => e.type === 'SubsidyCommitmentReleased')
        .map((e) => e.data.caseId)
        .sort(),
    ).toEqual(cases.filter((c) => c !== refused).sort());
  });
});

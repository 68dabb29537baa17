import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialCaseState } from '../../domain/case/state.ts';
import type { CaseState } from '../../domain/case/state.ts';
import { retentionRuleFor } from '../../domain/rules/retention.ts';
import { GENESIS_HASH, type EventEnvelope } from '../../events/envelope.ts';
import { listDueErasures } from '../../functions/lib/privacy/erasure-due.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { createReadModelTable, type ReadModelTable } from '../../functions/lib/read-models/read-model-table.ts';
import { applyToQuality } from '../../functions/projections/quality.ts';
import { testTables } from '../support/dynamo.ts';

// The erasures-due list over the read models: every ended case and every consultation whose rule
// allows erasure now, page by page across kinds, none twice, none already erased, none still running
// or kept permanently. Consultations reach the ledger index through the quality projection itself.

const AGENCY = 'agency:hz-xihu';
const ENDED = '2020-01-10T10:00:00+08:00';
const civilYears = retentionRuleFor('case', []).years!;
const NOW = `${2020 + civilYears}-06-01T00:00:00+08:00`;
const ledgerYears = retentionRuleFor('consultation', []).years!;
/** A consultation given this long before NOW is due; one given a year later is not. */
const CONSULTED_DUE = `${2020 + civilYears - ledgerYears}-05-31T09:00:00+08:00`;
const CONSULTED_RECENTLY = `${2020 + civilYears - ledgerYears + 1}-01-02T09:00:00+08:00`;

const state = (over: Partial<CaseState>): CaseState => ({ ...initialCaseState(), agencyId: AGENCY, category: 'labour', ...over });
const closing = { closedAt: ENDED, outcome: 'mediation-agreement', economicLossRecoveredFen: 0 };

let table: ReadModelTable;
let keys: KeyStore;
const expected: string[] = [];
let erasedId: string;
const expectedConsultations: string[] = [];
let erasedConsultation: string;
/** Cases in the partitions of ended statuses: all read when none is due. */
let endedCases = 0;
const expectedDuty: string[] = [];
let erasedDuty: string;
const dutyYears = retentionRuleFor('duty', []).years!;
const DUTY_CLOSED_RECENTLY = `${2020 + civilYears - dutyYears + 1}-01-02T09:00:00+08:00`;

const envelopeOf = (stream: string, version: number, type: string, at: string, data: Record<string, unknown>): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  stream,
  version,
  occurredAt: at,
  recordedAt: at,
  actor: { id: 'staff:1', role: 'agency-staff', organisation: AGENCY },
  workstation: null,
  correlationId: randomUUID(),
  causationId: null,
  idempotencyKey: null,
  requestHash: null,
  prevHash: GENESIS_HASH,
  hash: GENESIS_HASH,
  data,
});

/** A ledger entry as the quality projection writes it on the consultation's first event. */
const recordConsultation = async (consultedAt: string): Promise<string> => {
  const id = randomUUID();
  const envelope = envelopeOf(`consultation#${id}`, 1, 'ConsultationRecorded', consultedAt, {
    consultationId: id,
    agencyId: AGENCY,
    channel: 'window',
    workstationId: null,
    topic: 'wages unpaid',
    category: null,
    personName: null,
    toldOfRightToApply: true,
    notToldReason: null,
    answer: 'told of the right to apply',
    consultedAt,
  });
  const outcome = await applyToQuality({ store: { readStream: () => Promise.resolve([envelope]) }, readModels: table }, envelope);
  expect(outcome).toBe('applied');
  return id;
};

/**
 * A duty record as the quality projection keeps it: opened, given a consultation, then (if `closedAt`)
 * closed; only the last event is delivered, the rest read back from the stream as after a gap.
 */
const recordDuty = async (openedAt: string, closedAt: string | null): Promise<string> => {
  const id = randomUUID();
  const stream = `duty#${id}`;
  const events = [
    envelopeOf(stream, 1, 'DutyRecordOpened', openedAt, {
      dutyId: id,
      agencyId: AGENCY,
      station: { kind: 'court', organisationId: 'court:xihu' },
      dutyLawyerId: 'worker:1',
      personName: 'Zhang San',
      criminalCaseReference: null,
      openedAt,
    }),
    envelopeOf(stream, 2, 'DutyConsultationGiven', openedAt, { dutyLawyerId: 'worker:1', at: openedAt, summary: 'rights explained' }),
    ...(closedAt ? [envelopeOf(stream, 3, 'DutyRecordClosed', closedAt, { closedAt, referredCaseId: null, summary: 'no referral' })] : []),
  ];
  const store = {
    readStream: (_: string, { from = 1, to = events.length }: { from?: number; to?: number }) =>
      Promise.resolve(events.filter((e) => e.version >= from && e.version <= to)),
  };
  expect(await applyToQuality({ store, readModels: table }, events.at(-1)!)).toBe('applied');
  return id;
};

beforeAll(async () => {
  const t = await testTables('erasure-due');
  table = createReadModelTable({ client: t.client, tableName: t.readModelsTableName });
  keys = createKeyStore({ client: t.client, tableName: t.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 3)) });
  const caseStatus = createCaseStatusTable({ client: t.client, tableName: t.readModelsTableName });
  const put = (s: CaseState) => {
    const caseId = randomUUID();
    if (s.status !== 'in-progress') endedCases++;
    return caseStatus.put({ caseId, version: 3, state: { ...s, caseId }, updatedAt: ENDED }).then(() => caseId);
  };
  // Due: closed and withdrawn civil cases, ended long enough ago.
  for (let i = 0; i < 3; i++) expected.push(await put(state({ status: 'closed', closing })));
  expected.push(
    await put(
      state({
        status: 'withdrawn',
        review: { decision: 'withdrawn', decidedAt: ENDED, firstDecidedAt: ENDED, legalBasis: null, means: 'unsettled', requests: [] },
      }),
    ),
  );
  // Not due: still in progress; a criminal case (longer period); one obtained by deception (kept); one already erased.
  await put(state({ status: 'in-progress' }));
  // Criminal case files (a longer period): more ended cases than one request reads when none is due.
  for (let i = 0; i < 5; i++) await put(state({ status: 'closed', closing, category: 'criminal' }));
  await put(state({ status: 'terminated', termination: { ground: 'deception', legalBasis: 'Art 48', terminatedAt: ENDED } }));
  erasedId = await put(state({ status: 'closed', closing }));
  await keys.destroy(`case#${erasedId}`, { eventId: randomUUID(), reason: 'erased before' });
  // Consultations: two due, one given too recently, one due but already erased.
  for (let i = 0; i < 2; i++) expectedConsultations.push(await recordConsultation(CONSULTED_DUE));
  await recordConsultation(CONSULTED_RECENTLY);
  erasedConsultation = await recordConsultation(CONSULTED_DUE);
  await keys.destroy(`consultation#${erasedConsultation}`, { eventId: randomUUID(), reason: 'erased before' });
  // Duty records: one due, one still open, one closed too recently, one due but already erased.
  expectedDuty.push(await recordDuty(ENDED, ENDED));
  await recordDuty(ENDED, null);
  await recordDuty(ENDED, DUTY_CLOSED_RECENTLY);
  erasedDuty = await recordDuty(ENDED, ENDED);
  await keys.destroy(`duty#${erasedDuty}`, { eventId: randomUUID(), reason: 'erased before' });
});

describe('the erasures-due list', () => {
  const allPages = async (limit: number) => {
    const seen: { recordKind: string; recordId: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (; pages < 40; pages++) {
      const page = await listDueErasures({ table, keys }, { agencyId: AGENCY, now: NOW, cursor, limit });
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...page.items);
      for (const d of page.items)
        if (d.recordKind === 'case')
          expect(d).toMatchObject({ ruleId: 'case-file', endedOn: '2020-01-10', endsOn: `${2020 + civilYears}-01-10` });
        else if (d.recordKind === 'duty')
          expect(d).toMatchObject({ ruleId: 'duty-record', years: dutyYears, endedOn: '2020-01-10', endsOn: `${2020 + dutyYears}-01-10` });
        else
          expect(d).toMatchObject({
            recordKind: 'consultation',
            ruleId: 'consultation-ledger',
            years: ledgerYears,
            endedOn: CONSULTED_DUE.slice(0, 10),
            endsOn: `${2020 + civilYears}-05-31`,
          });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return { seen, pages };
  };

  it('pages through exactly the due cases, consultations and duty records, one at a time, across kinds', async () => {
    const { seen } = await allPages(1);
    const ids = (kind: string) => seen.filter((d) => d.recordKind === kind).map((d) => d.recordId);
    expect(ids('case').sort()).toEqual([...expected].sort());
    expect(ids('consultation').sort()).toEqual([...expectedConsultations].sort());
    expect(ids('duty')).toEqual(expectedDuty);
    expect(seen).toHaveLength(expected.length + expectedConsultations.length + expectedDuty.length);
    expect(ids('case')).not.toContain(erasedId);
    expect(ids('consultation')).not.toContain(erasedConsultation);
    expect(ids('duty')).not.toContain(erasedDuty);
  });

  it('gives the same records in one page as page by page', async () => {
    const { seen, pages } = await allPages(50);
    expect(pages).toBe(0);
    expect(seen.map((d) => d.recordId).sort()).toEqual([...expected, ...expectedConsultations, ...expectedDuty].sort());
  });

  it('reads at most ten times the page size per request, goes on where it stopped, and stops a time-ordered kind at its first record not due', async () => {
    let read = 0;
    let total = 0;
    const counting: ReadModelTable = {
      ...table,
      queryIndex: async (args) => {
        const page = await table.queryIndex(args);
        read += page.items.length;
        total += page.items.length;
        return page;
      },
    };
    // Nothing is due before the first case's period ends: a request reads its budget and hands on a cursor.
    expect(endedCases).toBeGreaterThan(10);
    const early = '2025-01-01T00:00:00+08:00';
    let cursor: string | undefined;
    let requests = 0;
    do {
      read = 0;
      const page = await listDueErasures({ table: counting, keys }, { agencyId: AGENCY, now: early, cursor, limit: 1 });
      expect(page.items).toEqual([]);
      expect(read).toBeLessThanOrEqual(10);
      requests++;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && requests < 20);
    expect(cursor).toBeUndefined();
    expect(requests).toBeGreaterThan(1);
    // Cases are by receipt: every one is read. Consultations and duty records are by their end, under
    // one rule each: the first not due ends each kind's reading.
    expect(total).toBe(endedCases + 2);
  });

  it('lists nothing before the period ends, and refuses a cursor of another agency', async () => {
    expect((await listDueErasures({ table, keys }, { agencyId: AGENCY, now: '2021-01-01T00:00:00+08:00' })).items).toEqual([]);
    const first = await listDueErasures({ table, keys }, { agencyId: AGENCY, now: NOW, limit: 1 });
    await expect(
      listDueErasures({ table, keys }, { agencyId: 'agency:hz-gongshu', now: NOW, cursor: first.nextCursor! }),
    ).rejects.toMatchObject({
      status: 400,
      field: 'cursor',
    });
  });
});

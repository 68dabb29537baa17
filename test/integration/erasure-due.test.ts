import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialCaseState } from '../../domain/case/state.ts';
import type { CaseState } from '../../domain/case/state.ts';
import { retentionRuleFor } from '../../domain/rules/retention.ts';
import { listDueErasures } from '../../functions/lib/privacy/erasure-due.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { localKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { createCaseStatusTable } from '../../functions/lib/read-models/case-status-table.ts';
import { createReadModelTable, type ReadModelTable } from '../../functions/lib/read-models/read-model-table.ts';
import { testTables } from '../support/dynamo.ts';

// The erasures-due list over the case-status read model: every ended case whose rule allows erasure
// now, page by page, none twice, none already erased, none still running or kept permanently.

const AGENCY = 'agency:hz-xihu';
const ENDED = '2020-01-10T10:00:00+08:00';
const civilYears = retentionRuleFor('case', []).years!;
const NOW = `${2020 + civilYears}-06-01T00:00:00+08:00`;

const state = (over: Partial<CaseState>): CaseState => ({ ...initialCaseState(), agencyId: AGENCY, category: 'labour', ...over });
const closing = { closedAt: ENDED, outcome: 'mediation-agreement', economicLossRecoveredFen: 0 };

let table: ReadModelTable;
let keys: KeyStore;
const expected: string[] = [];
let erasedId: string;

beforeAll(async () => {
  const t = await testTables('erasure-due');
  table = createReadModelTable({ client: t.client, tableName: t.readModelsTableName });
  keys = createKeyStore({ client: t.client, tableName: t.keysTableName, wrapper: localKeyWrapper(Buffer.alloc(32, 3)) });
  const caseStatus = createCaseStatusTable({ client: t.client, tableName: t.readModelsTableName });
  const put = (s: CaseState) => {
    const caseId = randomUUID();
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
  await put(state({ status: 'closed', closing, category: 'criminal' }));
  await put(state({ status: 'terminated', termination: { ground: 'deception', legalBasis: 'Art 48', terminatedAt: ENDED } }));
  erasedId = await put(state({ status: 'closed', closing }));
  await keys.destroy(`case#${erasedId}`, { eventId: randomUUID(), reason: 'erased before' });
});

describe('the erasures-due list', () => {
  it('pages through exactly the due cases, one at a time', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await listDueErasures({ table, keys }, { agencyId: AGENCY, now: NOW, cursor, limit: 1 });
      seen.push(...page.items.map((d) => d.recordId));
      for (const d of page.items)
        expect(d).toMatchObject({ recordKind: 'case', endedOn: '2020-01-10', endsOn: `${2020 + civilYears}-01-10` });
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual([...expected].sort());
    expect(seen).not.toContain(erasedId);
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

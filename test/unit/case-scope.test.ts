import { describe, expect, it } from 'vitest';
import { initialCaseState, type CaseState } from '../../domain/case/state.ts';
import type { Admitted } from '../../functions/lib/auth/admitted.ts';
import { caseScopeRefusal } from '../../functions/lib/auth/case-scope.ts';
import type { ScopedCaller } from '../../functions/lib/auth/organisation-scope.ts';
import {
  assertConsultationInScope,
  assertConsultationReadable,
  assertDutyRecordInScope,
  assertDutyRecordReadable,
  assertWorkerRecordInScope,
  assertWorkerRecordReadable,
} from '../../functions/lib/auth/record-scope.ts';
import { assertFirm } from '../../functions/lib/auth/registered-firm.ts';
import { seededRegistry } from './domain/organisation-fixtures.ts';

// The scopes of single records, on the seed's registry (no store): who sees which case, and which
// consultation, duty record and aid worker's record, by organisation kind and place in the tree.
// Expectations are written as data from the rules in docs/organisations.md, not computed.

const registry = seededRegistry();
const TODAY = '2026-03-01';

const caller = (role: string, organisation: string, over: Partial<ScopedCaller> = {}, today = TODAY): ScopedCaller => {
  const kind = registry.get(organisation)?.kind;
  if (!kind) throw new Error(`the seed holds no ${organisation}`);
  return { id: `${role}-1`, role, organisation, workstation: null, registry, today, kind, ...over };
};

const notified = (agencyId: string, authority: string, assignedTo: string | null = null): CaseState => ({
  ...initialCaseState(),
  status: 'under-review',
  agencyId,
  origin: { kind: 'notification', authority: { kind: 'court', organisationId: authority } } as CaseState['origin'],
  assignment: assignedTo
    ? { workerId: assignedTo, workerKind: 'lawyer', noticeYear: 2026, noticeNumber: 1, assignedAt: '2026-02-01T09:00:00+08:00' }
    : null,
});
const forwarded = (agencyId: string, forwarder: string, kind = 'detention-centre'): CaseState => ({
  ...initialCaseState(),
  status: 'under-review',
  agencyId,
  origin: { kind: 'forwarded-application', forwarder: { kind, organisationId: forwarder } } as CaseState['origin'],
});

const cases = {
  /** Xihu, notified by the Xihu court, assigned to lawyer Wang. */
  xihu: notified('agency:hz-xihu', 'court:hz-xihu', 'lawyer-wang'),
  /** Xihu, forwarded by Hangzhou's detention centre. */
  xihuForwarded: forwarded('agency:hz-xihu', 'detention-centre:hz-1'),
  /** Gongshu, a sibling district of Xihu in Hangzhou. */
  gongshu: notified('agency:hz-gongshu', 'court:hz'),
  /** Jianggan, received before its agency merged into Shangcheng's (2021-04-09). */
  jianggan: notified('agency:hz-jianggan', 'court:hz'),
  /** Haishu, in Ningbo: another city of Zhejiang. */
  haishu: notified('agency:nb-haishu', 'court:nb-yinzhou'),
  /** Shushan, in Hefei: another province. */
  shushan: forwarded('agency:hf-shushan', 'detention-centre:hf-1'),
  /** Applications a duty lawyer of the Xihu agency forwarded. */
  dutyForwarded: forwarded('agency:hz-xihu', 'agency:hz-xihu', 'duty-lawyer'),
};
type CaseName = keyof typeof cases;

const rows: [string, ScopedCaller, CaseName[]][] = [
  ['reviewer of Xihu', caller('agency-reviewer', 'agency:hz-xihu'), ['xihu', 'xihuForwarded', 'dutyForwarded']],
  ['supervisor of Xihu', caller('supervisor', 'agency:hz-xihu'), ['xihu', 'xihuForwarded', 'dutyForwarded']],
  ['finance of Xihu', caller('finance', 'agency:hz-xihu'), ['xihu', 'xihuForwarded', 'dutyForwarded']],
  ['administrator of Xihu agency', caller('administrator', 'agency:hz-xihu'), ['xihu', 'xihuForwarded', 'dutyForwarded']],
  ['reviewer of Shangcheng (absorbed Jianggan)', caller('agency-reviewer', 'agency:hz-shangcheng'), ['jianggan']],
  ['reviewer of Haishu', caller('agency-reviewer', 'agency:nb-haishu'), ['haishu']],
  ['administrator of the Xihu bureau', caller('administrator', 'justice-bureau:hz-xihu'), ['xihu', 'xihuForwarded', 'dutyForwarded']],
  ['auditor of the Xihu bureau', caller('auditor', 'justice-bureau:hz-xihu'), ['xihu', 'xihuForwarded', 'dutyForwarded']],
  ['administrator of the Shangcheng bureau', caller('administrator', 'justice-bureau:hz-shangcheng'), ['jianggan']],
  ['auditor of Hangzhou', caller('auditor', 'justice-bureau:hz'), ['xihu', 'xihuForwarded', 'gongshu', 'jianggan', 'dutyForwarded']],
  [
    'administrator of the Zhejiang department',
    caller('administrator', 'justice-department:zj'),
    ['xihu', 'xihuForwarded', 'gongshu', 'jianggan', 'haishu', 'dutyForwarded'],
  ],
  [
    'auditor of the Zhejiang department',
    caller('auditor', 'justice-department:zj'),
    ['xihu', 'xihuForwarded', 'gongshu', 'jianggan', 'haishu', 'dutyForwarded'],
  ],
  ['auditor of Ningbo', caller('auditor', 'justice-bureau:nb'), ['haishu']],
  ['auditor of Hefei', caller('auditor', 'justice-bureau:hf'), ['shushan']],
  ['auditor of the Anhui department', caller('auditor', 'justice-department:ah'), ['shushan']],
  ['the Xihu court', caller('court', 'court:hz-xihu'), ['xihu']],
  ['the Hangzhou court', caller('court', 'court:hz'), ['gongshu', 'jianggan']],
  ['the Xihu procuratorate', caller('procuratorate', 'procuratorate:hz-xihu'), []],
  ['the Xihu police', caller('police', 'police:hz-xihu'), []],
  ["Hangzhou's detention centre", caller('detention-centre', 'detention-centre:hz-1'), ['xihuForwarded']],
  ["Hefei's detention centre", caller('detention-centre', 'detention-centre:hf-1'), ['shushan']],
  ['a duty lawyer of Xihu', caller('duty-lawyer', 'agency:hz-xihu'), ['dutyForwarded']],
  ['a duty lawyer of a firm', caller('duty-lawyer', 'law-firm:hz-xihu-mingli'), []],
  ['lawyer Wang at the Xihu agency', caller('aid-worker', 'agency:hz-xihu', { id: 'lawyer-wang' }), ['xihu']],
  ['lawyer Wang with a token of the Haishu agency', caller('aid-worker', 'agency:nb-haishu', { id: 'lawyer-wang' }), []],
  [
    'lawyer Wang at the firm he is registered with',
    caller('aid-worker', 'law-firm:hz-xihu-mingli', { id: 'lawyer-wang', registeredFirm: 'law-firm:hz-xihu-mingli' }),
    ['xihu'],
  ],
  [
    'lawyer Wang with a token of another firm',
    caller('aid-worker', 'law-firm:nb-yinzhou-zhengxin', { id: 'lawyer-wang', registeredFirm: 'law-firm:hz-xihu-mingli' }),
    [],
  ],
  [
    'lawyer Wang at a firm, his registry record naming none',
    caller('aid-worker', 'law-firm:hz-xihu-mingli', { id: 'lawyer-wang', registeredFirm: null }),
    [],
  ],
  ['lawyer Li at the Xihu agency', caller('aid-worker', 'agency:hz-xihu', { id: 'lawyer-li' }), []],
];

describe('case scope from the registry', () => {
  it.each(rows)('%s sees exactly its cases', (_name, p, sees) => {
    const seen = (Object.keys(cases) as CaseName[]).filter((c) => caseScopeRefusal(p, cases[c]) === null);
    expect(seen.sort()).toEqual([...sees].sort());
  });

  it('every refusal names the organisation asking, as a reason of some length', () => {
    for (const [name, p] of rows)
      for (const c of Object.keys(cases) as CaseName[]) {
        const reason = caseScopeRefusal(p, cases[c]);
        if (reason !== null) expect(reason, `${name} on ${c}`).toMatch(/\S{3,}.{10,}/);
        if (reason !== null && p.role !== 'aid-worker') expect(reason, `${name} on ${c}`).toContain(p.organisation.split(':')[0]);
      }
  });

  it('a merger moves the absorbed agency’s cases to the successor on its day, not before', () => {
    const before = '2021-04-08';
    expect(caseScopeRefusal(caller('agency-reviewer', 'agency:hz-jianggan', {}, before), cases.jianggan)).toBeNull();
    expect(caseScopeRefusal(caller('agency-reviewer', 'agency:hz-shangcheng', {}, before), cases.jianggan)).not.toBeNull();
    expect(caseScopeRefusal(caller('administrator', 'justice-bureau:hz-shangcheng', {}, before), cases.jianggan)).not.toBeNull();
    expect(caseScopeRefusal(caller('administrator', 'justice-bureau:hz-jianggan', {}, before), cases.jianggan)).toBeNull();
  });

  it('a merged court’s cases are its successor’s from the merger on', () => {
    const merged = seededRegistry([
      {
        organisationId: 'court:hz-xihu-old',
        command: {
          type: 'RegisterOrganisation',
          data: {
            organisationId: 'court:hz-xihu-old',
            kind: 'court',
            name: '西湖区旧法院',
            parentId: 'justice-bureau:hz-xihu',
            divisionCode: '330106',
            validFrom: '2000-01-01',
            contacts: [],
          },
        },
      },
      {
        organisationId: 'court:hz-xihu-old',
        command: { type: 'MergeOrganisation', data: { successorId: 'court:hz-xihu', effectiveFrom: '2025-01-01' } },
      },
    ]);
    const court = (org: string, today: string) => ({ ...caller('court', 'court:hz-xihu'), organisation: org, registry: merged, today });
    const old = notified('agency:hz-xihu', 'court:hz-xihu-old');
    expect(caseScopeRefusal(court('court:hz-xihu', '2026-03-01'), old)).toBeNull();
    expect(caseScopeRefusal(court('court:hz-xihu', '2024-12-31'), old)).not.toBeNull();
    expect(caseScopeRefusal(court('court:hz-xihu-old', '2024-12-31'), old)).toBeNull();
  });

  it('a case naming no agency is nobody’s, not even a department’s', () => {
    for (const [name, p] of rows) expect(caseScopeRefusal(p, initialCaseState()), name).not.toBeNull();
  });
});

describe('records beside cases, from the registry', () => {
  const xihuConsultation = { agencyId: 'agency:hz-xihu' };
  const dutyRecord = { dutyLawyerId: 'duty-lawyer-li', agencyId: 'agency:hz-xihu' };
  const worker = { agencyId: 'agency:hz-xihu', firmId: 'law-firm:hz-xihu-mingli' };
  const allowed = (f: () => void) => {
    try {
      f();
      return true;
    } catch (error) {
      expect(error).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
      return false;
    }
  };
  const readers: [string, Admitted, { consultation: boolean; duty: boolean; worker: boolean }][] = [
    ['reviewer of Xihu', caller('agency-reviewer', 'agency:hz-xihu'), { consultation: true, duty: true, worker: true }],
    ['reviewer of Gongshu', caller('agency-reviewer', 'agency:hz-gongshu'), { consultation: false, duty: false, worker: false }],
    [
      'administrator of the Xihu bureau',
      caller('administrator', 'justice-bureau:hz-xihu'),
      { consultation: true, duty: true, worker: true },
    ],
    ['auditor of Hangzhou', caller('auditor', 'justice-bureau:hz'), { consultation: true, duty: true, worker: true }],
    ['auditor of Ningbo', caller('auditor', 'justice-bureau:nb'), { consultation: false, duty: false, worker: false }],
    ['auditor of Hefei', caller('auditor', 'justice-bureau:hf'), { consultation: false, duty: false, worker: false }],
    [
      'duty lawyer Li of Xihu',
      caller('duty-lawyer', 'agency:hz-xihu', { id: 'duty-lawyer-li' }),
      { consultation: true, duty: true, worker: false },
    ],
    [
      'duty lawyer Zhang of Xihu',
      caller('duty-lawyer', 'agency:hz-xihu', { id: 'duty-lawyer-zhang' }),
      { consultation: true, duty: false, worker: false },
    ],
    [
      'duty lawyer Li with a firm token',
      caller('duty-lawyer', 'law-firm:hz-xihu-mingli', { id: 'duty-lawyer-li' }),
      { consultation: false, duty: false, worker: false },
    ],
    ['the Xihu court', caller('court', 'court:hz-xihu'), { consultation: false, duty: false, worker: false }],
  ];

  it.each(readers)('%s reads the consultation, duty record and aid worker it should', (_name, p, expected) => {
    expect({
      consultation: allowed(() => assertConsultationReadable(p, xihuConsultation)),
      duty: allowed(() => assertDutyRecordReadable(p, dutyRecord)),
      worker: allowed(() => assertWorkerRecordReadable(p, 'lawyer-wang', worker)),
    }).toEqual(expected);
  });

  it('an aid worker reads their own record with a token of its agency or firm, and no other', () => {
    const as = (org: string, id = 'lawyer-wang') => caller('aid-worker', org, { id });
    expect(allowed(() => assertWorkerRecordReadable(as('agency:hz-xihu'), 'lawyer-wang', worker))).toBe(true);
    expect(allowed(() => assertWorkerRecordReadable(as('law-firm:hz-xihu-mingli'), 'lawyer-wang', worker))).toBe(true);
    expect(allowed(() => assertWorkerRecordReadable(as('law-firm:nb-yinzhou-zhengxin'), 'lawyer-wang', worker))).toBe(false);
    expect(allowed(() => assertWorkerRecordReadable(as('agency:nb-haishu'), 'lawyer-wang', worker))).toBe(false);
    expect(allowed(() => assertWorkerRecordReadable(as('agency:hz-xihu', 'lawyer-li'), 'lawyer-wang', worker))).toBe(false);
  });

  it('acting on a record is for those who keep it, never for the bureau over them', () => {
    const bureau = caller('administrator', 'justice-bureau:hz-xihu');
    const admin = caller('administrator', 'agency:hz-xihu');
    expect(allowed(() => assertConsultationInScope(bureau, xihuConsultation))).toBe(false);
    expect(allowed(() => assertConsultationInScope(admin, xihuConsultation))).toBe(true);
    expect(allowed(() => assertWorkerRecordInScope(bureau, worker))).toBe(false);
    expect(allowed(() => assertWorkerRecordInScope(admin, worker))).toBe(true);
    expect(
      allowed(() => assertWorkerRecordInScope(caller('administrator', 'agency:hz-shangcheng'), { agencyId: 'agency:hz-jianggan' })),
    ).toBe(true);
    expect(allowed(() => assertDutyRecordInScope(caller('duty-lawyer', 'agency:hz-xihu', { id: 'duty-lawyer-li' }), dutyRecord))).toBe(
      true,
    );
    expect(allowed(() => assertDutyRecordInScope(caller('duty-lawyer', 'agency:hz-gongshu', { id: 'duty-lawyer-li' }), dutyRecord))).toBe(
      false,
    );
  });
});

describe('the firm a worker is registered with', () => {
  const admin = caller('administrator', 'agency:hz-xihu');
  it('is a law firm or legal-service office open in the registry, or none', () => {
    expect(() => assertFirm(admin, undefined)).not.toThrow();
    expect(() => assertFirm(admin, null)).not.toThrow();
    expect(() => assertFirm(admin, 'law-firm:hz-xihu-mingli')).not.toThrow();
    expect(() => assertFirm(admin, 'legal-service-office:hz-xihu-lingyin')).not.toThrow();
    for (const wrong of ['law-firm:nowhere', 'court:hz-xihu', 'agency:hz-gongshu', 42])
      expect(() => assertFirm(admin, wrong), String(wrong)).toThrow(expect.objectContaining({ status: 400, field: 'firmId' }));
  });
});

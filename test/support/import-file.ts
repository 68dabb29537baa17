// A small import file of an older system's 2018 records (docs/import.md), for the import tests: two
// lawyers, a fund, cases with their whole lifecycle (legacy notice numbers, one numbered live, a
// subsidy paid), consultations, and on request a case the law of the time forbids.

import { applicationBody } from './fixtures.ts';

export const AGENCY = 'agency:hz-xihu';
const reviewer = { role: 'agency-reviewer', id: 'legacy:zhang-wei', organisation: AGENCY };
const admin = { role: 'administrator', id: 'legacy:admin-li', organisation: AGENCY };
const finance = { role: 'finance', id: 'legacy:finance-sun', organisation: AGENCY };
const lawyer = (ref: string) => ({ role: 'aid-worker', id: `@record:${ref}`, organisation: AGENCY });

export type Line = Record<string, unknown> & { record: string; command: string; occurredAt: string };

/** 2018-<month>-<day> at <hour>:00 China time. */
const t = (month: number, day: number, hour = 10) =>
  `2018-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

const workers = (): Line[] =>
  (['W-1', 'W-2'] as const).map((ref, i) => ({
    record: ref,
    command: 'RegisterAidWorker',
    occurredAt: t(1, 2 + i),
    actor: admin,
    data: {
      agencyId: AGENCY,
      name: i ? '陈律师' : '王律师',
      kind: 'lawyer',
      licenceNumber: `1330120101${i}123456`,
      relevantPracticeSince: '2010-06-01',
    },
  }));

const fund = (): Line => ({
  record: 'F-2018',
  command: 'AllocateFund',
  occurredAt: t(1, 5),
  actor: finance,
  data: { agencyId: AGENCY, year: 2018, source: 'local-budget', amountFen: 5_000_000, reference: '西财〔2018〕1号' },
});

/** A labour case received in `month`, granted, assigned (under `notice`, printed, or none: the counter's next), met, closed; paid if `paid`. */
export const caseLines = (
  ref: string,
  month: number,
  { worker = 'W-1', notice, paid = false }: { worker?: string; notice?: string; paid?: boolean } = {},
): Line[] => [
  {
    record: ref,
    command: 'ReceiveApplication',
    occurredAt: t(month, 3, 9),
    actor: reviewer,
    data: applicationBody({ agencyId: AGENCY }),
  },
  {
    record: ref,
    command: 'AssessMeans',
    occurredAt: t(month, 4),
    actor: reviewer,
    data: { method: 'integrity-pledge', result: 'within-standard', reference: null },
  },
  { record: ref, command: 'GrantAid', occurredAt: t(month, 5), actor: reviewer, data: { legalBasis: '《法律援助条例》第十条' } },
  {
    record: ref,
    command: 'AssignAidWorker',
    occurredAt: t(month, 6),
    actor: reviewer,
    data: { workerId: `@record:${worker}` },
    ...(notice ? { noticeNumber: notice } : {}),
  },
  {
    record: ref,
    command: 'RecordClientMeeting',
    occurredAt: t(month, 8),
    actor: lawyer(worker),
    data: { at: t(month, 8), place: '律师事务所', summary: '了解案情' },
  },
  {
    record: ref,
    command: 'CloseCase',
    occurredAt: t(month, 20),
    actor: lawyer(worker),
    data: {
      outcome: 'mediation-agreement',
      summary: '结案',
      documents: [{ kind: 'handling-report', title: '结案报告' }],
      economicLossRecoveredFen: 1_200_000,
      closedAt: t(month, 20),
    },
  },
  ...(paid
    ? [
        {
          record: ref,
          command: 'ApproveSubsidy',
          occurredAt: t(month, 25),
          actor: finance,
          data: { fund: { year: 2018, source: 'local-budget' } },
        },
        {
          record: ref,
          command: 'PaySubsidy',
          occurredAt: t(month, 28),
          actor: finance,
          data: { fund: { year: 2018, source: 'local-budget' }, reference: `PAY-2018-${ref}` },
        },
      ]
    : []),
];

export const consultationLine = (ref: string, month: number, day: number): Line => ({
  record: ref,
  command: 'RecordConsultation',
  occurredAt: t(month, day, 14),
  actor: reviewer,
  data: {
    agencyId: AGENCY,
    channel: 'window',
    workstationId: null,
    topic: '劳动争议',
    category: 'labour',
    personName: '赵六',
    toldOfRightToApply: true,
    notToldReason: null,
    answer: '可以申请法律援助',
  },
});

/**
 * A case the law forbids as its lines stand: assigned before any grant (NOTHING_TO_ASSIGN); its
 * later lines (a meeting, a closing) are then skipped.
 */
export const forbiddenCaseLines = (ref: string, month: number): Line[] =>
  caseLines(ref, month).filter((l) => l.command !== 'GrantAid' && l.command !== 'AssessMeans');

/** The small file: workers, a fund, four cases (two legacy notices, one numbered live, one paid), two consultations, in time order per record. */
export const smallImport = ({ forbidden = false } = {}): Line[] => [
  ...workers(),
  fund(),
  ...caseLines('C2018-0001', 3, { notice: '(2018)杭西援指字第0031号', paid: true }),
  ...caseLines('C2018-0002', 4, { worker: 'W-2', notice: '(2018)杭西援指字第0032号' }),
  ...caseLines('C2018-0003', 5),
  ...(forbidden ? forbiddenCaseLines('C2018-0004', 6) : []),
  ...caseLines('C2018-0005', 7, { worker: 'W-2' }),
  consultationLine('Z2018-0001', 3, 1),
  consultationLine('Z2018-0002', 9, 12),
];

/** The lines of a file, numbered from 1 as a file's lines are. */
export const numbered = (lines: readonly Line[]) => lines.map((value, i) => ({ line: i + 1, value }));

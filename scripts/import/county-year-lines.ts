import type { Random } from './seeded-random.ts';
import { HOUR, type CasePlan, type ConsultationPlan, type YearPlan } from './county-year-plan.ts';

// The import lines (the JSON-lines contract of `npm run import`, docs/import.md) of a planned year,
// in the order things happened. Personal data is fictitious: names from a short list, identity
// numbers of the right shape that belong to no one.

export type Actor = { role: string; id: string; organisation: string };
export type ImportLine = {
  record: string;
  command: string;
  occurredAt: string;
  actor: Actor;
  data: Record<string, unknown>;
  noticeNumber?: string;
};

/** Where the agency sits: the registry ids of the bodies its cases come from (the seed's Xihu by default). */
export type AgencyPlaces = {
  agencyId: string;
  divisionCode: string;
  court: string;
  procuratorate: string;
  police: string;
  detentionCentre: string;
  lawFirm: string;
  workstation: string;
};

export const xihuPlaces: AgencyPlaces = {
  agencyId: 'agency:hz-xihu',
  divisionCode: '330106',
  court: 'court:hz-xihu',
  procuratorate: 'procuratorate:hz-xihu',
  police: 'police:hz-xihu',
  detentionCentre: 'detention-centre:hz-1',
  lawFirm: 'law-firm:hz-xihu-mingli',
  workstation: 'workstation:hz-xihu-lingyin',
};

/** An instant as China local time with its offset, as an old system would have printed it. */
export const chinaTime = (ms: number) => `${new Date(ms + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
const chinaDay = (ms: number) => chinaTime(ms).slice(0, 10);

const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '霞'];
const matters: Record<string, string> = {
  civil: '民间借贷纠纷',
  labour: '拖欠工资',
  criminal: '故意伤害案被害人代理',
  administrative: '工伤认定行政诉讼',
  'state-compensation': '国家赔偿申请',
  'non-litigation': '赡养协议',
};

const personOf = (r: Random, divisionCode: string, groups: readonly string[]) => ({
  name: `${r.pick(surnames)}${r.pick(givenNames)}${r.chance(0.5) ? r.pick(givenNames) : ''}`,
  identityNumber: `${divisionCode}${r.int(1950, 1999)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${String(r.int(0, 9999)).padStart(4, '0')}`,
  phone: `13${r.int(100_000_000, 999_999_999)}`,
  priorityGroups: [...groups],
});

const ref = (record: string) => `@record:${record}`;

const caseLines = (r: Random, c: CasePlan, p: AgencyPlaces, fundYear: number): ImportLine[] => {
  const reviewer: Actor = { role: 'agency-reviewer', id: `legacy:reviewer-${r.int(1, 3)}`, organisation: p.agencyId };
  const finance: Actor = { role: 'finance', id: 'legacy:finance-1', organisation: p.agencyId };
  const lines: ImportLine[] = [];
  const line = (command: string, at: number, actor: Actor, data: Record<string, unknown>, extra: Partial<ImportLine> = {}) =>
    lines.push({ record: c.ref, command, occurredAt: chinaTime(at), actor, data, ...extra });
  const o = c.origin;
  const person = personOf(r, p.divisionCode, c.priorityGroups);
  if (o.kind === 'application') {
    line('ReceiveApplication', c.receivedAt, reviewer, {
      agencyId: p.agencyId,
      channel: o.via,
      applicantRole: 'self',
      applicant: person,
      category: c.category,
      formOfAid: c.formOfAid,
      matter: matters[c.category]!,
    });
  } else if (o.kind === 'forwarded-application') {
    const [role, organisation] =
      o.via === 'detention-centre'
        ? ['detention-centre', p.detentionCentre]
        : o.via === 'handling-authority'
          ? ['police', p.police]
          : ['duty-lawyer', p.lawFirm];
    line(
      'ReceiveForwardedApplication',
      c.receivedAt,
      { role, id: `legacy:${role}-1`, organisation },
      {
        agencyId: p.agencyId,
        applicantRole: 'self',
        applicant: person,
        category: c.category,
        formOfAid: c.formOfAid,
        matter: '涉嫌盗窃，申请法律援助',
        forwarder: { kind: o.via, organisationId: organisation },
        receivedByForwarderAt: chinaTime(o.receivedByForwarderAt),
        forwardedAt: chinaTime(o.forwardedAt),
      },
    );
  } else {
    const organisation = p[o.via];
    line(
      'ReceiveDefenceNotification',
      c.receivedAt,
      { role: o.via, id: `legacy:${o.via}-clerk`, organisation },
      {
        agencyId: p.agencyId,
        authority: { kind: o.via, organisationId: organisation },
        authorityReference: `(${chinaDay(c.receivedAt).slice(0, 4)})浙0106刑初${r.int(1, 999)}号`,
        ground: c.priorityGroups.includes('disabled') ? 'blind-deaf-or-mute' : 'cannot-fully-understand-own-conduct',
        stage: c.stage,
        defendant: person,
        charge: '盗窃',
        foundAt: chinaTime(o.foundAt),
      },
    );
  }
  if (c.materials) {
    line('RequestMaterials', c.materials.requestedAt, reviewer, { items: ['收入证明'] });
    line('SupplyMaterials', c.materials.suppliedAt, reviewer, { items: ['收入证明'], suppliedAt: chinaTime(c.materials.suppliedAt) });
  }
  if (c.review?.decidedAt) {
    const at = c.review.decidedAt;
    const granted = c.review.decision === 'granted';
    line('AssessMeans', at - HOUR / 2, reviewer, {
      method: 'integrity-pledge',
      result: granted ? 'within-standard' : 'above-standard',
      reference: null,
    });
    if (granted) line('GrantAid', at, reviewer, { legalBasis: '《法律援助条例》第十八条' });
    else line('RefuseAid', at, reviewer, { legalBasis: '《法律援助条例》第十八条', reasons: '家庭经济状况超过标准' });
  }
  const a = c.assignment;
  if (a) {
    line('AssignAidWorker', a.at, reviewer, { workerId: ref(a.workerRef) }, { noticeNumber: a.noticeNumber });
    const lawyer: Actor = { role: 'aid-worker', id: ref(a.workerRef), organisation: p.agencyId };
    for (const h of c.handling) {
      const at = chinaTime(h.at);
      const data =
        h.command === 'RecordClientMeeting'
          ? { at, summary: '会见受援人', place: '法律援助中心' }
          : h.command === 'RecordFileReading'
            ? { at, summary: '阅卷', authorityId: p.court }
            : h.command === 'RecordHearingAttendance'
              ? { at, summary: '出庭', courtId: p.court }
              : { at, summary: '告知办案进展', method: 'phone' };
      line(h.command, h.at, lawyer, data);
    }
    if (c.closing) {
      line('CloseCase', c.closing.at, lawyer, {
        outcome: c.closing.outcome,
        summary: '结案',
        documents: [{ kind: 'handling-report', title: '结案报告' }],
        economicLossRecoveredFen: c.closing.lossRecoveredFen,
        closedAt: chinaTime(c.closing.at),
      });
    }
  }
  if (c.subsidy) {
    // Paid from the fund of the year the case was received, also when the payment falls in the next.
    const fund = { year: fundYear, source: 'local-budget' };
    // The old system's approved amount, not the table's: an approval below the assessment, with its reason.
    line('ApproveSubsidy', c.subsidy.approvedAt, finance, { fund, approvedFen: c.subsidy.fen, note: '按原系统核定金额' });
    line('PaySubsidy', c.subsidy.paidAt, finance, { fund, reference: `PAY-${c.ref}` });
  }
  return lines;
};

const consultationLine = (r: Random, z: ConsultationPlan, p: AgencyPlaces): ImportLine => ({
  record: z.ref,
  command: 'RecordConsultation',
  occurredAt: chinaTime(z.at),
  actor: { role: 'agency-reviewer', id: `legacy:reviewer-${r.int(1, 3)}`, organisation: p.agencyId },
  data: {
    agencyId: p.agencyId,
    channel: z.channel,
    workstationId: z.channel === 'workstation' ? p.workstation : null,
    topic: matters[z.category]!,
    category: z.category,
    personName: `${r.pick(surnames)}${r.pick(givenNames)}`,
    toldOfRightToApply: z.told,
    notToldReason: z.told ? null : '咨询事项不属于法律援助范围',
    answer: '已解答',
  },
});

/** Every line of the plan, ordered by when it happened (a record's own lines keep their order on equal times). */
export const linesOf = (r: Random, plan: YearPlan, p: AgencyPlaces): ImportLine[] => {
  const admin: Actor = { role: 'administrator', id: 'legacy:admin-1', organisation: p.agencyId };
  const timed: { at: number; line: ImportLine }[] = [];
  const add = (at: number, line: ImportLine) => timed.push({ at, line });
  plan.workers.forEach((w, i) =>
    add(w.registeredAt, {
      record: w.ref,
      command: 'RegisterAidWorker',
      occurredAt: chinaTime(w.registeredAt),
      actor: admin,
      data: {
        // No workerId: an imported worker's id is its record's (the engine derives it).
        agencyId: p.agencyId,
        name: `${surnames[i % surnames.length]}律师`,
        kind: 'lawyer',
        licenceNumber: `1330120${String(10_000_000_000 + i).slice(1)}`,
        relevantPracticeSince: w.practiceSince,
      },
    }),
  );
  add(plan.fund.at, {
    record: plan.fund.ref,
    command: 'AllocateFund',
    occurredAt: chinaTime(plan.fund.at),
    actor: { role: 'finance', id: 'legacy:finance-1', organisation: p.agencyId },
    data: {
      agencyId: p.agencyId,
      year: plan.year,
      source: 'local-budget',
      amountFen: plan.fund.amountFen,
      reference: `西财〔${plan.year}〕1号`,
    },
  });
  for (const c of plan.cases) for (const line of caseLines(r, c, p, plan.year)) add(Date.parse(line.occurredAt), line);
  for (const z of plan.consultations) add(z.at, consultationLine(r, z, p));
  return timed
    .map((t, i) => ({ ...t, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((t) => t.line);
};

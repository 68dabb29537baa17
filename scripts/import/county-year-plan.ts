import type { Random } from './seeded-random.ts';

// What happened in one county agency's year, as plain facts with instants (ms): each case's origin,
// category, review, assignment, handling, closing and subsidy, and each consultation. The lines
// (county-year-lines.ts) and the expected figures (county-year-figures.ts) are both read off this
// plan, so the figures never depend on the code under test.
//
// Lateness is decided here, by construction and with a margin wide enough that no calendar is needed
// to know it (Zhejiang 2018, domain/rules/historic-rule-sets.ts zhejiang-2013: review 7 working
// days, assignment 3 working days, both counted from the day after; forwarding 24 hours;
// notification 3 calendar days). A period of n working days ends at the earliest n calendar days
// after the day it starts, so a step done within n − 1 days is on time whatever the holidays; a late
// step is done long after the longest span such a period takes in 2018 (7 working days across the
// Spring Festival ≈ 17 calendar days).

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Within a period of n days (working or calendar), counted from the day after: on time if done within n − 1 days. */
const onTimeMaxMs = (periodDays: number) => (periodDays - 1) * DAY - HOUR;
/** The least active review time of a late review, and the least time to a late assignment. */
export const REVIEW_LATE_MIN_MS = 25 * DAY;
export const ASSIGNMENT_LATE_MIN_MS = 16 * DAY;

export const channels = ['agency-window', 'township-workstation', 'online'] as const;
export const forwarderKinds = ['detention-centre', 'handling-authority', 'duty-lawyer'] as const;
export const authorityKinds = ['court', 'procuratorate', 'police'] as const;
export const consultationChannels = ['window', 'hotline-12348', 'internet', 'workstation'] as const;
export const priorityGroups = ['migrant-worker', 'unemployed', 'woman', 'minor', 'elderly', 'disabled', 'military-family'] as const;

export type Origin =
  | { kind: 'application'; via: (typeof channels)[number] }
  | {
      kind: 'forwarded-application';
      via: (typeof forwarderKinds)[number];
      receivedByForwarderAt: number;
      forwardedAt: number;
      late: boolean;
    }
  | { kind: 'notification'; via: (typeof authorityKinds)[number]; foundAt: number; late: boolean };

export type CasePlan = {
  ref: string;
  origin: Origin;
  category: string;
  formOfAid: string;
  stage: 'investigation' | 'prosecution-review' | 'trial' | null;
  priorityGroups: string[];
  receivedAt: number;
  materials: { requestedAt: number; suppliedAt: number } | null;
  /** Null for notified defence (no review); `decidedAt` null for a review still open when the year's records end. */
  review: { decision: 'granted' | 'refused' | 'pending'; decidedAt: number | null; late: boolean } | null;
  assignment: { at: number; late: boolean; workerRef: string; noticeNumber: string } | null;
  handling: { command: 'RecordClientMeeting' | 'RecordFileReading' | 'RecordHearingAttendance' | 'ReportProgress'; at: number }[];
  closing: { at: number; outcome: string; lossRecoveredFen: number } | null;
  subsidy: { approvedAt: number; paidAt: number; fen: number } | null;
};

export type ConsultationPlan = { ref: string; at: number; channel: (typeof consultationChannels)[number]; category: string; told: boolean };
export type WorkerPlan = { ref: string; registeredAt: number; practiceSince: string };

export type YearPlan = {
  year: number;
  from: number;
  below: number;
  workers: WorkerPlan[];
  fund: { ref: string; at: number; amountFen: number };
  cases: CasePlan[];
  consultations: ConsultationPlan[];
};

const formsByCategory: Record<string, readonly string[]> = {
  criminal: ['criminal-representation', 'document-drafting'],
  civil: ['litigation-representation', 'document-drafting'],
  administrative: ['litigation-representation'],
  'state-compensation': ['litigation-representation', 'non-litigation-representation'],
  labour: ['labour-mediation-arbitration', 'litigation-representation'],
  'non-litigation': ['non-litigation-representation', 'document-drafting'],
};

const stageOf = { police: 'investigation', procuratorate: 'prosecution-review', court: 'trial' } as const;

/** China midnight of the year's day `d` (0-based). */
const dayStart = (year: number, d: number) => Date.parse(`${year}-01-01T00:00:00+08:00`) + d * DAY;
const officeHours = (r: Random) => (9 + r.int(0, 7)) * HOUR + r.int(0, 59) * 60_000;

type Window = { from: number; days: number; recordsEnd: number; reviewDays: number; assignmentDays: number };

const planCase = (r: Random, w: Window, ref: string, workers: readonly WorkerPlan[]): CasePlan => {
  const lastDay = w.days - 1;
  const kind = r.weighted({ application: 60, 'forwarded-application': 15, notification: 25 });
  // A few applications of the last days are still under review when the records end: open, and past due now.
  const undecided = kind === 'application' && r.chance(0.02);
  const day = undecided ? r.int(lastDay - 10, lastDay) : r.int(0, lastDay - 1);
  const receivedAt = w.from + day * DAY + officeHours(r);
  const groups = priorityGroups.filter(() => r.chance(0.15));
  let origin: Origin;
  let category: string;
  let formOfAid: string;
  let stage: CasePlan['stage'] = null;
  if (kind === 'application') {
    origin = { kind, via: r.weighted({ 'agency-window': 55, 'township-workstation': 25, online: 20 }) };
    category = r.weighted({ civil: 35, labour: 30, criminal: 10, administrative: 5, 'state-compensation': 5, 'non-litigation': 15 });
    formOfAid = r.pick(formsByCategory[category]!);
  } else if (kind === 'forwarded-application') {
    const late = r.chance(0.1);
    const forwardedAt = receivedAt - r.int(1, 3) * HOUR;
    const receivedByForwarderAt = forwardedAt - (late ? r.int(30, 60) : r.int(2, 20)) * HOUR;
    origin = { kind, via: r.pick(forwarderKinds), receivedByForwarderAt, forwardedAt, late };
    category = 'criminal';
    formOfAid = 'criminal-defence';
  } else {
    const late = r.chance(0.1);
    const via = r.pick(authorityKinds);
    origin = { kind, via, foundAt: receivedAt - (late ? r.int(6, 12) * DAY : r.int(2, 40) * HOUR), late };
    category = 'criminal';
    formOfAid = 'criminal-defence';
    stage = stageOf[via];
  }

  // Review of an application: the materials wait is not counted (Art 43), so the decision comes after it.
  let materials: CasePlan['materials'] = null;
  let review: CasePlan['review'] = null;
  let grantedAt: number | null = null;
  if (origin.kind !== 'notification') {
    const late = !undecided && r.chance(0.12);
    let clock = receivedAt;
    if (!undecided && r.chance(0.2)) {
      const requestedAt = receivedAt + HOUR;
      materials = { requestedAt, suppliedAt: requestedAt + r.int(1, 5) * DAY + r.int(0, 6) * HOUR };
      clock = materials.suppliedAt - HOUR; // the hour before the request was active review time
    }
    if (undecided) review = { decision: 'pending', decidedAt: null, late: true };
    else {
      const active = late ? REVIEW_LATE_MIN_MS + r.int(0, 15) * DAY : r.int(2, onTimeMaxMs(w.reviewDays) / HOUR - 2) * HOUR;
      const decidedAt = clock + Math.max(active, 2 * HOUR);
      const decision = r.chance(0.1) ? 'refused' : 'granted';
      review = { decision, decidedAt, late };
      if (decision === 'granted') grantedAt = decidedAt;
    }
  }

  const dueFrom = origin.kind === 'notification' ? receivedAt : grantedAt;
  let assignment: CasePlan['assignment'] = null;
  const handling: CasePlan['handling'] = [];
  let closing: CasePlan['closing'] = null;
  let subsidy: CasePlan['subsidy'] = null;
  if (dueFrom !== null) {
    const late = r.chance(0.1);
    const at = dueFrom + (late ? ASSIGNMENT_LATE_MIN_MS + r.int(0, 10) * DAY : r.int(1, onTimeMaxMs(w.assignmentDays) / HOUR) * HOUR);
    if (at >= w.recordsEnd) throw new Error(`${ref}: assigned after the records end; give a later recordsEnd`);
    assignment = { at, late, workerRef: r.pick(workers).ref, noticeNumber: '' };
    handling.push({ command: 'RecordClientMeeting', at: at + r.int(1, 5) * DAY });
    if (category === 'criminal') handling.push({ command: 'RecordFileReading', at: at + r.int(6, 9) * DAY });
    if (formOfAid === 'litigation-representation' || formOfAid === 'criminal-defence')
      handling.push({ command: 'RecordHearingAttendance', at: at + r.int(10, 14) * DAY });
    // Progress told to the aided person (Art 46) every half day of the week before the earliest closing.
    for (let k = r.int(3, 8); k > 0; k -= 1) handling.push({ command: 'ReportProgress', at: at + 15 * DAY + k * 12 * HOUR });
    handling.sort((x, y) => x.at - y.at);
    const closedAt = at + r.int(20, 150) * DAY + r.int(0, 6) * HOUR;
    // A case that would close after the records end is still open in them.
    if (closedAt < w.recordsEnd) {
      const civilLike = category === 'labour' || category === 'civil';
      closing = {
        at: closedAt,
        outcome: category === 'criminal' ? 'judgment-or-ruling' : r.pick(['judgment-or-ruling', 'mediation-agreement', 'settlement']),
        lossRecoveredFen: civilLike && r.chance(0.6) ? r.int(1_000, 200_000) * 100 : 0,
      };
      if (r.chance(0.9)) {
        const approvedAt = closedAt + r.int(5, 20) * DAY;
        const paidAt = approvedAt + r.int(5, 30) * DAY;
        if (paidAt < w.recordsEnd) subsidy = { approvedAt, paidAt, fen: r.pick([20_000, 25_000, 30_000]) };
      }
    }
  }
  return {
    ref,
    origin,
    category,
    formOfAid,
    stage,
    priorityGroups: groups,
    receivedAt,
    materials,
    review,
    assignment,
    handling,
    closing,
    subsidy,
  };
};

export type YearSize = {
  /** The year of the records (by default the period is that calendar year, China time). */
  year: number;
  cases: number;
  consultations: number;
  workers?: number;
  noticeWord?: string;
  /** Another period than the whole year: its first China date and its length in days. */
  period?: { firstDay: string; days: number };
  /** When the records end (ISO): steps after it are not in them. By default the end of the next year's first quarter. */
  recordsEnd?: string;
  /** The review and assignment periods in force (working or calendar days): by default Zhejiang's of 2018, 7 and 3. */
  periods?: { reviewDays: number; assignmentDays: number };
};

/** `noticeWord`: the agency's word in its notice numbers ((2018)杭西援指字第0031号: Xihu's 杭西援指字). */
export const planYear = (r: Random, size: YearSize): YearPlan => {
  const { year, cases, consultations, workers = 24, noticeWord = '杭西援指字' } = size;
  const from = size.period ? Date.parse(`${size.period.firstDay}T00:00:00+08:00`) : dayStart(year, 0);
  const days = size.period?.days ?? Math.round((dayStart(year + 1, 0) - from) / DAY);
  const w: Window = {
    from,
    days,
    recordsEnd: size.recordsEnd ? Date.parse(size.recordsEnd) : dayStart(year + 1, 90),
    reviewDays: size.periods?.reviewDays ?? 7,
    assignmentDays: size.periods?.assignmentDays ?? 3,
  };
  const lastDay = days - 1;
  const workerPlans = Array.from({ length: workers }, (_, i) => ({
    ref: `W-${String(i + 1).padStart(3, '0')}`,
    registeredAt: from + 9 * HOUR + i * 60_000,
    practiceSince: `${r.int(1998, year - 4)}-0${r.int(1, 9)}-01`,
  }));
  const casePlans = Array.from({ length: cases }, (_, i) => planCase(r, w, `C${year}-${String(i + 1).padStart(4, '0')}`, workerPlans));
  // Notice numbers in the order the assignments were made, as the agency's register numbered them.
  const assigned = casePlans.filter((c) => c.assignment).sort((a, b) => a.assignment!.at - b.assignment!.at);
  const issued = new Map<number, number>();
  for (const c of assigned) {
    const noticeYear = new Date(c.assignment!.at + 8 * HOUR).getUTCFullYear();
    const n = (issued.get(noticeYear) ?? 0) + 1;
    issued.set(noticeYear, n);
    c.assignment!.noticeNumber = `(${noticeYear})${noticeWord}第${String(n).padStart(4, '0')}号`;
  }
  const consultationPlans = Array.from({ length: consultations }, (_, i) => ({
    ref: `Z${year}-${String(i + 1).padStart(5, '0')}`,
    at: from + r.int(0, lastDay) * DAY + officeHours(r),
    channel: r.weighted({ window: 40, 'hotline-12348': 35, internet: 15, workstation: 10 }),
    category: r.weighted({ civil: 40, labour: 30, criminal: 10, administrative: 5, 'non-litigation': 15 }),
    told: r.chance(0.9),
  }));
  return {
    year,
    from,
    below: from + days * DAY,
    workers: workerPlans,
    fund: { ref: `F${year}-local-budget`, at: from + 10 * HOUR, amountFen: 60_000_000 },
    cases: casePlans,
    consultations: consultationPlans,
  };
};

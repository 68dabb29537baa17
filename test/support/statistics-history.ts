import { catalogue } from '../../events/catalogue/index.ts';
import type { EventEnvelope } from '../../events/envelope.ts';
import { applicationBody } from './fixtures.ts';
import { lifecycleSteps } from './audit-case.ts';

// A generated event history for the statistics counters (the property test and the reports bench):
// cases of several agencies received on days spread over a year, each cut somewhere along the labour
// lifecycle of test/support/audit-case.ts (moved to its own dates), some refused, some closed and
// followed up, with varied categories, forms of aid, origins and priority groups; and consultations.
// Every event is checked against the catalogue. Envelopes are built in memory (no hash chain: the
// projections never verify it), served by `historyReader` as the store would serve them.

const DAY_MS = 86_400_000;
const HASH = '0'.repeat(64);

/** A deterministic generator (mulberry32): the same seed, the same history. */
export const seededRandom = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const kinds = [
  { category: 'labour', formOfAid: 'labour-mediation-arbitration' },
  { category: 'civil', formOfAid: 'litigation-representation' },
  { category: 'criminal', formOfAid: 'criminal-defence' },
  { category: 'administrative', formOfAid: 'document-drafting' },
] as const;
const channels = ['agency-window', 'township-workstation', 'online'] as const;
const groups = ['migrant-worker', 'unemployed', 'woman', 'minor', 'elderly', 'disabled', 'military-family'] as const;
const levels = ['very-satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'] as const;
const consultationChannels = ['window', 'hotline-12348', 'internet', 'workstation'] as const;

/** The lifecycle's dates are in January 2026 (day 1 = receipt): each case's are moved to its own receipt day. */
const LIFECYCLE_DAY0 = Date.parse('2026-01-01T10:00:00+08:00');
const moveDates = (value: unknown, shiftMs: number): unknown => {
  if (typeof value === 'string' && /^2026-01-\d\dT10:00:00\+08:00$/.test(value)) return new Date(Date.parse(value) + shiftMs).toISOString();
  if (Array.isArray(value)) return value.map((v) => moveDates(v, shiftMs));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, moveDates(v, shiftMs)]));
  return value;
};

const checked = (type: string, data: Record<string, unknown>) => {
  const definition = catalogue.get(type);
  if (!definition) throw new Error(`the catalogue has no ${type}: adapt test/support/statistics-history.ts`);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) throw new Error(`${type}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return { type, schemaVersion: definition.version, data: parsed.data as Record<string, unknown> };
};

const steps = lifecycleSteps();
const actor = { id: 'reviewer-hz-01', role: 'agency-reviewer', organisation: 'agency:hz-xihu' };

const envelopeOf = (
  stream: string,
  version: number,
  e: { type: string; schemaVersion: number; data: Record<string, unknown> },
  occurredAt: string,
  n: number,
): EventEnvelope => ({
  eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: e.type,
  schemaVersion: e.schemaVersion,
  stream,
  version,
  occurredAt,
  // Recorded a year later than it happened: counters that followed recorded time would fall in the wrong period.
  recordedAt: new Date(Date.parse(occurredAt) + 366 * DAY_MS).toISOString(),
  actor,
  workstation: null,
  correlationId: `gen-${n}`,
  causationId: null,
  idempotencyKey: null,
  requestHash: null,
  prevHash: HASH,
  hash: HASH,
  data: e.data,
});

export type GeneratedHistory = { streams: Map<string, EventEnvelope[]>; events: EventEnvelope[] };

/**
 * `cases` cases and `consultations` ledger entries of `agencyIds` (province 33) received on days of
 * `year`, from `seed`. Stream ids carry `label`, so histories of one table never share a stream.
 */
export const generateHistory = ({
  seed,
  cases,
  consultations,
  agencyIds,
  year,
  label,
}: {
  seed: number;
  cases: number;
  consultations: number;
  agencyIds: readonly string[];
  year: number;
  label: string;
}): GeneratedHistory => {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const yearStart = Date.parse(`${year}-01-01T10:00:00+08:00`);
  const daysInYear = Math.round((Date.parse(`${year + 1}-01-01T10:00:00+08:00`) - yearStart) / DAY_MS);
  const streams = new Map<string, EventEnvelope[]>();
  let n = 0;
  for (let c = 0; c < cases; c++) {
    const caseId = `${label}-case-${c}`;
    const stream = `case#${caseId}`;
    const receivedMs = yearStart + Math.floor(rand() * daysInYear) * DAY_MS;
    const shift = receivedMs - LIFECYCLE_DAY0;
    const kind = pick(kinds);
    const agencyId = pick(agencyIds);
    const opening = checked('ApplicationReceived', {
      ...applicationBody({
        agencyId,
        channel: pick(channels),
        category: kind.category,
        formOfAid: kind.formOfAid,
      }),
      applicant: { ...applicationBody().applicant, priorityGroups: groups.filter(() => rand() < 0.2) },
      caseId,
      receivedAt: new Date(receivedMs).toISOString(),
    });
    const events = [{ ...opening, occurredAt: new Date(receivedMs).toISOString() }];
    // Cases received in the year's last 60 days are still running (cut anywhere along the lifecycle);
    // earlier ones ran their course, but for a few left stuck at some step (their open deadlines past due).
    const recent = receivedMs >= yearStart + (daysInYear - 60) * DAY_MS;
    const length = recent || rand() < 0.1 ? 1 + Math.floor(rand() * steps.length) : steps.length;
    const refused = length >= 4 && rand() < 0.15;
    for (const step of steps.slice(0, refused ? 3 : length - 1)) {
      const data = moveDates(step.data, shift) as Record<string, unknown>;
      events.push({
        ...checked(step.type, data),
        occurredAt:
          (Object.values(data).find((v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) as string | undefined) ??
          new Date(receivedMs).toISOString(),
      });
    }
    if (refused) {
      const decidedAt = new Date(receivedMs + 4 * DAY_MS).toISOString();
      events.push({
        ...checked('AidRefused', { legalBasis: '《法律援助法》第四十一条', reasons: '经济状况不符合标准', decidedAt }),
        occurredAt: decidedAt,
      });
    } else if (events.some((e) => e.type === 'CaseClosed') && rand() < 0.7) {
      const at = new Date(receivedMs + (19 + Math.floor(rand() * 40)) * DAY_MS).toISOString();
      events.push({
        ...checked('AidedPersonFollowedUp', {
          supervisorId: 'supervisor-zhao',
          at,
          remarks: '回访',
          method: 'phone',
          satisfaction: pick(levels),
        }),
        occurredAt: at,
      });
    }
    streams.set(
      stream,
      events.map((e, i) => envelopeOf(stream, i + 1, e, e.occurredAt, n++)),
    );
  }
  for (let k = 0; k < consultations; k++) {
    const consultationId = `${label}-consultation-${k}`;
    const stream = `consultation#${consultationId}`;
    const at = new Date(yearStart + Math.floor(rand() * daysInYear) * DAY_MS + Math.floor(rand() * 8) * 3_600_000).toISOString();
    const told = rand() < 0.8;
    const e = checked('ConsultationRecorded', {
      consultationId,
      agencyId: pick(agencyIds),
      channel: pick(consultationChannels),
      workstationId: null,
      topic: '劳动争议',
      category: 'labour',
      personName: null,
      toldOfRightToApply: told,
      notToldReason: told ? null : '来访者中途离开',
      answer: '解答',
      consultedAt: at,
    });
    streams.set(stream, [envelopeOf(stream, 1, e, at, n++)]);
  }
  return { streams, events: [...streams.values()].flat() };
};

/** The history served as the event store serves a stream's versions (gap filling reads these). */
export const historyReader = (history: GeneratedHistory) => ({
  readStream: async (stream: string, { from = 1, to = Number.MAX_SAFE_INTEGER }: { from?: number; to?: number }) =>
    (history.streams.get(stream) ?? []).filter((e) => e.version >= from && e.version <= to),
});

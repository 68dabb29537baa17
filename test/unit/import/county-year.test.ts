import { describe, expect, it } from 'vitest';
import { ruleSetFor } from '../../../domain/rules/choose-rule-set.ts';
import { endOfPeriodAfter } from '../../../domain/time/working-days.ts';
import { generateCountyYear } from '../../../scripts/import/county-year.ts';
import { planYear } from '../../../scripts/import/county-year-plan.ts';
import { seededRandom } from '../../../scripts/import/seeded-random.ts';

// The generated year: the same file for the same seed, lines a record at a time in the order things
// happened, and lateness that holds under the 2018 rules whatever the calendar did. The last part is
// checked against the domain's own working-day arithmetic, the one thing the generator avoids using.

const size = { year: 2018, cases: 400, consultations: 300 };
const iso = (ms: number) => new Date(ms).toISOString();

describe('a generated county year', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = generateCountyYear({ seed: 7, ...size });
    expect(generateCountyYear({ seed: 7, ...size })).toEqual(a);
    expect(generateCountyYear({ seed: 8, ...size }).lines).not.toEqual(a.lines);
  });

  it('keeps each record’s lines in time order, opening it first, and refers only to records opened before', () => {
    const { lines } = generateCountyYear({ seed: 11, ...size });
    const opened = new Set<string>();
    const last = new Map<string, number>();
    for (const line of lines) {
      const at = Date.parse(line.occurredAt);
      expect(at).toBeGreaterThanOrEqual(last.get(line.record) ?? 0);
      last.set(line.record, at);
      if (!opened.has(line.record)) {
        expect(line.command).toMatch(/^(Receive|Register|Allocate|RecordConsultation)/);
        opened.add(line.record);
      }
      for (const ref of JSON.stringify(line).match(/@record:[^"]+/g) ?? []) expect(opened.has(ref.slice(8))).toBe(true);
    }
  });

  it('judges every case by the Zhejiang rules of 2018, and its lateness holds under them', () => {
    const plan = planYear(seededRandom(3), { ...size, cases: 1200 });
    let late = 0;
    for (const c of plan.cases) {
      const rules = ruleSetFor('33', iso(c.receivedAt));
      expect(rules.id).toBe('zhejiang-2013');
      const { reviewDays, assignmentDays } = rules.periods;
      if (c.review?.decidedAt) {
        const waited = c.materials ? c.materials.suppliedAt - c.materials.requestedAt : 0;
        const due = Date.parse(endOfPeriodAfter(iso(c.receivedAt), reviewDays!, rules.dayUnits.reviewDays)) + waited;
        expect(c.review.decidedAt > due, c.ref).toBe(c.review.late);
        late += c.review.late ? 1 : 0;
      }
      if (c.assignment) {
        const from = c.origin.kind === 'notification' ? c.receivedAt : c.review!.decidedAt!;
        const due = Date.parse(endOfPeriodAfter(iso(from), assignmentDays!, rules.dayUnits.assignmentDays));
        expect(c.assignment.at > due, c.ref).toBe(c.assignment.late);
      }
    }
    expect(late).toBeGreaterThan(0);
  });

  it('counts in its figures what its lines say', () => {
    const { lines, figures } = generateCountyYear({ seed: 5, ...size });
    const of = (command: string) => lines.filter((l) => l.command === command);
    expect(of('ReceiveApplication').length + of('ReceiveForwardedApplication').length + of('ReceiveDefenceNotification').length).toBe(
      figures.cases.received,
    );
    expect(of('ReceiveApplication').filter((l) => l.data.channel === 'online').length).toBe(figures.cases.byOrigin.application.online);
    expect(of('ReceiveDefenceNotification').filter((l) => (l.data.authority as { kind: string }).kind === 'police').length).toBe(
      figures.cases.byOrigin.notification.police,
    );
    expect(of('RecordConsultation').filter((l) => l.data.toldOfRightToApply).length).toBe(figures.consultations.toldOfRightToApply);
    const closedIn2018 = of('CloseCase').filter((l) => l.occurredAt.startsWith('2018-'));
    expect(closedIn2018.length).toBe(figures.closings.closed);
    expect(closedIn2018.reduce((n, l) => n + (l.data.economicLossRecoveredFen as number), 0)).toBe(
      figures.closings.economicLossRecoveredFen,
    );
    const reviews = figures.deadlines.byKind.review;
    expect(reviews.met + reviews.missed).toBe(of('ReceiveApplication').length + of('ReceiveForwardedApplication').length);
    expect(figures.deadlines.agency.missed).toBeGreaterThan(0);
  });

  it('numbers the assignment notices of each year from 1, as the agency’s register did', () => {
    const { lines } = generateCountyYear({ seed: 9, ...size });
    const numbers = lines.filter((l) => l.command === 'AssignAidWorker' && l.occurredAt.startsWith('2018-')).map((l) => l.noticeNumber);
    expect(numbers[0]).toBe('(2018)杭西援指字第0001号');
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});

import { describe, expect, it } from 'vitest';
import { decideAssignment, noticeCounterKeyFor } from '../../../domain/case/assignment.ts';
import type { CaseCommand } from '../../../domain/case/commands.ts';
import { assessSubsidy } from '../../../domain/funding/assess.ts';
import { evolveFundingCaseFacts, initialFundingCaseFacts } from '../../../domain/funding/case-facts.ts';
import { subsidyRateTables } from '../../../domain/funding/rate-tables.ts';
import { dueDatesOf, type DueDateKind } from '../../../domain/case/due-dates.ts';
import { ruleSetFor } from '../../../domain/rules/choose-rule-set.ts';
import type { DayPeriod } from '../../../domain/rules/rule-set.ts';
import { ruleSets } from '../../../domain/rules/rule-sets.ts';
import { isWorkingDay } from '../../../domain/time/working-days.ts';
import { publicHolidayYears } from '../../../domain/time/public-holidays.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { refusalOf } from '../../support/decider-spec.ts';
import {
  applicationData,
  assigned,
  caseSpec,
  closed,
  context,
  granted,
  lawyer,
  meansWithin,
  notificationData,
  notified,
  received,
  stateOf,
  T,
} from './fixtures.ts';

const idOn = (province: string, at: string) => ruleSetFor(province, at).id;

describe('the rules of the time are chosen by the China date, at each boundary', () => {
  it('national: none before the 2003 regulation, then 2003, 2012, 2013 and the 2021 law', () => {
    expect(refusalOf(() => ruleSetFor('11', T('2003-08-31 23:59'))).code).toBe('NO_RULE_SET_IN_FORCE');
    expect(idOn('11', T('2003-09-01 00:00'))).toBe('national-2003');
    // 2003-08-31T16:00Z is already 1 September in China.
    expect(idOn('11', '2003-08-31T16:00:00Z')).toBe('national-2003');
    expect(idOn('11', T('2012-06-30 23:59'))).toBe('national-2003');
    expect(idOn('11', T('2012-07-01 00:00'))).toBe('national-2012');
    expect(idOn('11', T('2013-02-28 23:59'))).toBe('national-2012');
    expect(idOn('11', T('2013-03-01 00:00'))).toBe('national-2013');
    expect(idOn('11', T('2021-12-31 23:59'))).toBe('national-2013');
    expect(idOn('11', T('2022-01-01 00:00'))).toBe('national-2022');
  });

  it("Zhejiang: the province's set repeats at each national change", () => {
    expect(refusalOf(() => ruleSetFor('33', T('2003-08-31 23:59'))).code).toBe('NO_RULE_SET_IN_FORCE');
    expect(idOn('33', T('2003-09-01 00:00'))).toBe('zhejiang-2003');
    expect(idOn('33', T('2012-06-30 23:59'))).toBe('zhejiang-2003');
    expect(idOn('33', T('2012-07-01 00:00'))).toBe('zhejiang-2012');
    expect(idOn('33', T('2013-03-01 00:00'))).toBe('zhejiang-2013');
    expect(idOn('33', T('2021-12-31 23:59'))).toBe('zhejiang-2013');
    expect(idOn('33', T('2022-01-01 00:00'))).toBe('zhejiang-2022');
  });

  it("Anhui: the province's own revisions (2009, 2016) between the national changes", () => {
    expect(idOn('34', T('2003-09-01 00:00'))).toBe('anhui-2003');
    expect(idOn('34', T('2009-04-21 23:59'))).toBe('anhui-2003');
    expect(idOn('34', T('2009-04-22 00:00'))).toBe('anhui-2009');
    expect(idOn('34', T('2012-07-01 00:00'))).toBe('anhui-2012');
    expect(idOn('34', T('2013-03-01 00:00'))).toBe('anhui-2013');
    expect(idOn('34', T('2016-11-09 23:59'))).toBe('anhui-2013');
    expect(idOn('34', T('2016-11-10 00:00'))).toBe('anhui-2016');
    expect(idOn('34', T('2021-12-31 23:59'))).toBe('anhui-2016');
    expect(idOn('34', T('2022-01-01 00:00'))).toBe('anhui-2022');
  });
});

describe('the rule data is complete', () => {
  const dayPeriods: readonly DayPeriod[] = [
    'notificationDays',
    'reviewDays',
    'assignmentDays',
    'objectionDecisionDays',
    'correctionRedecisionDays',
    'materialsWithdrawalDays',
  ];

  it('every set has a source, a unit for each period and, unless verified, notes saying what is not', () => {
    for (const set of ruleSets) {
      expect(set.source.trim(), set.id).not.toBe('');
      expect(Object.keys(set.dayUnits).sort(), set.id).toEqual([...dayPeriods].sort());
      if (!set.verified) expect(set.notes.length, set.id).toBeGreaterThan(0);
    }
  });

  it('every set before the 2021 law cites a published text by URL and maps the articles its refusals cite', () => {
    for (const set of ruleSets.filter((s) => s.effectiveFrom < '2022-01-01')) {
      expect(set.source, set.id).toMatch(/https?:\/\//);
      for (const article of ['Art 43', 'Art 48', 'Art 49']) expect(set.citations[article], `${set.id} ${article}`).toBeTruthy();
    }
  });

  it('ids are unique, and no provincial set hides a later national change', () => {
    expect(new Set(ruleSets.map((s) => s.id)).size).toBe(ruleSets.length);
    const provinces = [...new Set(ruleSets.flatMap((s) => (s.province ? [s.province] : [])))];
    for (const national of ruleSets.filter((s) => s.province === null)) {
      for (const province of provinces) {
        const chosen = ruleSetFor(province, `${national.effectiveFrom}T12:00:00+08:00`);
        expect(chosen.effectiveFrom >= national.effectiveFrom, `${province} on ${national.effectiveFrom}: ${chosen.id}`).toBe(true);
      }
    }
  });

  it('the working-day calendar: holidays are weekdays off or in the block, adjusted days are weekends worked', () => {
    for (const year of publicHolidayYears) {
      expect(year.source).toMatch(/https?:\/\//);
      for (const d of year.workdays) expect([0, 6], d).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      // A date is looked up under its own year's entry.
      for (const d of [...year.holidays, ...year.workdays]) expect(d.slice(0, 4), d).toBe(String(year.year));
      for (const d of year.holidays) expect(isWorkingDay(d), d).toBe(false);
      for (const d of year.workdays) expect(isWorkingDay(d), d).toBe(true);
    }
  });
});

describe('a 2018 case is judged by the 2018 rules (working days)', () => {
  const due = (events: CaseEvent[], now: string, kind: DueDateKind) => {
    const found = dueDatesOf(stateOf(events), now).filter((d) => d.kind === kind);
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('review: 7 working days, skipping the Spring Festival and counting the Saturday worked in exchange', () => {
    // Received Friday 9 Feb 2018: Sun 11 Feb (worked) 1, 12–14 Feb 2–4, 15–21 Feb off, 22–23 Feb 5–6, Sat 24 Feb (worked) 7.
    const review = due([received({ receivedAt: T('2018-02-09 09:00') })], T('2018-02-20 09:00'), 'review');
    expect(review).toMatchObject({ dueAt: '2018-02-24T23:59:59.999+08:00', overdue: false });
    expect(due([received({ receivedAt: T('2018-02-09 09:00') })], T('2018-02-25 00:00'), 'review').overdue).toBe(true);
  });

  it('assignment: 3 working days from the grant, across the National Day week', () => {
    // Granted Friday 28 Sep 2018: Sat 29 and Sun 30 Sep (worked) 1–2, 1–7 Oct off, Mon 8 Oct 3.
    const history = [received({ receivedAt: T('2018-09-25 09:00') }), meansWithin(T('2018-09-25 10:00')), granted(T('2018-09-28 10:00'))];
    expect(due(history, T('2018-10-02 09:00'), 'assignment')).toMatchObject({
      dueAt: '2018-10-08T23:59:59.999+08:00',
      overdue: false,
    });
    const late = [...history, assigned('lawyer-wang', 1, T('2018-10-09 09:00'))];
    expect(due(late, T('2018-10-09 10:00'), 'assignment')).toMatchObject({ satisfiedAt: T('2018-10-09 09:00'), overdue: true });
  });

  it('objection: 5 working days for the justice bureau (the 2003 regulation, Art 19)', () => {
    // Lodged Friday 27 Apr 2018: Sat 28 Apr (worked) 1, 29 Apr–1 May off, 2–4 May 2–4, Mon 7 May 5.
    const history: CaseEvent[] = [
      received({ receivedAt: T('2018-04-20 09:00') }),
      { type: 'AidRefused', data: { legalBasis: '法律援助条例 Art 13', reasons: '经济状况超过标准', decidedAt: T('2018-04-23 09:00') } },
      {
        type: 'ObjectionLodged',
        data: {
          objectionId: 'obj-1',
          against: 'refusal',
          grounds: '家庭收入计算有误',
          justiceBureauId: 'justice-bureau:bj-dongcheng',
          lodgedAt: T('2018-04-27 09:00'),
          transmittedBy: null,
        },
      },
    ];
    expect(due(history, T('2018-05-01 09:00'), 'objection-decision').dueAt).toBe('2018-05-07T23:59:59.999+08:00');
  });

  it('no Art 26 floor in 2018: a lawyer of one year may defend a possible death sentence, not from 2022', () => {
    const capital = (at: string) => [
      notified({ ground: 'possible-life-imprisonment-or-death', foundAt: at, receivedAt: at, allowedNotificationDays: 3 }),
    ];
    // One full year of relevant practice on the day of assignment, in either year.
    const assignAt = (history: CaseEvent[], now: string) => {
      const junior = lawyer({ relevantPracticeSince: `${Number(now.slice(0, 4)) - 1}-06-01` });
      const state = stateOf(history);
      const counter = { ...noticeCounterKeyFor(state, now), lastNumber: 0 };
      return decideAssignment({ type: 'AssignAidWorker', data: { workerId: 'lawyer-wang' } }, state, counter, junior, context(now));
    };
    expect(assignAt(capital(T('2018-06-01 09:00')), T('2018-06-02 09:00')).case[0]).toMatchObject({ type: 'AidWorkerAssigned' });
    expect(refusalOf(() => assignAt(capital(T('2022-06-01 09:00')), T('2022-06-02 09:00'))).code).toBe('ART26_EXPERIENCE_REQUIRED');
  });
});

describe('fields that did not exist under the old rules', () => {
  const in2018 = [
    received({ receivedAt: T('2018-03-02 09:00') }),
    meansWithin(T('2018-03-02 10:00')),
    granted(T('2018-03-05 09:00')),
    assigned('lawyer-wang', 1, T('2018-03-06 09:00')),
  ];
  const finding = (fineFen: number): CaseCommand => ({
    type: 'RecordDeceptionFinding',
    data: { findings: '隐瞒房产收入骗取援助', justiceBureauId: 'justice-bureau:bj-dongcheng', repaymentDueFen: 250_000, fineFen },
  });

  it('no fine on the aided person before 2022: a fine is refused citing the 2021 law as having no counterpart', () => {
    const error = caseSpec
      .given(in2018)
      .when(finding(1), { now: T('2018-05-02 09:00') })
      .thenThrows('FINE_EXCEEDS_CAP');
    expect(error.rule).toBe('法律援助法 Art 64 (no counterpart in national-2013)');
  });

  it('a deception finding without a fine terminates under the 2003 regulation’s termination article', () => {
    const events = caseSpec
      .given(in2018)
      .when(finding(0), { now: T('2018-05-02 09:00') })
      .events();
    expect(events[1]).toMatchObject({ type: 'AidTerminated', data: { legalBasis: expect.stringMatching(/^法律援助条例 .*Art 23/) } });
  });

  it("a refusal in a 2018 case cites the old rules' article, one in 2026 the 2021 law's", () => {
    const refuse: CaseCommand = { type: 'RefuseAid', data: { legalBasis: '法律援助条例 Art 13', reasons: ' ' } };
    const old = caseSpec.given([received({ receivedAt: T('2018-03-02 09:00') })]).when(refuse, { now: T('2018-03-05 09:00') });
    expect(old.thenThrows('REFUSAL_REASONS_REQUIRED').rule).toMatch(/^法律援助条例 \(国务院令第385号.*Art 18; 办理法律援助案件程序规定/);
    expect(caseSpec.given([received()]).when(refuse).thenThrows('REFUSAL_REASONS_REQUIRED').rule).toBe('Art 43');
  });

  it('before 2012 nothing is due for review or assignment (the regulation says only 及时), and no aid before review for a limitation', () => {
    const history = [received({ receivedAt: T('2010-03-02 09:00') }), meansWithin(T('2010-03-02 10:00')), granted(T('2010-04-30 09:00'))];
    const kinds = dueDatesOf(stateOf(history), T('2010-06-01 09:00')).map((d) => d.kind);
    expect(kinds).not.toContain('review');
    expect(kinds).not.toContain('assignment');
    caseSpec
      .given([received({ receivedAt: T('2010-03-02 09:00') })])
      .when(
        { type: 'ProvideAidBeforeReview', data: { trigger: { kind: 'limitation-expiring', limitationEndsOn: '2010-03-05' } } },
        { now: T('2010-03-02 10:00') },
      )
      .thenThrows('ART44_TRIGGER_NOT_MET');
  });

  it('a 2010 notification has no notice period: never late', () => {
    const [event] = caseSpec
      .given([])
      .when(
        {
          type: 'ReceiveDefenceNotification',
          data: (({ formOfAid: _f, allowedNotificationDays: _a, lateNotification: _l, ...d }) => d)(
            notificationData({ foundAt: T('2010-03-01 09:00'), receivedAt: T('2010-03-20 09:00') }),
          ),
        },
        { now: T('2010-03-20 10:00') },
      )
      .events();
    expect(event).toMatchObject({ data: { allowedNotificationDays: null, lateNotification: false } });
  });

  it('the Anhui poverty-alleviation waiver is in force in 2018 (seed 004), not in 2015', () => {
    const waiver: CaseCommand = {
      type: 'WaiveMeansCheck',
      data: { ground: { kind: 'local', code: 'poverty-alleviation-target' }, proof: ['建档立卡证明'] },
    };
    const anhui = (at: string) => [received({ province: '34', agencyId: 'agency:ah-shouxian', receivedAt: at })];
    expect(
      caseSpec
        .given(anhui(T('2018-03-02 09:00')))
        .when(waiver, { now: T('2018-03-03 09:00') })
        .events()[0],
    ).toMatchObject({
      data: { ruleSetId: 'anhui-2016' },
    });
    caseSpec
      .given(anhui(T('2015-03-02 09:00')))
      .when(waiver, { now: T('2015-03-03 09:00') })
      .thenThrows('LOCAL_WAIVER_NOT_IN_FORCE');
  });
});

describe('subsidies of a case assigned before the 2021 law', () => {
  const factsAssignedOn = (at: string) =>
    [
      notified({ province: '33', foundAt: at, receivedAt: at, allowedNotificationDays: 3 }),
      assigned('lawyer-wang', 1, at, 'notification'),
      closed(T('2018-12-01 09:00')),
    ].reduce(evolveFundingCaseFacts, initialFundingCaseFacts());

  it('are assessed under the table of the time (flagged unverified), and refused before 2003-09-01', () => {
    const assessment = assessSubsidy(factsAssignedOn(T('2018-06-01 09:00')));
    expect(assessment.rateTableId).toBe('subsidy-national-2003');
    expect(subsidyRateTables.find((t) => t.id === assessment.rateTableId)?.verified).toBe(false);
    expect(() => assessSubsidy(factsAssignedOn(T('2003-08-31 09:00')))).toThrow(
      expect.objectContaining({ code: 'NO_RATE_TABLE_IN_FORCE' }),
    );
  });

  it('every rate table names its source', () => {
    for (const table of subsidyRateTables) expect(table.source.trim(), table.id).not.toBe('');
  });
});

describe('refusals of a command that opens a case cite the rules in force on the receipt it names', () => {
  it('a 2018 forwarded application out of order cites the regulation, a 2026 one the 2021 law', () => {
    const forwardedAt = (year: number) => {
      const { channel: _c, consultationId: _l, ...application } = applicationData({ receivedAt: T(`${year}-03-02 09:00`) });
      return {
        type: 'ReceiveForwardedApplication',
        data: {
          ...application,
          forwarder: { kind: 'detention-centre', organisationId: 'detention-centre:bj-1' },
          receivedByForwarderAt: T(`${year}-03-01 09:00`),
          // Forwarded after the agency received it: out of order.
          forwardedAt: T(`${year}-03-03 09:00`),
        },
      } satisfies CaseCommand;
    };
    const old = caseSpec
      .given([])
      .when(forwardedAt(2018), { now: T('2018-03-05 09:00') })
      .thenThrows('FORWARDING_TIMES_OUT_OF_ORDER');
    expect(old.rule).toMatch(/^法律援助条例 .*Art 15$/);
    expect(caseSpec.given([]).when(forwardedAt(2026)).thenThrows('FORWARDING_TIMES_OUT_OF_ORDER').rule).toBe('Art 39');
  });
});

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../events/envelope.ts';
import type { CaseEvent } from '../../../events/catalogue/case-events.ts';
import { medianOfDays, stationCaseCounts } from '../../../domain/statistics/station-counters.ts';
import { caseSpec, meansWithin, received, T } from './fixtures.ts';

// Issue 19 point 3: the clerk of the station that took an application gives one preliminary opinion;
// the agency's decision records whether it followed it; the station's counters date each step.

const STATION = 'workstation:bj-dongcheng-donghuamen';
const clerk: Actor = { id: 'clerk-1', role: 'workstation-clerk', organisation: STATION };
const otherClerk: Actor = { id: 'clerk-2', role: 'workstation-clerk', organisation: 'workstation:bj-dongcheng-jingshan' };
const NOW = T('2026-03-04 10:00');

const atStation = () => received({ stationId: STATION, channel: 'township-workstation' });
const opinion = (recommendation: 'grant' | 'refuse') =>
  ({ type: 'GivePreliminaryOpinion', data: { recommendation, reasons: '符合条件' } }) as const;
const given = (recommendation: 'grant' | 'refuse'): CaseEvent => ({
  type: 'PreliminaryOpinionGiven',
  data: { stationId: STATION, recommendation, reasons: '符合条件', givenAt: T('2026-03-02 15:00') },
});
const grant = { type: 'GrantAid', data: { legalBasis: '《法律援助法》第四十三条' } } as const;
const refuse = { type: 'RefuseAid', data: { legalBasis: '《法律援助法》第四十一条', reasons: '收入高于标准' } } as const;

describe('a preliminary opinion is given by the station that took the application', () => {
  it('records the station, the recommendation and the time', () => {
    caseSpec
      .given([atStation()])
      .when(opinion('grant'), { now: NOW, actor: clerk })
      .then([
        { type: 'PreliminaryOpinionGiven', data: { stationId: STATION, recommendation: 'grant', reasons: '符合条件', givenAt: NOW } },
      ]);
  });

  it('not by the clerk of another station', () => {
    caseSpec.given([atStation()]).when(opinion('grant'), { actor: otherClerk }).thenThrows('OTHER_STATION');
  });

  it('not on an application taken at the agency', () => {
    caseSpec.given([received()]).when(opinion('grant'), { actor: clerk }).thenThrows('NOT_TAKEN_AT_STATION');
  });

  it('once, and not after the agency decided', () => {
    caseSpec
      .given([atStation(), given('grant')])
      .when(opinion('refuse'), { actor: clerk })
      .thenThrows('OPINION_ALREADY_GIVEN');
    caseSpec
      .given([
        atStation(),
        meansWithin(),
        { type: 'AidGranted', data: { legalBasis: 'x', grantedBy: 'agency', objectionId: null, decidedAt: NOW } },
      ])
      .when(opinion('grant'), { actor: clerk })
      .thenThrows('REVIEW_ALREADY_DECIDED');
  });
});

describe("the agency's decision against the station's opinion", () => {
  it('a grant after a recommended grant followed it; a refusal departed from it', () => {
    const [granted] = caseSpec
      .given([atStation(), given('grant'), meansWithin()])
      .when(grant, { now: NOW })
      .events();
    expect(granted!.data).toMatchObject({ preliminaryOpinion: 'followed' });
    const [refused] = caseSpec
      .given([atStation(), given('grant')])
      .when(refuse, { now: NOW })
      .events();
    expect(refused!.data).toMatchObject({ preliminaryOpinion: 'departed' });
  });

  it('a decision without an opinion carries none', () => {
    const [granted] = caseSpec.given([atStation(), meansWithin()]).when(grant, { now: NOW }).events();
    expect(granted!.data).not.toHaveProperty('preliminaryOpinion');
  });

  it("the station's record keeps the first decision, for the station-to-agency time", () => {
    const state = caseSpec
      .given([
        atStation(),
        given('refuse'),
        meansWithin(),
        ...caseSpec
          .given([atStation(), given('refuse'), meansWithin()])
          .when(grant, { now: NOW })
          .events(),
      ])
      .state();
    expect(state.station).toEqual({
      stationId: STATION,
      opinion: { recommendation: 'refuse', givenAt: T('2026-03-02 15:00') },
      decision: { decision: 'granted', preliminaryOpinion: 'departed', decidedAt: NOW },
    });
  });
});

describe("a station's counters", () => {
  it('date the receipt, the opinion and the decision, with the China calendar days between receipt and decision', () => {
    const counted: [string, string][] = [];
    stationCaseCounts(
      {
        stationId: STATION,
        opinion: { recommendation: 'grant', givenAt: T('2026-03-02 15:00') },
        decision: { decision: 'granted', preliminaryOpinion: 'followed', decidedAt: T('2026-03-05 00:30') },
      },
      T('2026-03-01 23:30'),
      (day, counter) => counted.push([day, counter]),
    );
    expect(counted).toEqual([
      ['2026-03-01', `station.${STATION}.applications`],
      ['2026-03-02', `station.${STATION}.opinions`],
      ['2026-03-05', `station.${STATION}.decided`],
      ['2026-03-05', `station.${STATION}.followed`],
      ['2026-03-05', `station.${STATION}.days.4`],
    ]);
  });

  it('give the median of a histogram of days: the middle value, or the mean of the two middle ones', () => {
    expect(medianOfDays({})).toBeNull();
    expect(medianOfDays({ 1: 1, 3: 1, 9: 1 })).toBe(3);
    expect(medianOfDays({ 2: 2, 6: 2 })).toBe(4);
    expect(medianOfDays({ 0: 3, 10: 1 })).toBe(0);
  });
});

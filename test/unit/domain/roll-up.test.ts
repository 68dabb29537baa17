import { describe, expect, it } from 'vitest';
import { changeDays, isReportableKind, rollUpOf } from '../../../domain/statistics/roll-up.ts';
import { periodDays } from '../../../domain/statistics/period.ts';
import type { Registry } from '../../../domain/organisation/registry.ts';
import { seededRegistry } from './organisation-fixtures.ts';

// Reports roll up along the registry on the period's own dates (domain/statistics/roll-up.ts), here
// on the seed: Zhejiang and Anhui, Jianggan's agency merged into Shangcheng's on 2021-04-09.

const registry = seededRegistry();
const NOV_2026 = periodDays({ kind: 'month', month: '2026-11' });
const YEAR_2021 = periodDays({ kind: 'year', year: 2021 });

/** The nodes directly under `node` on `date` that a report may be asked for. */
const reportableChildren = (r: Registry, node: string, date: string) =>
  r.descendants(node, date).filter((d) => r.parentOf(d, date) === node && isReportableKind(r.get(d)!.kind));

/** Every day of [first, last], in order. */
const everyDay = (first: string, last: string) => {
  const days: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d = new Date(d.getTime() + 86_400_000))
    days.push(d.toISOString().slice(0, 10));
  return days;
};

describe('the period as business dates', () => {
  it('runs from the first to the last China date of the month or year', () => {
    expect(periodDays({ kind: 'month', month: '2024-02' })).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(periodDays({ kind: 'month', month: '2026-12' })).toEqual({ first: '2026-12-01', last: '2026-12-31' });
    expect(YEAR_2021).toEqual({ first: '2021-01-01', last: '2021-12-31' });
  });
});

describe('which agencies a node reports', () => {
  it("a city: the agencies its bureau and its districts' bureaus set up, the ones Hangzhou's city list held", () => {
    const hz = rollUpOf(registry, 'justice-bureau:hz', NOV_2026.first, NOV_2026.last);
    // The seven agencies of the hard-coded city list this replaces (domain/statistics/cities.ts, removed),
    // and Jianggan's, merged into Shangcheng's: records still filed under it count there, in the city.
    expect(hz.agencyIds).toEqual(
      [
        'agency:hz-jianggan',
        'agency:hz-city',
        'agency:hz-xihu',
        'agency:hz-shangcheng',
        'agency:hz-gongshu',
        'agency:hz-binjiang',
        'agency:hz-xiaoshan',
        'agency:hz-yuhang',
      ].sort(),
    );
    expect(rollUpOf(registry, 'justice-bureau:huainan', NOV_2026.first, NOV_2026.last).agencyIds).toEqual(
      ['agency:huainan-city', 'agency:huainan-shouxian', 'agency:huainan-fengtai', 'agency:huainan-tianjiaan'].sort(),
    );
  });

  it("a province: its own centre and every city's, never another province's", () => {
    const zj = rollUpOf(registry, 'justice-department:zj', NOV_2026.first, NOV_2026.last);
    expect(zj.agencyIds).toContain('agency:zj');
    expect(zj.agencyIds).toContain('agency:nb-yinzhou');
    expect(zj.agencyIds.filter((a) => registry.provinceOf(a, NOV_2026.first) !== 'justice-department:zj')).toEqual([]);
    expect(zj.counts('agency:hf-shushan', '2026-11-10')).toBe(false);
    const ah = rollUpOf(registry, 'justice-department:ah', NOV_2026.first, NOV_2026.last);
    expect(ah.agencyIds.filter((a) => zj.agencyIds.includes(a))).toEqual([]);
  });

  it('an agency: itself; a county bureau: its agency', () => {
    expect(rollUpOf(registry, 'agency:hz-xihu', NOV_2026.first, NOV_2026.last).agencyIds).toEqual(['agency:hz-xihu']);
    expect(rollUpOf(registry, 'justice-bureau:hz-xihu', NOV_2026.first, NOV_2026.last).agencyIds).toEqual(['agency:hz-xihu']);
  });

  it('only agencies and justice bodies are nodes a report may be asked for', () => {
    const kinds = (ids: string[]) => ids.map((id) => isReportableKind(registry.get(id)!.kind));
    expect(kinds(['agency:hz-xihu', 'justice-bureau:hz-xihu', 'justice-bureau:hz', 'justice-department:zj'])).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(kinds(['court:hz-xihu', 'workstation:hz-xihu-court', 'law-firm:hz-xihu-mingli', 'detention-centre:hz-1'])).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('a period that spans a merger splits at the merger date', () => {
  it("Jianggan's records count under its own bureau before 2021-04-09 and under Shangcheng's from it; the city's throughout", () => {
    const jianggan = rollUpOf(registry, 'justice-bureau:hz-jianggan', YEAR_2021.first, YEAR_2021.last);
    const shangcheng = rollUpOf(registry, 'justice-bureau:hz-shangcheng', YEAR_2021.first, YEAR_2021.last);
    const hz = rollUpOf(registry, 'justice-bureau:hz', YEAR_2021.first, YEAR_2021.last);
    expect(jianggan.agencyIds).toEqual(['agency:hz-jianggan']);
    expect(shangcheng.agencyIds).toEqual(['agency:hz-jianggan', 'agency:hz-shangcheng']);
    const at = (day: string) => [jianggan, shangcheng, hz].map((n) => n.counts('agency:hz-jianggan', day));
    expect(at('2021-04-08')).toEqual([true, false, true]);
    expect(at('2021-04-09')).toEqual([false, true, true]);
    expect(changeDays(registry, YEAR_2021.first, YEAR_2021.last)).toEqual(['2021-01-01', '2021-04-09']);
  });

  it('after the merger year the absorbed agency reports nothing of its own and counts under its successor', () => {
    const gone = rollUpOf(registry, 'agency:hz-jianggan', NOV_2026.first, NOV_2026.last);
    expect(gone.agencyIds).toEqual([]);
    expect(rollUpOf(registry, 'agency:hz-shangcheng', NOV_2026.first, NOV_2026.last).agencyIds).toEqual([
      'agency:hz-jianggan',
      'agency:hz-shangcheng',
    ]);
  });

  it('an agency moved to another district mid-year counts under each for its own days', () => {
    const moved = seededRegistry([
      {
        organisationId: 'agency:hz-moving',
        command: {
          type: 'RegisterOrganisation',
          data: {
            organisationId: 'agency:hz-moving',
            kind: 'legal-aid-agency',
            name: '示例法律援助中心',
            parentId: 'justice-bureau:hz-xihu',
            divisionCode: '330106',
            validFrom: '2026-01-01',
            contacts: [],
          },
        },
      },
      {
        organisationId: 'agency:hz-moving',
        command: {
          type: 'MoveOrganisation',
          data: { parentId: 'justice-bureau:hz-gongshu', divisionCode: '330105', effectiveFrom: '2026-06-15' },
        },
      },
    ]);
    const year = periodDays({ kind: 'year', year: 2026 });
    const xihu = rollUpOf(moved, 'justice-bureau:hz-xihu', year.first, year.last);
    const gongshu = rollUpOf(moved, 'justice-bureau:hz-gongshu', year.first, year.last);
    expect(xihu.agencyIds).toContain('agency:hz-moving');
    expect(gongshu.agencyIds).toContain('agency:hz-moving');
    expect([xihu.counts('agency:hz-moving', '2026-06-14'), gongshu.counts('agency:hz-moving', '2026-06-14')]).toEqual([true, false]);
    expect([xihu.counts('agency:hz-moving', '2026-06-15'), gongshu.counts('agency:hz-moving', '2026-06-15')]).toEqual([false, true]);
    // Before it opened it counts nowhere.
    expect(rollUpOf(moved, 'justice-bureau:hz', '2025-01-01', '2025-12-31').agencyIds).not.toContain('agency:hz-moving');
  });
});

describe("a parent's figures are its children's, on every day", () => {
  it('every record of every agency counts under a city (province) exactly when it counts under one of its children', () => {
    const everyAgency = registry
      .all()
      .filter((s) => s.kind === 'legal-aid-agency')
      .map((s) => s.organisationId);
    const parents = ['justice-department:zj', 'justice-department:ah', 'justice-bureau:hz', 'justice-bureau:nb', 'justice-bureau:huainan'];
    let counted = 0;
    // Every day of 2021 (the merger year), not only the change days the roll-up itself picks.
    for (const day of everyDay('2021-03-25', '2021-04-20')) {
      for (const parent of parents) {
        const whole = rollUpOf(registry, parent, day, day);
        const parts = reportableChildren(registry, parent, day).map((c) => rollUpOf(registry, c, day, day));
        expect(parts.length).toBeGreaterThan(1);
        for (const agency of everyAgency) {
          const under = parts.filter((p) => p.counts(agency, day)).length;
          expect(under, `${agency} on ${day} under ${parent}`).toBe(whole.counts(agency, day) ? 1 : 0);
          counted += under;
        }
      }
    }
    // Not vacuous: records were counted somewhere on each of those days.
    expect(counted).toBeGreaterThan(0);
  });
});

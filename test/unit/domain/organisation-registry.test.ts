import { describe, expect, it } from 'vitest';
import { allowedParentKinds } from '../../../domain/organisation/kinds.ts';
import { COUNTRY } from '../../../domain/organisation/registry.ts';
import { roleFitsKind, roleKinds } from '../../../domain/organisation/role-fit.ts';
import { organisationKindSchema } from '../../../events/catalogue/organisation-vocabulary.ts';
import { roles } from '../../../functions/lib/auth/roles.ts';
import { devPrincipals } from '../../../infra/local/dev-issuer.ts';
import { seededRegistry } from './organisation-fixtures.ts';

const TODAY = '2026-12-01';
const registry = seededRegistry();
const today = registry.asOf(TODAY);

describe('the tree of the seed', () => {
  it("finds the bureau over an agency, a workstation and the province's own centre", () => {
    expect(today.bureauOver('agency:hz-xihu')).toBe('justice-bureau:hz-xihu');
    expect(today.bureauOver('agency:hz-city')).toBe('justice-bureau:hz');
    expect(today.bureauOver('workstation:hz-xihu-court')).toBe('justice-bureau:hz-xihu');
    expect(today.bureauOver('agency:zj')).toBe('justice-department:zj');
    expect(today.bureauOver('justice-department:zj')).toBeNull();
  });

  it('gives the province of any node from the tree', () => {
    expect(today.provinceOf('court:hz-xihu')).toBe('justice-department:zj');
    expect(today.provinceOf('agency:huainan-shouxian')).toBe('justice-department:ah');
    expect(today.provinceOf('justice-department:ah')).toBe('justice-department:ah');
    expect(today.provinceOf('agency:nowhere')).toBeNull();
  });

  it('follows the tree, not the id: an organisation named "hz-" registered in Hefei is in Anhui', () => {
    const r = seededRegistry([
      {
        organisationId: 'agency:hz-lookalike',
        command: {
          type: 'RegisterOrganisation',
          data: {
            organisationId: 'agency:hz-lookalike',
            kind: 'legal-aid-agency',
            name: '示例',
            parentId: 'justice-bureau:hf-shushan',
            divisionCode: '340104',
            validFrom: '2026-01-01',
            contacts: [],
          },
        },
      },
    ]);
    expect(r.provinceOf('agency:hz-lookalike', TODAY)).toBe('justice-department:ah');
    expect(r.liesUnder('agency:hz-lookalike', 'justice-bureau:hz', TODAY)).toBe(false);
    expect(r.liesUnder('agency:hz-lookalike', 'justice-bureau:hf', TODAY)).toBe(true);
  });

  it('says what lies under what, itself included', () => {
    expect(today.liesUnder('agency:hz-xihu', 'justice-bureau:hz')).toBe(true);
    expect(today.liesUnder('agency:hz-xihu', 'justice-department:zj')).toBe(true);
    expect(today.liesUnder('agency:hz-xihu', 'agency:hz-xihu')).toBe(true);
    expect(today.liesUnder('agency:hz-xihu', 'justice-bureau:hz-shangcheng')).toBe(false);
    expect(today.liesUnder('agency:hz-xihu', 'justice-department:ah')).toBe(false);
    expect(today.liesUnder('justice-bureau:hz', 'agency:hz-xihu')).toBe(false);
    expect(today.liesUnder('agency:nowhere', 'justice-bureau:hz')).toBe(false);
  });

  it('lists the agencies of a city, as the hard-coded city list it replaced held them', () => {
    expect(today.descendants('justice-bureau:hz', ['legal-aid-agency']).sort()).toEqual(
      [
        'agency:hz-city',
        'agency:hz-xihu',
        'agency:hz-shangcheng',
        'agency:hz-gongshu',
        'agency:hz-binjiang',
        'agency:hz-xiaoshan',
        'agency:hz-yuhang',
      ].sort(),
    );
    expect(today.descendants('justice-bureau:huainan', ['legal-aid-agency']).sort()).toEqual(
      ['agency:huainan-city', 'agency:huainan-shouxian', 'agency:huainan-fengtai', 'agency:huainan-tianjiaan'].sort(),
    );
    expect(today.descendants('justice-bureau:hz-xihu', ['court', 'procuratorate', 'police-office']).sort()).toEqual([
      'court:hz-xihu',
      'police:hz-xihu',
      'procuratorate:hz-xihu',
    ]);
  });

  it('rolls an agency up to its county bureau, city, province and the country', () => {
    expect(today.rollUpPath('agency:hz-xihu')).toEqual([
      'agency:hz-xihu',
      'justice-bureau:hz-xihu',
      'justice-bureau:hz',
      'justice-department:zj',
      COUNTRY,
    ]);
    expect(today.rollUpPath('agency:hf-city')).toEqual(['agency:hf-city', 'justice-bureau:hf', 'justice-department:ah', COUNTRY]);
  });
});

describe('dated questions', () => {
  it('before Jianggan merged into Shangcheng its agency lay under its own bureau; from the merger its records lie with the successor', () => {
    const before = registry.asOf('2021-04-08');
    const from = registry.asOf('2021-04-09');
    expect(before.validity('agency:hz-jianggan')).toBe('open');
    expect(from.validity('agency:hz-jianggan')).toBe('merged');
    expect(before.liesUnder('agency:hz-jianggan', 'justice-bureau:hz-jianggan')).toBe(true);
    expect(before.liesUnder('agency:hz-jianggan', 'justice-bureau:hz-shangcheng')).toBe(false);
    expect(from.liesUnder('agency:hz-jianggan', 'justice-bureau:hz-jianggan')).toBe(false);
    expect(from.liesUnder('agency:hz-jianggan', 'justice-bureau:hz-shangcheng')).toBe(true);
    expect(from.resolve('agency:hz-jianggan')).toBe('agency:hz-shangcheng');
    expect(from.bureauOver('agency:hz-jianggan')).toBe('justice-bureau:hz-shangcheng');
    expect(before.descendants('justice-bureau:hz', ['legal-aid-agency'])).toContain('agency:hz-jianggan');
    expect(from.descendants('justice-bureau:hz', ['legal-aid-agency'])).not.toContain('agency:hz-jianggan');
  });

  it('knows nothing before an organisation opened', () => {
    expect(registry.validity('agency:hz-xihu', '1999-12-31')).toBe('not-yet-open');
    expect(registry.liesUnder('agency:hz-xihu', 'justice-bureau:hz', '1999-12-31')).toBe(false);
    expect(registry.validity('agency:nowhere', TODAY)).toBe('unknown');
  });

  it('answers by the name in force on the date, and a rename changes nothing in the tree', () => {
    const r = seededRegistry([
      {
        organisationId: 'agency:hz-xihu',
        command: { type: 'RenameOrganisation', data: { name: '杭州市西湖区公共法律服务中心', effectiveFrom: '2026-06-01' } },
      },
    ]);
    expect(r.describe('agency:hz-xihu', '2026-05-31')?.name).toBe('杭州市西湖区法律援助中心');
    expect(r.describe('agency:hz-xihu', '2026-06-01')?.name).toBe('杭州市西湖区公共法律服务中心');
    expect(r.liesUnder('agency:hz-xihu', 'justice-bureau:hz-xihu', '2026-06-01')).toBe(true);
  });

  it('moves an agency from a date: before it, the county bureau is over it; from it, the city bureau', () => {
    const r = seededRegistry([
      {
        organisationId: 'agency:hz-binjiang',
        command: { type: 'MoveOrganisation', data: { parentId: 'justice-bureau:hz', effectiveFrom: '2026-07-01' } },
      },
    ]);
    expect(r.bureauOver('agency:hz-binjiang', '2026-06-30')).toBe('justice-bureau:hz-binjiang');
    expect(r.bureauOver('agency:hz-binjiang', '2026-07-01')).toBe('justice-bureau:hz');
    expect(r.liesUnder('agency:hz-binjiang', 'justice-bureau:hz-binjiang', '2026-07-01')).toBe(false);
  });
});

describe('roles and kinds', () => {
  it('names every token role, and nothing else', () => {
    expect(Object.keys(roleKinds).sort()).toEqual([...roles].sort());
  });

  it("never lets a court, procuratorate or police office hold an agency role, nor an agency a bureau auditor's", () => {
    for (const kind of ['court', 'procuratorate', 'police-office', 'detention-centre'] as const) {
      for (const role of ['agency-reviewer', 'supervisor', 'finance', 'administrator', 'auditor', 'aid-worker'])
        expect(roleFitsKind(role, kind)).toBe(false);
    }
    expect(roleFitsKind('court', 'court')).toBe(true);
    expect(roleFitsKind('auditor', 'legal-aid-agency')).toBe(false);
    expect(roleFitsKind('agency-reviewer', 'court-workstation')).toBe(false);
    expect(roleFitsKind('no-such-role', 'legal-aid-agency')).toBe(false);
  });

  it('fits every development token: its organisation is in the seed and of a kind its role may hold', () => {
    for (const p of devPrincipals) {
      const org = registry.get(p.org);
      expect(org, p.org).not.toBeNull();
      expect(roleFitsKind(p.role, org!.kind), `${p.role} at ${p.org}`).toBe(true);
      expect(registry.isOpen(p.org, TODAY)).toBe(true);
    }
  });
});

describe('the parent rules', () => {
  it('can never close a cycle: no kind reaches itself through the kinds it may sit under', () => {
    const reaches = (from: string, target: string, seen = new Set<string>()): boolean =>
      (allowedParentKinds[from as keyof typeof allowedParentKinds] ?? []).some(
        (p) => p === target || (!seen.has(p) && (seen.add(p), reaches(p, target, seen))),
      );
    for (const kind of organisationKindSchema.options) expect(reaches(kind, kind), kind).toBe(false);
  });
});

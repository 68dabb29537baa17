import { describe, expect, it } from 'vitest';
import { divisionLevelOf, divisionLiesIn, provinceCodeOf } from '../../../domain/organisation/division-code.ts';
import { idFitsKind, idPrefixForKind } from '../../../domain/organisation/kinds.ts';
import { tokenOrganisationRefusal } from '../../../domain/organisation/token-fit.ts';
import { divisionCodeSchema, organisationKindSchema } from '../../../events/catalogue/organisation-vocabulary.ts';
import { organisationIdSchema } from '../../../events/catalogue/vocabulary.ts';
import { seededRegistry } from './organisation-fixtures.ts';

describe('division codes (GB/T 2260)', () => {
  it('accepts six digits under a known province, with no county part without a prefecture part', () => {
    for (const ok of ['330000', '330100', '330106', '340422', '429004', '110101'])
      expect(divisionCodeSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['33010', '3301066', '33010a', '990100', '000000', '330006'])
      expect(divisionCodeSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('reads levels and containment from the prefixes', () => {
    expect([divisionLevelOf('330000'), divisionLevelOf('330100'), divisionLevelOf('330106')]).toEqual(['province', 'city', 'county']);
    expect(divisionLiesIn('330106', '330100')).toBe(true);
    expect(divisionLiesIn('330106', '330000')).toBe(true);
    expect(divisionLiesIn('330106', '330106')).toBe(true);
    expect(divisionLiesIn('330212', '330100')).toBe(false);
    expect(divisionLiesIn('340104', '330000')).toBe(false);
    expect(provinceCodeOf('340422')).toBe('340000');
  });
});

describe('ids and kinds', () => {
  it('gives every kind a prefix whose ids are valid organisation ids and fit the kind', () => {
    for (const kind of organisationKindSchema.options) {
      const id = `${idPrefixForKind(kind)}:x-1`;
      expect(organisationIdSchema.safeParse(id).success, id).toBe(true);
      expect(idFitsKind(id, kind), id).toBe(true);
    }
    expect(idFitsKind('justice-bureau:hz', 'city-bureau')).toBe(true);
    expect(idFitsKind('justice-bureau:hz-xihu', 'county-bureau')).toBe(true);
    expect(idFitsKind('agency:hz-xihu', 'court')).toBe(false);
    expect(idFitsKind('city:hz', 'city-bureau')).toBe(false);
  });
});

describe('a token against the registry', () => {
  const registry = seededRegistry();
  it('refuses an organisation the registry does not know, one that has ended, and a role its kind does not hold', () => {
    expect(tokenOrganisationRefusal(registry, 'agency-reviewer', 'agency:hz-xihu', '2026-12-01')).toBeNull();
    expect(tokenOrganisationRefusal(registry, 'agency-reviewer', 'agency:elsewhere', '2026-12-01')?.reason).toMatch(
      /knows no organisation/,
    );
    expect(tokenOrganisationRefusal(registry, 'agency-reviewer', 'agency:hz-jianggan', '2026-12-01')?.reason).toMatch(
      /merged into agency:hz-shangcheng/,
    );
    expect(tokenOrganisationRefusal(registry, 'agency-reviewer', 'agency:hz-jianggan', '2021-04-08')).toBeNull();
    expect(tokenOrganisationRefusal(registry, 'agency-reviewer', 'court:hz-xihu', '2026-12-01')?.reason).toMatch(
      /court does not hold the role agency-reviewer/,
    );
    expect(tokenOrganisationRefusal(registry, 'auditor', 'agency:hz-xihu', '2026-12-01')).not.toBeNull();
  });
});

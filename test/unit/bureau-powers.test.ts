import { describe, expect, it } from 'vitest';
import { initialCaseState, type CaseState } from '../../domain/case/state.ts';
import type { Admitted } from '../../functions/lib/auth/admitted.ts';
import { assertBureauOverCase, isBureauPower, withBureau } from '../../functions/lib/auth/bureau-powers.ts';
import { HttpError } from '../../functions/lib/http/http-error.ts';
import { seededRegistry } from './domain/organisation-fixtures.ts';

// Art 49 and Art 64 on the seeded tree: only the bureau that set up the case's agency (bureauOver)
// records and decides objections and finds deception.

const registry = seededRegistry();
const TODAY = '2026-04-03';

const admitted = (organisation: string, role = 'administrator'): Admitted => ({
  id: 'someone',
  role,
  organisation,
  workstation: null,
  registry,
  today: TODAY,
  kind: registry.get(organisation)!.kind,
});

const caseOf = (agencyId: string): CaseState => ({ ...initialCaseState(), status: 'refused', caseId: 'case-1', agencyId });

const refusalOf = (act: () => void): HttpError => {
  try {
    act();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the bureau over the agency, from the registry', () => {
  it('names the three bureau powers and nothing else', () => {
    expect(['LodgeObjection', 'DecideObjection', 'RecordDeceptionFinding'].every(isBureauPower)).toBe(true);
    expect(['TransmitObjection', 'ReinstateAid', 'GrantAid', 'TerminateAid'].some(isBureauPower)).toBe(false);
  });

  it('admits the county bureau that set up agency:hz-xihu', () => {
    for (const command of ['LodgeObjection', 'DecideObjection', 'RecordDeceptionFinding'])
      expect(() => assertBureauOverCase(admitted('justice-bureau:hz-xihu'), command, {}, caseOf('agency:hz-xihu'))).not.toThrow();
  });

  it('refuses the agency itself, a sibling bureau, another province, and the city bureau above (403, with the reason)', () => {
    for (const organisation of ['agency:hz-xihu', 'justice-bureau:hz-gongshu', 'justice-bureau:hf-shushan', 'justice-bureau:hz']) {
      const error = refusalOf(() => assertBureauOverCase(admitted(organisation), 'DecideObjection', {}, caseOf('agency:hz-xihu')));
      expect(error, organisation).toMatchObject({ status: 403, code: 'NOT_THE_BUREAU_OVER_AGENCY', details: { rule: 'Art 49, Art 64' } });
      expect(error.message).toContain('justice-bureau:hz-xihu');
      expect(error.message).toContain(organisation);
    }
    const finding = refusalOf(() =>
      assertBureauOverCase(admitted('agency:hz-xihu'), 'RecordDeceptionFinding', {}, caseOf('agency:hz-xihu')),
    );
    expect(finding.message).toContain('Art 64');
  });

  it('follows a merger: a case of the merged Jianggan agency goes to the Shangcheng bureau', () => {
    const jianggan = caseOf('agency:hz-jianggan');
    expect(() => assertBureauOverCase(admitted('justice-bureau:hz-shangcheng'), 'DecideObjection', {}, jianggan)).not.toThrow();
    expect(refusalOf(() => assertBureauOverCase(admitted('justice-bureau:hz-xihu'), 'DecideObjection', {}, jianggan)).status).toBe(403);
  });

  it('refuses a body naming another bureau on that field (422); naming the right one, or none, is fine', () => {
    const bureau = admitted('justice-bureau:hz-xihu');
    const error = refusalOf(() =>
      assertBureauOverCase(bureau, 'LodgeObjection', { justiceBureauId: 'justice-bureau:elsewhere' }, caseOf('agency:hz-xihu')),
    );
    expect(error).toMatchObject({ status: 422, code: 'BUREAU_MISMATCH', field: 'justiceBureauId' });
    expect(() =>
      assertBureauOverCase(bureau, 'LodgeObjection', { justiceBureauId: 'justice-bureau:hz-xihu' }, caseOf('agency:hz-xihu')),
    ).not.toThrow();
  });

  it('fills the bureau into the data: the caller for a bureau power, the bureau over the agency for a transmission', () => {
    expect(withBureau(admitted('justice-bureau:hz-xihu'), 'LodgeObjection', { objectionId: 'o' })).toEqual({
      objectionId: 'o',
      justiceBureauId: 'justice-bureau:hz-xihu',
    });
    expect(withBureau(admitted('agency:hf-shushan', 'agency-reviewer'), 'TransmitObjection', { objectionId: 'o' })).toEqual({
      objectionId: 'o',
      justiceBureauId: 'justice-bureau:hf-shushan',
    });
    expect(withBureau(admitted('agency:hz-xihu', 'agency-reviewer'), 'GrantAid', { legalBasis: 'x' })).toEqual({ legalBasis: 'x' });
  });
});

import { describe, expect, it } from 'vitest';
import { erasureDecider, type EraseCommand, type ErasureContext } from '../../../domain/privacy/erasure.ts';
import type { RecordFacts } from '../../../domain/privacy/record-facts.ts';
import { retentionRuleFor } from '../../../domain/rules/retention.ts';
import type { PrivacyEvent } from '../../../events/catalogue/privacy-events.ts';
import { PersonalDataErased } from '../../../events/catalogue/privacy-events.ts';
import { deciderSpec } from '../../support/decider-spec.ts';

// Given / when / then for erasure (PIPL Art 19, 47): the record's facts and the time are inputs; the
// retention period is the rule table's, so each expectation is computed from the rule, not written out.

const approver = { id: 'admin-xihu', role: 'administrator', organisation: 'bureau:hz-xihu' };
const NOW = '2040-06-01T10:00:00+08:00';
const civilCase = (over: Partial<RecordFacts> = {}): RecordFacts => ({
  kind: 'case',
  recordId: 'case-1',
  exists: true,
  agencyId: 'agency:hz-xihu',
  endedAt: '2026-03-02T10:00:00+08:00',
  tags: [],
  ...over,
});
const context = (record: RecordFacts, now = NOW): ErasureContext => ({ now, approver, record });
const spec = deciderSpec(erasureDecider, context(civilCase()));
const erase = (legalBasis: EraseCommand['data']['legalBasis'] = 'retention-ended', reason = 'retention period ended'): EraseCommand => ({
  type: 'ErasePersonalData',
  data: { legalBasis, reason },
});
const erasedBefore: PrivacyEvent = spec.given([]).when(erase()).events()[0]!;

/** The year the rule's period ends for a record ended in 2026, and the day before that. */
const endYear = (record: RecordFacts) => 2026 + retentionRuleFor(record.kind, record.tags).years!;

describe('erasure of a record\u2019s personal data (PIPL Art 47)', () => {
  it('erases a civil case once its period has ended, naming the basis, the approver and the rule', () => {
    const [event] = spec.given([]).when(erase()).then([erasedBefore]);
    const rule = retentionRuleFor('case', []);
    expect(event!.data).toMatchObject({
      recordKind: 'case',
      recordId: 'case-1',
      legalBasis: { code: 'retention-ended', article: expect.stringContaining('Art 47') },
      approver,
      retention: {
        ruleId: rule.id,
        years: rule.years,
        binding: rule.binding,
        endedOn: '2026-03-02',
        endsOn: `${endYear(civilCase())}-03-02`,
      },
      erasedAt: NOW,
    });
    expect(PersonalDataErased.schema.safeParse(event!.data).success).toBe(true);
  });

  it('erases on the very day the period ends, not the day before', () => {
    const day = `${endYear(civilCase())}-03-02`;
    spec
      .given([])
      .when(erase(), context(civilCase(), `${day}T00:00:00+08:00`))
      .events();
    spec
      .given([])
      .when(erase(), context(civilCase(), `${day}T00:00:00+08:00`.replace('-02T', '-01T')))
      .thenThrows('RETENTION_NOT_ENDED');
  });

  it('refuses before the period has ended, and for a case still open', () => {
    spec.given([]).when(erase(), { now: '2030-01-01T00:00:00+08:00' }).thenThrows('RETENTION_NOT_ENDED');
    spec
      .given([])
      .when(erase(), { record: civilCase({ endedAt: null }) })
      .thenThrows('RETENTION_NOT_ENDED');
  });

  it('a criminal case is kept longer than a civil one', () => {
    const criminal = civilCase({ tags: ['criminal'] });
    expect(endYear(criminal)).toBeGreaterThan(endYear(civilCase()));
    spec
      .given([])
      .when(erase(), { record: criminal, now: `${endYear(civilCase())}-06-01T00:00:00+08:00` })
      .thenThrows('RETENTION_NOT_ENDED');
  });

  it('refuses where a law requires keeping (death or life imprisonment, deception): only storage and protection remain', () => {
    const err = spec
      .given([])
      .when(erase('processing-unlawful'), { record: civilCase({ tags: ['criminal', 'death-or-life'] }), now: '2199-01-01T00:00:00+08:00' })
      .thenThrows('LAW_REQUIRES_KEEPING');
    expect(err.rule).toBe('PIPL Art 47(2)');
    spec
      .given([])
      .when(erase(), { record: civilCase({ tags: ['ended-by-deception'] }) })
      .thenThrows('LAW_REQUIRES_KEEPING');
  });

  it('erases a consultation early when the person withdrew consent, not a case file', () => {
    const consultation = civilCase({ kind: 'consultation', recordId: 'consult-1' });
    const early = '2026-04-01T00:00:00+08:00';
    const [event] = spec.given([]).when(erase('consent-withdrawn'), { record: consultation, now: early }).events();
    expect(event!.data.legalBasis.code).toBe('consent-withdrawn');
    expect(event!.data.retention.endsOn).toBeNull();
    spec.given([]).when(erase('consent-withdrawn'), { now: early }).thenThrows('RETENTION_NOT_ENDED');
  });

  it('refuses a second erasure, and a record that does not exist', () => {
    spec.given([erasedBefore]).when(erase()).thenThrows('ALREADY_ERASED');
    spec
      .given([])
      .when(erase(), { record: civilCase({ exists: false }) })
      .thenThrows('RECORD_NOT_FOUND');
  });

  it('folds only the erasure event: the record\u2019s own events leave the state as it was', () => {
    expect(spec.given([{ type: 'CaseClosed', data: {} } as never]).state()).toEqual(erasureDecider.initialState());
    expect(spec.given([erasedBefore]).state().erasedAt).toBe(NOW);
  });
});

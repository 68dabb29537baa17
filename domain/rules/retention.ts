// How long each kind of record keeps its personal data, as rule data (PIPL Art 19: no longer than the
// purpose needs, unless a law or administrative regulation sets a period; Art 47(1)(2): once the period
// ends, the processor deletes on its own initiative). A period counts from the day the record's business
// ended (a case closed, terminated, refused or withdrawn; a consultation given; a duty record closed; a
// worker deactivated), never from when it was opened.
//
// Binding or not: the Legal Aid Law (法律援助法) sets no retention period, and the archives rules that do
// (法律援助业务档案管理办法 of each province, named in seed 004; the Ministry of Justice and National
// Archives Administration's 律师业务档案管理办法; 档案法) were not available to verify here. Each period
// below is therefore marked `binding: false` with what to verify, and the decision that applies it says
// so in its event: a reviewer of this table replaces `to verify` with the article once checked.

export const recordKinds = ['case', 'consultation', 'duty', 'worker'] as const;
export type RecordKind = (typeof recordKinds)[number];

/**
 * The legal bases of an erasure (PIPL Art 47(1)): the period ended (2), the purpose is achieved or no
 * longer needs the data (1), the person withdrew consent (3), the processing breaks a law or the
 * agreement (4).
 */
export const erasureBases = ['retention-ended', 'purpose-achieved', 'consent-withdrawn', 'processing-unlawful'] as const;
export type ErasureBasis = (typeof erasureBases)[number];

export const erasureBasisArticles: Readonly<Record<ErasureBasis, string>> = {
  'retention-ended': 'PIPL Art 47(1)(2), Art 19',
  'purpose-achieved': 'PIPL Art 47(1)(1)',
  'consent-withdrawn': 'PIPL Art 47(1)(3)',
  'processing-unlawful': 'PIPL Art 47(1)(4)',
};

export type RetentionRule = {
  id: string;
  recordKind: RecordKind;
  /** Facts of the record this rule is for (all must hold); the first matching rule of a kind applies. */
  when: readonly RecordTag[];
  /** Whole years from the day the record's business ended; null: kept permanently (a law requires keeping). */
  years: number | null;
  source: string;
  /** Whether `source` was checked to be a law or regulation binding the agency. */
  binding: boolean;
  /**
   * Bases that allow erasure before the period ends. A legal-aid file is kept under a legal duty (PIPL
   * Art 13(1)(3)), not on consent, so only unlawful processing erases a file early; a consultation
   * ledger entry can be anonymous (Art 23) and its person may withdraw consent.
   */
  earlyBases: readonly ErasureBasis[];
};

/** Facts of a record a rule may depend on (domain/privacy/record-facts.ts derives them). */
export type RecordTag = 'criminal' | 'death-or-life' | 'ended-by-deception';

const toVerify = (what: string) => `${what} (to verify)`;

export const retentionRules: readonly RetentionRule[] = [
  {
    id: 'case-death-or-life',
    recordKind: 'case',
    when: ['death-or-life'],
    years: null,
    source: toVerify('律师业务档案管理办法: defence files of death-penalty and life-imprisonment cases are kept permanently (永久)'),
    binding: false,
    earlyBases: [],
  },
  {
    id: 'case-deception',
    recordKind: 'case',
    when: ['ended-by-deception'],
    years: null,
    source: toVerify('Legal Aid Law Art 64: the cost of aid obtained by deception is recovered; the file is evidence until it is'),
    binding: false,
    earlyBases: [],
  },
  {
    id: 'case-criminal',
    recordKind: 'case',
    when: ['criminal'],
    years: 30,
    source: toVerify('法律援助业务档案管理办法 (provincial) / 档案法: criminal case files 定期30年'),
    binding: false,
    earlyBases: ['processing-unlawful'],
  },
  {
    id: 'case-file',
    recordKind: 'case',
    when: [],
    years: 10,
    source: toVerify('法律援助业务档案管理办法 (provincial) / 档案法: civil, administrative and other case files 定期10年'),
    binding: false,
    earlyBases: ['processing-unlawful'],
  },
  {
    id: 'consultation-ledger',
    recordKind: 'consultation',
    when: [],
    years: 3,
    source: toVerify('Legal Aid Law Art 23 requires the ledger (咨询台账) but no period; 3 years is this system’s proposal'),
    binding: false,
    earlyBases: ['consent-withdrawn', 'purpose-achieved', 'processing-unlawful'],
  },
  {
    id: 'duty-record',
    recordKind: 'duty',
    when: [],
    years: 10,
    source: toVerify('法律援助值班律师工作办法 (2020) asks for records of duty-lawyer help but sets no period; 10 years as a case file'),
    binding: false,
    earlyBases: ['processing-unlawful'],
  },
  {
    id: 'worker-record',
    recordKind: 'worker',
    when: [],
    years: 5,
    source: toVerify('no period found for the aid-worker registry; 5 years after deactivation covers complaints and subsidy audits'),
    binding: false,
    earlyBases: ['processing-unlawful'],
  },
];

/** The rule that applies to a record of `kind` with `tags`: the first of its kind whose facts all hold. */
export const retentionRuleFor = (kind: RecordKind, tags: readonly RecordTag[], rules = retentionRules): RetentionRule => {
  const rule = rules.find((r) => r.recordKind === kind && r.when.every((t) => tags.includes(t)));
  if (!rule) throw new Error(`no retention rule for ${kind}`);
  return rule;
};

/** The first day the record may be erased: its end day plus the rule's years (29 Feb → 28 Feb); null if kept permanently. */
export const retentionEndsOn = (rule: RetentionRule, endedOn: string): string | null => {
  if (rule.years === null) return null;
  const [y, m, d] = endedOn.split('-').map(Number) as [number, number, number];
  const year = y + rule.years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
};

// Key prefixes of the read-models table, per projection. Each projection owns the items whose pk
// starts with one of its prefixes (and only those): a rebuild drops exactly these.

export const ownedPrefixes = {
  'case-status': ['case#'],
  quality: ['quality#'],
  funding: ['funding#'],
} as const;

export const qualityKeys = {
  casePk: (caseId: string) => `quality#case#${caseId}`,
  consultationPk: (consultationId: string) => `quality#consultation#${consultationId}`,
  /** gsi1: an agency's cases by receipt. */
  agency: (agencyId: string) => `quality#agency#${agencyId}`,
  /** gsi2: an agency's closed cases by closing. */
  closed: (agencyId: string) => `quality#closed#${agencyId}`,
  /** gsi3: a worker's cases by receipt. */
  worker: (workerId: string) => `quality#worker#${workerId}`,
  /** gsi1: an agency's consultation ledger by time. */
  consultations: (agencyId: string) => `quality#consultations#${agencyId}`,
  dutyPk: (dutyId: string) => `quality#duty#${dutyId}`,
  /** gsi1: an agency's closed duty records by closing (the erasures-due list reads them). */
  closedDutyRecords: (agencyId: string) => `quality#closed-duty#${agencyId}`,
} as const;

export const fundingKeys = {
  casePk: (caseId: string) => `funding#case#${caseId}`,
  subsidyPk: (caseId: string) => `funding#subsidy#${caseId}`,
  fundPk: (agencyId: string, year: number, source: string) => `funding#fund#${agencyId}#${year}#${source}`,
  /** gsi1: an agency's closed cases (with their assessment) by closing. */
  agencyCases: (agencyId: string) => `funding#agency-cases#${agencyId}`,
  /** gsi3: a worker's closed cases by closing. */
  workerCases: (workerId: string) => `funding#worker-cases#${workerId}`,
  /** gsi1: an agency's subsidies by approval. */
  agencySubsidies: (agencyId: string) => `funding#agency-subsidies#${agencyId}`,
  /** gsi3: a worker's subsidies by approval. */
  workerSubsidies: (workerId: string) => `funding#worker-subsidies#${workerId}`,
  /** gsi1: an agency's funds by year and source. */
  agencyFunds: (agencyId: string) => `funding#agency-funds#${agencyId}`,
} as const;

// Key prefixes of the read-models table, per projection. Each projection owns the items whose pk
// starts with one of its prefixes (and only those): a rebuild drops exactly these.

export const ownedPrefixes = {
  'case-status': ['case#'],
  quality: ['quality#'],
  funding: ['funding#'],
  statistics: ['statistics#'],
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
  /** gsi2: a duty station's records by opening (its services by kind, for the station's figures). */
  stationDutyRecords: (stationId: string) => `quality#station-duty#${stationId}`,
  dutyShiftPk: (shiftId: string) => `quality#duty-shift#${shiftId}`,
  /** gsi1: a duty station's shifts by date. */
  stationShifts: (stationId: string) => `quality#station-shifts#${stationId}`,
  serviceAssessmentPk: (assessmentId: string) => `quality#service-assessment#${assessmentId}`,
  /** gsi1: the service-standard assessments of a year, by organisation (what the pass rates sum). */
  serviceAssessmentsOfYear: (year: number) => `quality#service-assessments#${year}`,
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

export const statisticsKeys = {
  /** A stream's contribution to the counters and the version it stands at (functions/projections/statistics.ts). */
  streamPk: (stream: string) => `statistics#stream#${stream}`,
  /** An agency's counters of one China month: the month's totals and each day's (functions/lib/read-models/statistics-counters.ts). */
  countersPk: (agencyId: string, month: string) => `statistics#counters#${agencyId}#${month}`,
  /** An open deadline of a case, removed when an event closes it. */
  openPk: (caseId: string) => `statistics#open#${caseId}`,
  /** gsi1: an agency's open deadlines of cases received in a year, by due time. */
  openByDue: (agencyId: string, year: string) => `statistics#open-due#${agencyId}#${year}`,
} as const;

/** How a period in days is counted: calendar days (日), or working days (工作日: not weekends or public holidays). */
export type DayUnit = 'day' | 'working-day';

/** The periods counted in days whose deadlines the case tracks; each set says in which unit it counts them. */
export type DayPeriod =
  | 'notificationDays'
  | 'reviewDays'
  | 'assignmentDays'
  | 'objectionDecisionDays'
  | 'correctionRedecisionDays'
  | 'materialsWithdrawalDays';

/**
 * One dated set of the figures the law leaves to data: periods, the Art 26 experience floor, the
 * Art 64 fine cap, local means-check waivers and supervision grading. A province's set applies from
 * its effective date until a later set of the same province replaces it (Art 34, Art 52).
 */
export type RuleSet = {
  id: string;
  /** GB/T 2260 province code; null for the national default that applies where no provincial set does. */
  province: string | null;
  /** China calendar date (YYYY-MM-DD) from which cases whose relevant date falls on or after it use this set. */
  effectiveFrom: string;
  /** Where the figures come from: the instruments, their articles, and a URL of a published text where one was read. */
  source: string;
  /**
   * Whether every figure was checked against a published text. False: at least one figure (named in
   * `notes`) is the closest rule or an illustrative value, not a verified reading of the instrument.
   */
  verified: boolean;
  /** What the set decides where the rules of the time were silent or unverified, so a reader sees it beside the data. */
  notes: readonly string[];
  /**
   * Articles the refusals cite, by the 2021 law's article (the error codes' `rule`), as this set's own
   * instruments number them. Empty for the 2021 law itself; an article missing here is cited as the
   * 2021 law's, marked so (domain/rules/cite.ts).
   */
  citations: Readonly<Record<string, string>>;
  /** The unit each period in days counts in. */
  dayUnits: Readonly<Record<DayPeriod, DayUnit>>;
  /**
   * A period that is null: the rules of the time set none (the 2003 regulation says only "及时",
   * promptly), so nothing is due and nothing is late under it, rather than borrowing a later figure.
   */
  periods: {
    /** Art 39: a detention centre or handling authority forwards an application within this many hours. */
    forwardingHours: number;
    /** Art 36: a court, procuratorate or police notifies within this many days of finding the case. */
    notificationDays: number | null;
    /** Art 43: the agency decides within this many days of receipt; time waiting for materials does not count. */
    reviewDays: number | null;
    /** Art 43 / Art 36: the agency assigns within this many days of a grant or of receiving a notification. */
    assignmentDays: number | null;
    /** Art 49: the justice bureau decides an objection within this many days. */
    objectionDecisionDays: number;
    /** Art 49: after a correction order the agency decides again (grants or refuses, reinstates or terminates) within this many days. */
    correctionRedecisionDays: number | null;
    /** Art 43: requested materials not supplied within this many days: the application is taken as withdrawn. */
    materialsWithdrawalDays: number;
    /** Art 44(1): a limitation period ending in fewer than this many days allows aid before the review ends. */
    art44LimitationDays: number | null;
  };
  /** Art 26: minimum years of relevant practice for life-imprisonment / death-penalty matters; null: no floor was set. */
  art26MinYearsExperience: number | null;
  /** Art 64: the highest fine, in fen; 0 where the rules of the time allowed no fine on the aided person. */
  fraudFineCapFen: number;
  /** Art 42(4): waivers of the means check that local rules add, by code. */
  localMeansWaivers: readonly { code: string; description: string }[];
  /** Case-file review grades by the lowest score each needs, best first (seed 002: scored with deductions). */
  fileReviewGrades: readonly { grade: 'excellent' | 'good' | 'pass' | 'fail'; minScore: number }[];
};

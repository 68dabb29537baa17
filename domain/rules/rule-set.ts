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
  source: string;
  periods: {
    /** Art 39: a detention centre or handling authority forwards an application within this many hours. */
    forwardingHours: number;
    /** Art 36: a court, procuratorate or police notifies within this many days of finding the case. */
    notificationDays: number;
    /** Art 43: the agency decides within this many days of receipt; time waiting for materials does not count. */
    reviewDays: number;
    /** Art 43 / Art 36: the agency assigns within this many days of a grant or of receiving a notification. */
    assignmentDays: number;
    /** Art 49: the justice bureau decides an objection within this many days. */
    objectionDecisionDays: number;
    /** Art 49: after a correction order the agency decides again (grants or refuses, reinstates or terminates) within this many days. */
    correctionRedecisionDays: number;
    /** Art 43: requested materials not supplied within this many days: the application is taken as withdrawn. */
    materialsWithdrawalDays: number;
    /** Art 44(1): a limitation period ending in fewer than this many days allows aid before the review ends. */
    art44LimitationDays: number;
  };
  /** Art 26: minimum years of relevant practice for life-imprisonment / death-penalty matters. */
  art26MinYearsExperience: number;
  /** Art 64: the highest fine, in fen. */
  fraudFineCapFen: number;
  /** Art 42(4): waivers of the means check that local rules add, by code. */
  localMeansWaivers: readonly { code: string; description: string }[];
  /** Case-file review grades by the lowest score each needs, best first (seed 002: scored with deductions). */
  fileReviewGrades: readonly { grade: 'excellent' | 'good' | 'pass' | 'fail'; minScore: number }[];
};

// Stream names of each kind. A notice counter is per agency and year; its version is the notice number.

export const caseStream = (caseId: string) => `case#${caseId}`;
export const consultationStream = (consultationId: string) => `consultation#${consultationId}`;
export const workerStream = (workerId: string) => `worker#${workerId}`;
export const noticeStream = (agencyId: string, year: number) => `notice#${agencyId}#${year}`;
/** One notice number of an older system's numbering, imported (events/catalogue/notice-events.ts LegacyNoticeStubFiled). */
export const legacyNoticeStream = (agencyId: string, system: string, printed: string) => `notice-legacy#${agencyId}#${system}#${printed}`;
export const dutyStream = (dutyId: string) => `duty#${dutyId}`;
/** A fund of an agency for a budget year and source (local budget, provincial fund, central lottery fund). */
export const fundStream = (agencyId: string, year: number, source: string) => `fund#${agencyId}#${year}#${source}`;
/** The subsidy of one closed case: its approval and payment. */
export const subsidyStream = (caseId: string) => `subsidy#${caseId}`;
/** One organisation of the registry (an agency, a bureau, a court…), by its id such as `agency:hz-xihu`. */
export const organisationStream = (organisationId: string) => `organisation#${organisationId}`;
/** The registry's index: one entry per registry command, so loading lists every organisation with one Query. */
export const registryIndexStream = 'registry#index';
/** An application referred to the competent agency (Art 38): the id the case would have had. */
export const referralStream = (referralId: string) => `referral#${referralId}`;

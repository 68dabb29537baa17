// Stream names of each kind. A notice counter is per agency and year; its version is the notice number.

export const caseStream = (caseId: string) => `case#${caseId}`;
export const consultationStream = (consultationId: string) => `consultation#${consultationId}`;
export const workerStream = (workerId: string) => `worker#${workerId}`;
export const noticeStream = (agencyId: string, year: number) => `notice#${agencyId}#${year}`;
/** One notice number of an older system's numbering, imported (events/catalogue/notice-events.ts LegacyNoticeStubFiled). */
export const legacyNoticeStream = (agencyId: string, system: string, printed: string) => `notice-legacy#${agencyId}#${system}#${printed}`;
/** The index of an agency's imported notice numbers of a year, all systems (LegacyNoticeIndexed): what the register reads. */
export const legacyNoticeIndexStream = (agencyId: string, year: number) => `notice-legacy-index#${agencyId}#${year}`;
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
/** One shift of a duty station's rota: its lawyers' attendance and the duty records opened on it. */
export const dutyShiftStream = (shiftId: string) => `duty-shift#${shiftId}`;
/** One lawyer's pay for one duty shift: its approval and payment. */
export const dutyPayStream = (shiftId: string, lawyerId: string) => `duty-pay#${shiftId}#${lawyerId}`;
/** A cooperation request between agencies (issue 19): A asks B to do a task in B's area. */
export const cooperationStream = (cooperationId: string) => `cooperation#${cooperationId}`;
/** An agency's index of the cooperation it asked for and was asked for: one status line per step. */
export const cooperationIndexStream = (agencyId: string) => `cooperation-index#${agencyId}`;
/** One organisation's service-standard assessment of one year (规范服务达标): self-assessment and inspection. */
export const serviceAssessmentStream = (assessmentId: string) => `service-assessment#${assessmentId}`;

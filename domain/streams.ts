// Stream names of each kind. A notice counter is per agency and year; its version is the notice number.

export const caseStream = (caseId: string) => `case#${caseId}`;
export const consultationStream = (consultationId: string) => `consultation#${consultationId}`;
export const workerStream = (workerId: string) => `worker#${workerId}`;
export const noticeStream = (agencyId: string, year: number) => `notice#${agencyId}#${year}`;
export const dutyStream = (dutyId: string) => `duty#${dutyId}`;

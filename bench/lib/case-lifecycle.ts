// A case's life as the workstations drive it over HTTP, 20 commands in order: the agency window
// receives the application, asks for and records materials, assesses means, grants aid and assigns
// the registered lawyer (numbered notice: the case and the agency's counter stream in one
// transaction); the lawyer then records 14 handling steps (meetings, file readings, progress
// reports, hearings). Each command loads the case, decides and appends: the stream grows to 20.
import { adminPrincipal, applicationBody, benchPrincipal, lawyerPrincipal } from './fixtures.ts';
import type { HttpClient } from './http-client.ts';

export const COMMANDS_PER_CASE = 20;

type Step = { path: (caseId: string) => string; as: string; body: () => Record<string, unknown> };

const now = () => new Date().toISOString();
const reviewer = benchPrincipal.sub;
const lawyer = lawyerPrincipal.sub;
const handling: Step[] = [
  {
    path: (id) => `/cases/${id}/meetings`,
    as: lawyer,
    body: () => ({ at: now(), summary: '会见受援人，核实欠薪事实', place: '西湖区法律援助中心' }),
  },
  {
    path: (id) => `/cases/${id}/file-readings`,
    as: lawyer,
    body: () => ({ at: now(), summary: '查阅仲裁案卷', authorityId: 'arbitration:hz-xihu' }),
  },
  { path: (id) => `/cases/${id}/progress-reports`, as: lawyer, body: () => ({ at: now(), summary: '告知仲裁进展', method: 'phone' }) },
  { path: (id) => `/cases/${id}/hearings`, as: lawyer, body: () => ({ at: now(), summary: '出庭', courtId: 'arbitration:hz-xihu' }) },
];

export const lifecycle: readonly Step[] = [
  { path: () => '/applications', as: reviewer, body: () => applicationBody },
  { path: (id) => `/cases/${id}/materials-requests`, as: reviewer, body: () => ({ items: ['收入证明', '劳动合同'] }) },
  { path: (id) => `/cases/${id}/materials`, as: reviewer, body: () => ({ items: ['收入证明', '劳动合同'], suppliedAt: now() }) },
  {
    path: (id) => `/cases/${id}/means-assessment`,
    as: reviewer,
    body: () => ({ method: 'integrity-pledge', result: 'within-standard', reference: null }),
  },
  { path: (id) => `/cases/${id}/grant`, as: reviewer, body: () => ({ legalBasis: '《法律援助法》第三十一条、第四十三条' }) },
  { path: (id) => `/cases/${id}/assignment`, as: reviewer, body: () => ({ workerId: lawyer }) },
  ...Array.from({ length: COMMANDS_PER_CASE - 6 }, (_, i) => handling[i % handling.length]!),
];

export type CommandAnswer = { caseId: string; version: number; events: { type: string; version: number }[] };

let keySeq = 0;
const newKey = () => `bench-${process.pid}-${Date.now().toString(36)}-${(keySeq++).toString(36)}`;

/**
 * Answers the client retried. Concurrent assignments in one agency race for the next number on the
 * agency's notice counter stream; the handler retries a lost race a few times, and past that the
 * workstation sees a 409 (or, when the retries outlast the function's time budget, a 500) and sends
 * the command again with the same Idempotency-Key and body — exactly one effect either way — as
 * this client does. Counted so the results show it.
 */
export const conflicts = { retried: 0, commandsRetried: 0, conflict409: 0, error5xx: 0 };

const retriable = (status: number, body: string) => (status === 409 && body.includes('notice#')) || status >= 500;

/** A kept-alive socket the server closed as the request went out: sent again (same key), counted. */
export const resets = { retried: 0 };

const send = async (client: HttpClient, path: string, headers: Record<string, string>, json: string) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.request('POST', path, headers, json);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET' || attempt >= 3) throw error;
      resets.retried++;
    }
  }
};

export const postCommand = async (client: HttpClient, token: string, path: string, body: unknown): Promise<CommandAnswer> => {
  const json = JSON.stringify(body);
  const key = newKey();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key };
  let answer = await send(client, path, headers, json);
  for (let attempt = 1; retriable(answer.status, answer.body) && attempt <= 5; attempt++) {
    conflicts.retried++;
    if (answer.status === 409) conflicts.conflict409++;
    else conflicts.error5xx++;
    if (attempt === 1) conflicts.commandsRetried++;
    await new Promise((r) => setTimeout(r, Math.random() * 20 * Math.min(attempt, 5)));
    answer = await send(client, path, headers, json);
  }
  if (answer.status !== 200 && answer.status !== 201)
    throw new Error(`POST ${path.replace(/[0-9a-f-]{36}/, '{id}')} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  const parsed = JSON.parse(answer.body) as { caseId?: string; id?: string; version: number; events?: { type: string; version: number }[] };
  return {
    caseId: parsed.caseId ?? parsed.id ?? '',
    version: parsed.version,
    events: (parsed.events ?? []).map((e) => ({ type: e.type, version: e.version })),
  };
};

/** Step `index` (0-based) of a case; `caseId` is null for the first, which opens the case. */
export const runStep = (client: HttpClient, tokens: Record<string, string>, caseId: string | null, index: number) => {
  const step = lifecycle[index]!;
  return postCommand(client, tokens[step.as]!, step.path(caseId ?? ''), step.body());
};

/** The lawyer the cases are assigned to, registered once per stack by the agency's administrator. */
export const registerLawyer = (client: HttpClient, tokens: Record<string, string>) =>
  postCommand(client, tokens[adminPrincipal.sub]!, '/workers', {
    workerId: lawyer,
    agencyId: 'agency:hz-xihu',
    name: '王律师',
    kind: 'lawyer',
    licenceNumber: '13301201510123456',
    relevantPracticeSince: '2015-06-01',
  });

// The data every scenario writes. A case is the 20 events of the labour case the audit tests use
// (test/support/audit-case.ts: application, review, grant, assignment, handling, complaint and
// replacement, supervision, closing, archiving), event 1 being ApplicationReceived from
// examples/application.json. Every event is checked against the catalogue here, so a schema change
// fails loudly when the bench starts rather than in the middle of a fold.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue } from '../../events/catalogue/index.ts';
import type { AppendMeta, NewEvent } from '../../functions/lib/event-store/event-store.ts';
import { devPrincipals, type DevPrincipal } from '../../infra/local/dev-issuer.ts';
import { lifecycleSteps } from '../../test/support/audit-case.ts';

export const applicationBody = JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/application.json'), 'utf8')) as Record<
  string,
  unknown
>;

const principalBySub = (sub: string): DevPrincipal => {
  const p = devPrincipals.find((d) => d.sub === sub);
  if (!p) throw new Error(`no dev principal ${sub} in infra/local/dev-issuer.ts`);
  return p;
};
/** The agency window that receives applications and reviews them. */
export const benchPrincipal = principalBySub('reviewer-hz-01');
export const lawyerPrincipal = principalBySub('lawyer-wang');
export const adminPrincipal = principalBySub('admin-zhou');

export const actor = { id: benchPrincipal.sub, role: benchPrincipal.role, organisation: benchPrincipal.org };

export const newCaseIds = (n: number): string[] => Array.from({ length: n }, () => randomUUID());

export const streamOf = (caseId: string) => `case#${caseId}`;

export const EVENTS_PER_CASE = 20;
const RECEIVED_AT = '2026-01-01T09:30:00.000+08:00';

const steps = lifecycleSteps();
if (steps.length + 1 !== EVENTS_PER_CASE)
  throw new Error(`test/support/audit-case.ts has ${steps.length + 1} lifecycle events; the bench expects ${EVENTS_PER_CASE}`);

const checked = (type: string, data: Record<string, unknown>): NewEvent => {
  const definition = catalogue.get(type);
  if (!definition) throw new Error(`the catalogue has no ${type}: adapt bench/lib/fixtures.ts`);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success)
    throw new Error(`${type} data no longer fits the catalogue (${parsed.error.issues[0]?.path.join('.')}): adapt bench/lib/fixtures.ts`);
  return { type, schemaVersion: definition.version, data: parsed.data as Record<string, unknown> };
};

checked('ApplicationReceived', { ...applicationBody, caseId: randomUUID(), receivedAt: RECEIVED_AT });
for (const s of steps) checked(s.type, s.data);

/** Event n (1-based, ≤ 20) of a case, as the command runner hands it to the store. */
export const newEvent = (caseId: string, n: number): NewEvent => {
  if (n === 1) return checked('ApplicationReceived', { ...applicationBody, caseId, receivedAt: RECEIVED_AT });
  const step = steps[(n - 2) % steps.length]!;
  const definition = catalogue.get(step.type)!;
  return { type: step.type, schemaVersion: definition.version, data: step.data };
};

export const metaFor = (caseId: string, n: number): AppendMeta => {
  const key = `bench-${caseId.slice(0, 8)}-${n}`;
  const step = n === 1 ? null : steps[(n - 2) % steps.length]!;
  return {
    actor: step?.actor ?? actor,
    workstation: step ? step.workstation : (benchPrincipal.workstation ?? null),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    idempotency: { key, requestHash: createHash('sha256').update(key).digest('hex') },
  };
};

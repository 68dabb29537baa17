import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import type { CaseState } from '../../../domain/case/state.ts';
import { retentionOf } from '../../../domain/privacy/erasure.ts';
import { caseFacts } from '../../../domain/privacy/record-facts.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/opaque-cursor.ts';
import { caseStatusKeys } from '../read-models/case-status-table.ts';
import type { ReadModelTable } from '../read-models/read-model-table.ts';
import { subjectKeyOf } from './sealer.ts';
import type { KeyStore } from './key-store.ts';

// The records whose retention has ended, for an administrator to approve erasing (PIPL Art 47(1)(2)):
// an agency's ended cases from the case-status read model (one index partition per status), each
// judged by the same rule the erasure command applies, less those whose key is already destroyed.
// The read model may lag the store by a moment: the command decides again on the store itself.

/** Statuses in which a case's business has ended, so its retention period runs. */
const endedStatuses = ['withdrawn', 'refused', 'closed', 'terminated', 'archived'] as const;

export type DueErasure = {
  recordKind: 'case';
  recordId: string;
  agencyId: string;
  ruleId: string;
  years: number;
  binding: boolean;
  source: string;
  endedOn: string;
  endsOn: string;
};

const cursorSchema = z.strictObject({
  a: z.string(),
  s: z
    .int()
    .min(0)
    .max(endedStatuses.length - 1),
  /** Where to go on in that status's partition; absent: from its start. */
  c: z
    .string()
    .regex(/^[0-9a-f-]{36}$/)
    .optional(),
  g: z.string().min(1).max(300).optional(),
});

const LIST = 'the erasures-due list';

export const listDueErasures = async (
  { table, keys }: { table: ReadModelTable; keys: Pick<KeyStore, 'tombstoneOf'> | undefined },
  { agencyId, now, cursor, limit = 50 }: { agencyId: string; now: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: DueErasure[]; nextCursor: string | null }> => {
  let at = { status: 0, startKey: undefined as Record<string, AttributeValue> | undefined };
  if (cursor) {
    const parsed = cursorSchema.safeParse(decodeCursor(cursor, LIST));
    if (!parsed.success || parsed.data.a !== agencyId) throw invalidCursor(LIST);
    const { s, c, g } = parsed.data;
    const status = endedStatuses[s]!;
    at = {
      status: s,
      startKey:
        c && g
          ? { pk: { S: `case#${c}` }, sk: { S: 'status' }, gsi1pk: { S: caseStatusKeys.agencyStatus(agencyId, status) }, gsi1sk: { S: g } }
          : undefined,
    };
  }
  const candidates: DueErasure[] = [];
  let next: string | null = null;
  while (at.status < endedStatuses.length && candidates.length < limit) {
    const pk = caseStatusKeys.agencyStatus(agencyId, endedStatuses[at.status]!);
    const page = await table.queryIndex({
      index: 'gsi1',
      pk,
      limit: limit - candidates.length,
      ...(at.startKey ? { startKey: at.startKey } : {}),
    });
    for (const item of page.items) {
      const caseId = item.caseId as string;
      const { rule, endedOn, endsOn, ended } = retentionOf(caseFacts(caseId, item.state as CaseState), now);
      if (ended && rule.years !== null && endedOn && endsOn)
        candidates.push({
          recordKind: 'case',
          recordId: caseId,
          agencyId,
          ruleId: rule.id,
          years: rule.years,
          binding: rule.binding,
          source: rule.source,
          endedOn,
          endsOn,
        });
    }
    if (page.lastKey) {
      at = { status: at.status, startKey: page.lastKey };
      if (candidates.length >= limit)
        next = encodeCursor({ a: agencyId, s: at.status, c: page.lastKey.pk!.S!.slice('case#'.length), g: page.lastKey.gsi1sk!.S! });
    } else at = { status: at.status + 1, startKey: undefined };
  }
  if (next === null && at.status < endedStatuses.length && at.startKey)
    next = encodeCursor({ a: agencyId, s: at.status, c: at.startKey.pk!.S!.slice('case#'.length), g: at.startKey.gsi1sk!.S! });
  else if (next === null && at.status < endedStatuses.length) next = encodeCursor({ a: agencyId, s: at.status });
  // Already erased: its key is destroyed (the read model does not fold the erasure).
  // Read without unwrapping any key: whether a tombstone is there is all this asks.
  const erased = await Promise.all(
    candidates.map(async (d) => (keys ? (await keys.tombstoneOf(subjectKeyOf(`case#${d.recordId}`))) !== null : false)),
  );
  return { items: candidates.filter((_, i) => !erased[i]), nextCursor: next };
};

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { CaseState } from '../../../domain/case/state.ts';
import { consultationDecider } from '../../../domain/consultation/decider.ts';
import { dutyDecider } from '../../../domain/duty/decider.ts';
import type { DutyRecordFacts } from '../../../domain/quality/duty-record.ts';
import type { ConsultationFacts as LedgerEntry } from '../../../domain/quality/record.ts';
import { caseFacts, consultationFacts, dutyFacts, type RecordFacts } from '../../../domain/privacy/record-facts.ts';
import type { RecordKind } from '../../../domain/rules/retention.ts';
import { caseStatusKeys } from '../read-models/case-status-table.ts';
import { qualityKeys } from '../read-models/keys.ts';

// Where the erasures-due list finds each kind of ended record: one read-model index partition per
// source, read in this order. Each source turns an item into the record's erasure facts
// (domain/privacy/record-facts.ts), so the list judges it with the very rule the command applies.
//
// Cases: the case-status model's partitions of the statuses in which a case has ended.
// Consultations: the quality model's consultation ledger (it folds ConsultationRecorded, the event
// that sets when the consultation was given: the day its retention counts from).
// Duty records: the quality model's closed duty records (it folds DutyRecordOpened and
// DutyRecordClosed: the agency, and the close the retention counts from).
// Worker records have no read model (no projection rule routes `worker#` streams), so they are not
// listed; they are still erased on request (docs/erasure.md).

export type DueSource = {
  kind: RecordKind;
  /** The gsi1 partition of `agencyId` this source reads. */
  partition: (agencyId: string) => string;
  /** The record's id and erasure facts from one item of that partition. */
  read: (item: Record<string, unknown>) => { recordId: string; facts: RecordFacts };
  /** The item key of record `recordId` in the partition, to go on after it (a DynamoDB ExclusiveStartKey). */
  startKey: (agencyId: string, recordId: string, sortKey: string) => Record<string, AttributeValue>;
  /** The record id in a LastEvaluatedKey of this source. */
  idOfKey: (key: Record<string, AttributeValue>) => string;
  /** Whether the partition is sorted by the record's end (its sort key begins with that time). */
  endOrdered: boolean;
};

/** Statuses in which a case's business has ended, so its retention period runs. */
const endedStatuses = ['withdrawn', 'refused', 'closed', 'terminated', 'archived'] as const;

const afterPrefix = (prefix: string) => (key: Record<string, AttributeValue>) => key.pk!.S!.slice(prefix.length);

const caseSource = (status: (typeof endedStatuses)[number]): DueSource => ({
  kind: 'case',
  partition: (agencyId) => caseStatusKeys.agencyStatus(agencyId, status),
  read: (item) => {
    const caseId = item.caseId as string;
    return { recordId: caseId, facts: caseFacts(caseId, item.state as CaseState) };
  },
  startKey: (agencyId, caseId, sortKey) => ({
    pk: { S: `case#${caseId}` },
    sk: { S: 'status' },
    gsi1pk: { S: caseStatusKeys.agencyStatus(agencyId, status) },
    gsi1sk: { S: sortKey },
  }),
  idOfKey: afterPrefix('case#'),
  // By receipt, not by end.
  endOrdered: false,
});

const consultationPkPrefix = qualityKeys.consultationPk('');

/** The ledger entry keeps the fields the consultation's own erasure facts are derived from (its agency, when it was given). */
const consultationSource: DueSource = {
  kind: 'consultation',
  partition: (agencyId) => qualityKeys.consultations(agencyId),
  read: (item) => {
    const entry = item.state as LedgerEntry;
    const id = (item.pk as string).slice(consultationPkPrefix.length);
    const state = {
      ...consultationDecider.initialState(),
      status: 'recorded' as const,
      agencyId: entry.agencyId,
      consultedAt: entry.consultedAt,
    };
    return { recordId: id, facts: consultationFacts(id, state) };
  },
  startKey: (agencyId, id, sortKey) => ({
    pk: { S: qualityKeys.consultationPk(id) },
    sk: { S: 'consultation' },
    gsi1pk: { S: qualityKeys.consultations(agencyId) },
    gsi1sk: { S: sortKey },
  }),
  idOfKey: afterPrefix(consultationPkPrefix),
  // By when the consultation was given (functions/projections/quality.ts).
  endOrdered: true,
};

const dutyPkPrefix = qualityKeys.dutyPk('');

/** Only closed records are in the partition; the item keeps the fields dutyFacts derives the record's end from. */
const dutySource: DueSource = {
  kind: 'duty',
  partition: (agencyId) => qualityKeys.closedDutyRecords(agencyId),
  read: (item) => {
    const kept = item.state as DutyRecordFacts;
    const id = (item.pk as string).slice(dutyPkPrefix.length);
    const state = { ...dutyDecider.initialState(), status: 'closed' as const, agencyId: kept.agencyId, closedAt: kept.closedAt };
    return { recordId: id, facts: dutyFacts(id, state) };
  },
  startKey: (agencyId, id, sortKey) => ({
    pk: { S: qualityKeys.dutyPk(id) },
    sk: { S: 'duty' },
    gsi1pk: { S: qualityKeys.closedDutyRecords(agencyId) },
    gsi1sk: { S: sortKey },
  }),
  idOfKey: afterPrefix(dutyPkPrefix),
  // By closing (functions/projections/quality.ts).
  endOrdered: true,
};

export const dueSources: readonly DueSource[] = [...endedStatuses.map(caseSource), consultationSource, dutySource];

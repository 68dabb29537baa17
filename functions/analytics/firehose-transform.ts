import type { FirehoseTransformationEvent, FirehoseTransformationResult, FirehoseTransformationResultRecord } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { envelopeSchema, type EventEnvelope } from '../../events/envelope.ts';
import { analyticsRecordOf } from '../lib/analytics/analytics-record.ts';
import type { RecordPlaces } from '../lib/analytics/record-place.ts';

// The Firehose delivery stream's transform (infra/constructs/analytics-export.ts): each record is an
// EventBridge event (its detail the thin envelope); it becomes one JSON row that Firehose converts to
// Parquet with the Glue table's schema, and the partition keys that place it under
// year=/month=/day=/province=/ ("dynamic partitioning with Lambda": the keys go back in each record's
// metadata.partitionKeys, https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partition-keys.html).
// A record that is not an event of the store is answered ProcessingFailed: Firehose writes it under
// the error prefix instead of dropping it. Places failing to load (the store unreachable) throws, and
// Firehose retries the whole invocation.

const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const createFirehoseTransform =
  ({ places, logger }: { places: RecordPlaces; logger: Pick<Logger, 'warn'> }) =>
  async (event: FirehoseTransformationEvent): Promise<FirehoseTransformationResult> => {
    const read = event.records.map((record) => {
      try {
        const busEvent = JSON.parse(Buffer.from(record.data, 'base64').toString('utf8')) as { detail?: unknown };
        return { recordId: record.recordId, envelope: envelopeSchema.parse(busEvent.detail) };
      } catch (error) {
        logger.warn('not an event of the store', { recordId: record.recordId, error: (error as Error).name });
        return { recordId: record.recordId, envelope: null };
      }
    });
    const envelopes = read.flatMap((r) => (r.envelope ? [r.envelope] : []));
    const placed = new Map<EventEnvelope, Awaited<ReturnType<RecordPlaces>>[number]>();
    (await places(envelopes)).forEach((p, i) => placed.set(envelopes[i]!, p));
    return {
      records: read.map(({ recordId, envelope }): FirehoseTransformationResultRecord => {
        if (!envelope) return { recordId, result: 'ProcessingFailed', data: '' };
        const { row, partition } = analyticsRecordOf(envelope, placed.get(envelope)!);
        return { recordId, result: 'Ok', data: encode(`${JSON.stringify(row)}\n`), metadata: { partitionKeys: partition } };
      }),
    };
  };

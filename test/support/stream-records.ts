import { randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { GENESIS_HASH, type EventEnvelope } from '../../events/envelope.ts';
import { hashEvent } from '../../events/hash-chain.ts';

/** A sealed envelope for tests that need stored-looking events without a store. */
export const envelope = (over: Partial<EventEnvelope> = {}): EventEnvelope => {
  const base = {
    eventId: randomUUID(),
    type: 'ApplicationReceived',
    schemaVersion: 1,
    stream: `case#${randomUUID()}`,
    version: 1,
    occurredAt: '2026-03-02T01:00:00.000Z',
    recordedAt: '2026-03-02T01:00:00.000Z',
    actor: { id: 'reviewer-1', role: 'agency-reviewer', organisation: 'agency:hz-xihu' },
    workstation: null,
    correlationId: randomUUID(),
    causationId: null,
    idempotencyKey: null,
    requestHash: null,
    prevHash: GENESIS_HASH,
    data: { n: 1 },
    ...over,
  };
  return { ...base, hash: hashEvent(base) };
};

let sequence = 0;
/** The DynamoDB stream record Lambda would receive for an inserted event item. */
export const insertRecord = (event: EventEnvelope, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'INSERT'): DynamoDBRecord => ({
  eventID: randomUUID(),
  eventName,
  eventSource: 'aws:dynamodb',
  eventVersion: '1.1',
  awsRegion: 'cn-north-1',
  dynamodb: {
    Keys: marshall({ stream: event.stream, version: event.version }) as never,
    NewImage: marshall(event, { removeUndefinedValues: true }) as never,
    SequenceNumber: String(++sequence).padStart(21, '0'),
    SizeBytes: 100,
    StreamViewType: 'NEW_IMAGE',
  },
});

export const streamEvent = (records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

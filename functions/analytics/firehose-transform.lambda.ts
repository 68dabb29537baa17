import middy from '@middy/core';
import type { FirehoseTransformationEvent, FirehoseTransformationResult } from 'aws-lambda';
import { dynamoFromEnv, eventStoreFromEnv } from '../lib/aws-clients.ts';
import { createRecordPlaces } from '../lib/analytics/record-place.ts';
import { createObservability } from '../lib/observability.ts';
import { createRegistrySource } from '../lib/registry/registry-source.ts';
import { createFirehoseTransform } from './firehose-transform.ts';

const { logger } = createObservability();
const store = eventStoreFromEnv(dynamoFromEnv());

// Reads the store only: a stream's opening (its agency) and the registry (its province). Never a data key.
export const handler = middy<FirehoseTransformationEvent, FirehoseTransformationResult>(
  createFirehoseTransform({ places: createRecordPlaces({ store, registry: createRegistrySource(store) }), logger }),
);

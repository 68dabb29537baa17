import { existsSync } from 'node:fs';
import { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { catalogue } from '../../events/catalogue/index.ts';
import { createEventStore } from '../../functions/lib/event-store/event-store.ts';
import { createKeyStore, type KeyStore } from '../../functions/lib/privacy/key-store.ts';
import { kmsKeyWrapper } from '../../functions/lib/privacy/key-wrappers.ts';
import { requestHashKey } from '../../functions/lib/privacy/request-hash-key.ts';
import { createPersonalSealer } from '../../functions/lib/privacy/sealer.ts';
import { createRegistrySource } from '../../functions/lib/registry/registry-source.ts';
import type { ImportDeps } from '../../functions/api/imports/run-lines.ts';
import { localKeyStore } from '../../infra/local/local-keys.ts';
import { UsageError } from '../lib/cli.ts';

/**
 * The store, keys and registry as the command Lambda has them: events sealed under each record's
 * data key, the request-hash secret of the stack, the registry read once. Locally the keys are
 * wrapped by the stack's master key file (npm start keeps it in its data directory); in AWS by the
 * stack's KMS key (the stack output DataKeyArn).
 */
export const importDepsOf = async (
  client: DynamoDBClient,
  o: {
    eventsTable: string;
    keysTable: string;
    aws: boolean;
    masterKey: string;
    dataKeyArn: string | undefined;
    region: string | undefined;
  },
): Promise<ImportDeps> => {
  let keys: KeyStore;
  if (o.aws) {
    if (!o.dataKeyArn)
      throw new UsageError('--aws needs --data-key-arn <the stack output DataKeyArn>: imported records are sealed under it');
    keys = createKeyStore({
      client,
      tableName: o.keysTable,
      wrapper: kmsKeyWrapper(new KMSClient(o.region ? { region: o.region } : {}), o.dataKeyArn),
    });
  } else {
    // Never a new master key: records sealed under a key the stack does not have could not be read.
    if (!existsSync(o.masterKey))
      throw new UsageError(`no master key file ${o.masterKey}: give the local stack's (its data directory's master-key) with --master-key`);
    keys = await localKeyStore(client, o.keysTable, o.masterKey);
  }
  const store = createEventStore({ client, tableName: o.eventsTable, sealer: createPersonalSealer({ keys, catalogue }) });
  return { store, clock: () => new Date(), registry: createRegistrySource(store), keys, requestHashKey: requestHashKey(keys) };
};

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Where a running local stack listens, written into its data directory while it runs, so tools in
// other processes (`npm run redrive`) find it without being told the ports.

export const ENDPOINTS_FILE = 'local-endpoints.json';

export type LocalEndpoints = {
  pid: number;
  api: string;
  /** The local AWS emulator: EventBridge PutEvents and SQS (the projections' queues and the dead-letter queues). */
  awsEmulator: string;
  dynamodb: string;
  eventsTable: string;
  busName: string;
};

export const writeEndpoints = (dataDir: string, endpoints: LocalEndpoints) =>
  writeFileSync(join(dataDir, ENDPOINTS_FILE), JSON.stringify(endpoints, null, 2) + '\n');

export const removeEndpoints = (dataDir: string) => rmSync(join(dataDir, ENDPOINTS_FILE), { force: true });

// One description of every table, read by the CDK stack and by the local stack, so the two cannot
// drift apart. Names here are logical; deployed names come from CDK, local ones from a prefix.

export type KeyAttribute = { name: string; type: 'S' | 'N' };
export type IndexDefinition = { name: string; partitionKey: KeyAttribute; sortKey: KeyAttribute };
export type TableDefinition = {
  logicalName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalIndexes: readonly IndexDefinition[];
  /** NEW_IMAGE feeds the publisher; only the event store has a stream. */
  stream: 'NEW_IMAGE' | null;
  /** Read models can be dropped and rebuilt from the event store; the event store never can. */
  rebuildable: boolean;
};

export const eventsTable: TableDefinition = {
  logicalName: 'events',
  partitionKey: { name: 'stream', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  globalIndexes: [],
  stream: 'NEW_IMAGE',
  rebuildable: false,
};

const gsi = (n: number): IndexDefinition => ({
  name: `gsi${n}`,
  partitionKey: { name: `gsi${n}pk`, type: 'S' },
  sortKey: { name: `gsi${n}sk`, type: 'S' },
});

/**
 * Single-table read models: each projection owns its key prefixes; GSIs serve the list queries. The
 * statistics counters live here too, under `statistics#` (functions/lib/read-models/keys.ts; why not
 * a table of their own: docs/decisions.md, "Statistics counters").
 */
export const readModelsTable: TableDefinition = {
  logicalName: 'read-models',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [gsi(1), gsi(2), gsi(3)],
  stream: null,
  rebuildable: true,
};

/**
 * Each record's data key, wrapped by the master key (functions/lib/privacy/key-store.ts). Never
 * rebuildable: a lost key is a record whose personal data can never be read again.
 */
export const keysTable: TableDefinition = {
  logicalName: 'keys',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [],
  stream: null,
  rebuildable: false,
};

/**
 * Every read of personal data, append-only (functions/lib/privacy/read-record.ts): one item per record
 * a read showed, under `record#<record id>` sorted by time (who read this record?), and in gsi1 under
 * `reader#<principal id>` sorted by time (what did this person read?). No TTL: kept as docs/security.md
 * ("Reads on record") says; never rebuildable, nothing else holds them.
 */
export const accessRecordsTable: TableDefinition = {
  logicalName: 'access-records',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [gsi(1)],
  stream: null,
  rebuildable: false,
};

export const tables = [eventsTable, readModelsTable, keysTable, accessRecordsTable] as const;

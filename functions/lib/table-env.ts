/** Environment variables through which every function learns its table names; the stack sets them. */
export const tableEnv = {
  events: 'EVENTS_TABLE',
  readModels: 'READ_MODELS_TABLE',
  keys: 'KEYS_TABLE',
  accessRecords: 'ACCESS_RECORDS_TABLE',
} as const;

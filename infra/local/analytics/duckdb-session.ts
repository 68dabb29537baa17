import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { analyticsColumns, analyticsPartitions, type AnalyticsColumnType } from '../../../functions/lib/analytics/analytics-record.ts';
import { ANALYTICS_TABLE } from '../../definitions/analytics.ts';

// DuckDB as the local stand-in for Athena: an in-memory database (never a database file, so the stack's
// writer and any number of readers never contend for a lock) over the Parquet files the local stack
// writes. Only what Athena has is added: the table by its Glue name, and Athena's JSON function.

export const duckType: Record<AnalyticsColumnType, string> = { string: 'VARCHAR', int: 'INTEGER', bigint: 'BIGINT', boolean: 'BOOLEAN' };

/** The Parquet files of the analytics store under the local data directory: hive paths as Firehose writes them in S3. */
export const eventsDirOf = (analyticsDir: string) => join(analyticsDir, 'events');

export const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A small DuckDB: one thread and a memory cap, as it runs beside the stack or a test. */
export const openDuckDb = async (): Promise<{ connection: DuckDBConnection; close: () => void }> => {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '128MB' });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
};

/**
 * A connection where `legal_aid_events` reads the local Parquet files (deduplication is the queries'
 * business, as in Athena) and `json_extract_scalar` is Athena's (Trino's) function of that name.
 */
export const openAnalytics = async (analyticsDir: string) => {
  const db = await openDuckDb();
  const files = join(eventsDirOf(analyticsDir), '**', '*.parquet');
  const columns = [...analyticsColumns, ...analyticsPartitions];
  const hiveTypes = analyticsPartitions.map((p) => `${sqlString(p.name)}: ${duckType[p.type]}`).join(', ');
  // read_parquet refuses a glob that matches nothing: before the first flush the table is empty.
  const hasFiles = existsSync(eventsDirOf(analyticsDir));
  await db.connection.run(
    hasFiles
      ? `CREATE VIEW ${ANALYTICS_TABLE} AS SELECT ${columns.map((c) => c.name).join(', ')} FROM read_parquet(${sqlString(files)}, hive_partitioning = true, hive_types = {${hiveTypes}}, union_by_name = true)`
      : `CREATE TABLE ${ANALYTICS_TABLE} (${columns.map((c) => `${c.name} ${duckType[c.type]}`).join(', ')})`,
  );
  await db.connection.run('CREATE MACRO json_extract_scalar(j, p) AS json_extract_string(j, p)');
  return db;
};

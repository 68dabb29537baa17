// The analytics store's names, read by CDK (the Glue table, the Firehose prefix, the named queries)
// and by the local stack (its DuckDB view and Parquet paths), so one SQL file reads it in both.

/** The table the queries in analytics/queries/ name: the Glue table in Athena, a view locally. */
export const ANALYTICS_TABLE = 'legal_aid_events';
/** The Glue database (Athena's default for the named queries). */
export const ANALYTICS_DATABASE = 'legal_aid_analytics';
/** Where the Parquet files lie under the bucket (and under the local analytics directory). */
export const ANALYTICS_PREFIX = 'events';

/**
 * GB/T 2260's province-level codes, and 00 for records of no agency: the province partition's values,
 * enumerated in the table's partition projection so a national query needs no partition listing.
 * A fixed national list, not the registry's: a province does not appear or go between deployments.
 */
export const provinceCodes: readonly string[] =
  '00 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' ');

/** The first year the projection spans (the oldest imported records), and how far past today. */
export const ANALYTICS_FIRST_YEAR = 2000;

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyticsRule } from '../../events/routing.ts';
import { analyticsColumns, analyticsPartitions } from '../../functions/lib/analytics/analytics-record.ts';
import { ANALYTICS_DATABASE, ANALYTICS_TABLE, provinceCodes } from '../../infra/definitions/analytics.ts';
import { PUBLIC_DISCLOSURE_ROUTE, PUBLIC_DISCLOSURE_THROTTLE } from '../../infra/stack.ts';
import { QUERIES_DIR } from '../../infra/local/analytics/run-query.ts';
import { synthStage, type Json } from './support/synth-stage.ts';

// The analytics store as deployed: what Firehose writes where, the Glue table that reads it, the
// Athena workgroup with the shared SQL, and the public disclosure route. Read from the synthesized
// template and checked against the shared definitions the local side uses too.

const { resources, ofType, idOf, stack } = synthStage('dev');
const one = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![1].Properties;
};
const ref = (logicalId: string) => ({ Ref: logicalId });
const bucketId = idOf(stack.analytics.bucket);

describe('the analytics store', () => {
  it('the bucket: encrypted, TLS only, no public access, a lifecycle per prefix', () => {
    const bucket = resources[bucketId]!.Properties;
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const rules = (bucket.LifecycleConfiguration as { Rules: Json[] }).Rules;
    expect(rules.map((r) => r.Prefix ?? null).sort()).toEqual(['athena-results/', 'events/', 'firehose-errors/', null].sort());
    const policy = ofType('AWS::S3::BucketPolicy').find(([, r]) => JSON.stringify(r.Properties.Bucket) === JSON.stringify(ref(bucketId)))!;
    expect(JSON.stringify(policy[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('the Glue table: the shared columns and partitions, projected, at the paths Firehose writes', () => {
    const table = one('AWS::Glue::Table').TableInput as Json & { StorageDescriptor: Json; Parameters: Record<string, string> };
    expect(table.Name).toBe(ANALYTICS_TABLE);
    expect((table.StorageDescriptor.Columns as Json[]).map((c) => [c.Name, c.Type])).toEqual(analyticsColumns.map((c) => [c.name, c.type]));
    expect((table.PartitionKeys as Json[]).map((c) => [c.Name, c.Type])).toEqual(analyticsPartitions.map((c) => [c.name, c.type]));
    expect(table.Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.month.digits': '2',
      'projection.day.digits': '2',
      'projection.province.type': 'enum',
      'projection.province.values': provinceCodes.join(','),
    });

    const stream = one('AWS::KinesisFirehose::DeliveryStream');
    const s3 = stream.ExtendedS3DestinationConfiguration as Json & {
      Prefix: string;
      DataFormatConversionConfiguration: Json;
      ProcessingConfiguration: Json;
    };
    // The template the table reads is the prefix Firehose writes, partition key for partition key.
    const template = JSON.stringify(table.Parameters['storage.location.template']);
    const written = s3.Prefix.replace(/!\{partitionKeyFromLambda:(\w+)\}/g, '${$1}');
    expect(template).toContain(written);
    expect(s3.DataFormatConversionConfiguration).toMatchObject({
      Enabled: true,
      OutputFormatConfiguration: { Serializer: { ParquetSerDe: expect.any(Object) } },
      SchemaConfiguration: { DatabaseName: ANALYTICS_DATABASE, TableName: ANALYTICS_TABLE },
    });
    expect(s3.DynamicPartitioningConfiguration).toMatchObject({ Enabled: true });
    const transformId = idOf(stack.functions.get('analytics-transform')!.fn);
    expect(JSON.stringify(s3.ProcessingConfiguration)).toContain(transformId);
  });

  it('every event of the bus goes to the stream, by the shared pattern', () => {
    const streamId = ofType('AWS::KinesisFirehose::DeliveryStream')[0]![0];
    const rule = ofType('AWS::Events::Rule').find(([, r]) => JSON.stringify(r.Properties.Targets).includes(streamId));
    expect(rule).toBeDefined();
    expect(rule![1].Properties.EventPattern).toEqual(analyticsRule.pattern);
  });

  it('the Athena workgroup keeps results under the bucket, encrypted, and holds one named query per shared SQL file, verbatim', () => {
    const workgroup = one('AWS::Athena::WorkGroup').WorkGroupConfiguration as Json & { ResultConfiguration: Json };
    expect(workgroup.EnforceWorkGroupConfiguration).toBe(true);
    expect(workgroup.ResultConfiguration.EncryptionConfiguration).toEqual({ EncryptionOption: 'SSE_S3' });
    expect(JSON.stringify(workgroup.ResultConfiguration.OutputLocation)).toContain(bucketId);
    const files = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql'));
    expect(files).toContain('annual-report-by-province.sql');
    const named = ofType('AWS::Athena::NamedQuery').map(([, r]) => r.Properties);
    expect(named.map((q) => q.Name).sort()).toEqual(files.map((f) => f.replace(/\.sql$/, '')).sort());
    for (const q of named) {
      expect(q.Database).toBe(ANALYTICS_DATABASE);
      expect(q.QueryString).toBe(readFileSync(`${QUERIES_DIR}${q.Name as string}.sql`, 'utf8'));
    }
  });
});

describe('the public disclosure route', () => {
  it('has no authorizer and a throttle of its own, below the stage', () => {
    const route = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === PUBLIC_DISCLOSURE_ROUTE)!;
    expect(route[1].Properties.AuthorizationType).toBe('NONE');
    const stage = ofType('AWS::ApiGatewayV2::Stage').find(([, r]) => r.Properties.RouteSettings)!;
    const settings = stage[1].Properties as { RouteSettings: Record<string, Json>; DefaultRouteSettings: Json };
    expect(settings.RouteSettings[PUBLIC_DISCLOSURE_ROUTE]).toEqual({
      ThrottlingRateLimit: PUBLIC_DISCLOSURE_THROTTLE.rateLimit,
      ThrottlingBurstLimit: PUBLIC_DISCLOSURE_THROTTLE.burstLimit,
    });
    expect(PUBLIC_DISCLOSURE_THROTTLE.rateLimit).toBeLessThan(settings.DefaultRouteSettings.ThrottlingRateLimit as number);
  });
});

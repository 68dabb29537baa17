// The analytics store in AWS (docs/decisions.md, "Analytics: Firehose to Parquet, Glue, Athena"):
// an EventBridge rule sends every event of the bus (its thin envelope: no personal value) to a
// Firehose delivery stream; a transform Lambda (functions/analytics/) leaves out every personal field
// by the catalogue's marks and returns one JSON row with its partition keys ("dynamic partitioning"
// with keys from Lambda, https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning-partitioning-keys.html);
// Firehose converts the rows to Parquet with the Glue table's schema ("record format conversion",
// https://docs.aws.amazon.com/firehose/latest/dev/record-format-conversion.html) under
// events/year=/month=/day=/province=/. The Glue table projects those partitions
// (https://docs.aws.amazon.com/athena/latest/ug/partition-projection-supported-types.html), so a
// query needs no crawler and no MSCK REPAIR. An Athena workgroup with its result location and the
// named queries of analytics/queries/ (the same SQL files DuckDB runs locally).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, type CfnElement, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as events from 'aws-cdk-lib/aws-events';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { analyticsRule } from '../../events/routing.ts';
import { analyticsColumns, analyticsPartitions } from '../../functions/lib/analytics/analytics-record.ts';
import { ANALYTICS_DATABASE, ANALYTICS_FIRST_YEAR, ANALYTICS_PREFIX, ANALYTICS_TABLE, provinceCodes } from '../definitions/analytics.ts';
import { acknowledgeNag } from './nag.ts';

/** Prefixes of the data bucket, each with its own lifecycle. */
export const analyticsPrefixes = { events: `${ANALYTICS_PREFIX}/`, errors: 'firehose-errors/', results: 'athena-results/' } as const;

/** Firehose's buffer: Parquet conversion needs 64 MB or more; five minutes keeps the store minutes behind. */
const BUFFER = { sizeInMBs: 128, intervalInSeconds: 300 };

/** The year range the table projects: from the oldest imported records to the end of what reports accept. */
const PROJECTED_YEARS = `${ANALYTICS_FIRST_YEAR},2100`;

export type AnalyticsExportProps = {
  bus: events.IEventBus;
  /** The transform function (infra/definitions/functions.ts, `analytics-transform`). */
  transform: lambda.IFunction;
  stage: string;
  removalPolicy: RemovalPolicy;
  /** Directory of the shared SQL files: each becomes a named query. */
  queriesDir: string;
};

export class AnalyticsExport extends Construct {
  readonly bucket: s3.Bucket;
  readonly table: glue.CfnTable;
  readonly deliveryStream: firehose.CfnDeliveryStream;
  readonly workgroup: athena.CfnWorkGroup;
  readonly rule: events.Rule;
  readonly namedQueries: athena.CfnNamedQuery[];

  constructor(scope: Construct, id: string, props: AnalyticsExportProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy;

    // SSE-S3, not the stack's key: the store holds no personal field (the transform leaves them out),
    // and analysts reading it through Athena need no grant on the key that protects the records.
    this.bucket = new s3.Bucket(this, 'Data', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        // Statistics are kept (national series go back years); older partitions are read rarely.
        {
          id: 'events-to-colder-storage',
          prefix: analyticsPrefixes.events,
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
          ],
        },
        { id: 'expire-delivery-errors', prefix: analyticsPrefixes.errors, expiration: Duration.days(90) },
        { id: 'expire-query-results', prefix: analyticsPrefixes.results, expiration: Duration.days(30) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy,
    });

    acknowledgeNag(
      this.bucket,
      'AwsSolutions-S1',
      'No server access logs: the bucket holds no personal data (the transform leaves every personal field out); it is written by ' +
        'Firehose under its own role and read through the Athena workgroup, which keeps every query with its caller (query history, ' +
        'CloudTrail StartQueryExecution); a second bucket of per-object logs would add nothing an audit needs.',
    );

    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: Aws.ACCOUNT_ID,
      databaseInput: { name: ANALYTICS_DATABASE, description: 'Events of the legal-aid store, personal fields left out (Parquet)' },
    });
    const location = `s3://${this.bucket.bucketName}/${analyticsPrefixes.events}`;
    const template = `${location}${analyticsPartitions.map((p) => `${p.name}=\${${p.name}}`).join('/')}/`;
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: Aws.ACCOUNT_ID,
      databaseName: ANALYTICS_DATABASE,
      tableInput: {
        name: ANALYTICS_TABLE,
        description: 'One row per event (a delivery may repeat one: count distinct event_id)',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: analyticsPartitions.map((p) => ({ name: p.name, type: p.type, comment: p.comment })),
        parameters: {
          classification: 'parquet',
          'projection.enabled': 'true',
          'projection.year.type': 'integer',
          'projection.year.range': PROJECTED_YEARS,
          'projection.month.type': 'integer',
          'projection.month.range': '1,12',
          'projection.month.digits': '2',
          'projection.day.type': 'integer',
          'projection.day.range': '1,31',
          'projection.day.digits': '2',
          'projection.province.type': 'enum',
          'projection.province.values': provinceCodes.join(','),
          'storage.location.template': template,
        },
        storageDescriptor: {
          columns: analyticsColumns.map((c) => ({ name: c.name, type: c.type, comment: c.comment })),
          location,
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      },
    });
    this.table.node.addDependency(database);

    const deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
      description: 'Analytics Firehose: invokes the transform, reads the Glue schema, writes Parquet to the analytics bucket',
    });
    // Firehose's S3 destination actions (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html),
    // objects only under the two prefixes it writes.
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resources: [this.bucket.bucketArn],
      }),
    );
    const written = [analyticsPrefixes.events, analyticsPrefixes.errors].map((prefix) => this.bucket.arnForObjects(`${prefix}*`));
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'], resources: written }),
    );
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
        resources: [props.transform.functionArn],
      }),
    );
    const tableArn = `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:table/${ANALYTICS_DATABASE}/${ANALYTICS_TABLE}`;
    deliveryRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        resources: [
          `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:catalog`,
          `arn:${Aws.PARTITION}:glue:${Aws.REGION}:${Aws.ACCOUNT_ID}:database/${ANALYTICS_DATABASE}`,
          tableArn,
        ],
      }),
    );

    this.deliveryStream = new firehose.CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucket.bucketArn,
        roleArn: deliveryRole.roleArn,
        prefix: `${analyticsPrefixes.events}${analyticsPartitions.map((p) => `${p.name}=!{partitionKeyFromLambda:${p.name}}`).join('/')}/`,
        errorOutputPrefix: `${analyticsPrefixes.errors}!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/`,
        bufferingHints: BUFFER,
        // Parquet compresses its own pages (Snappy below); Firehose must not wrap it again.
        compressionFormat: 'UNCOMPRESSED',
        dynamicPartitioningConfiguration: { enabled: true, retryOptions: { durationInSeconds: 300 } },
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'Lambda',
              parameters: [
                { parameterName: 'LambdaArn', parameterValue: props.transform.functionArn },
                { parameterName: 'BufferSizeInMBs', parameterValue: '1' },
                { parameterName: 'BufferIntervalInSeconds', parameterValue: '60' },
              ],
            },
          ],
        },
        dataFormatConversionConfiguration: {
          enabled: true,
          inputFormatConfiguration: { deserializer: { openXJsonSerDe: {} } },
          outputFormatConfiguration: { serializer: { parquetSerDe: { compression: 'SNAPPY' } } },
          schemaConfiguration: {
            catalogId: Aws.ACCOUNT_ID,
            databaseName: ANALYTICS_DATABASE,
            tableName: ANALYTICS_TABLE,
            region: Aws.REGION,
            roleArn: deliveryRole.roleArn,
            versionId: 'LATEST',
          },
        },
      },
    });
    this.deliveryStream.node.addDependency(deliveryRole, this.table);
    const stack = Stack.of(this);
    const bucketLogicalId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)) as string;
    for (const prefix of [analyticsPrefixes.events, analyticsPrefixes.errors])
      acknowledgeNag(
        deliveryRole.node.tryFindChild('DefaultPolicy')!,
        `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
        'Firehose writes objects of names it chooses (partition path, time, a random suffix) under this prefix only; S3 object ARNs name no narrower set.',
      );

    // What EventBridge assumes to put the rule's events into the stream (the role the
    // events-targets module would make, without its Firehose L2 import).
    const putRole = new iam.Role(this, 'PutRole', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com'),
      description: 'Analytics rule: puts the bus events into the analytics Firehose stream',
    });
    putRole.addToPolicy(
      new iam.PolicyStatement({ actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [this.deliveryStream.attrArn] }),
    );
    // EventBridge retries delivery into Firehose for 24 hours; Firehose then holds the records in
    // its own buffer and retries its writes, errors going under the error prefix.
    this.rule = new events.Rule(this, 'Rule', {
      eventBus: props.bus,
      description: analyticsRule.description,
      eventPattern: analyticsRule.pattern as events.EventPattern,
      targets: [{ bind: () => ({ arn: this.deliveryStream.attrArn, role: putRole }) }],
    });

    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `legal-aid-analytics-${props.stage}`,
      description: 'National figures and ad-hoc questions over the analytics store',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        // A runaway ad-hoc query stops at 10 GB scanned (about a national year of events in Parquet).
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.bucket.bucketName}/${analyticsPrefixes.results}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    this.namedQueries = readdirSync(props.queriesDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((file) => {
        const sql = readFileSync(join(props.queriesDir, file), 'utf8');
        const name = file.replace(/\.sql$/, '');
        const query = new athena.CfnNamedQuery(this, `Query-${name}`, {
          name,
          database: ANALYTICS_DATABASE,
          workGroup: this.workgroup.ref,
          // The file's opening comment says what it answers.
          description: (sql.match(/^--\s*(.*)$/m)?.[1] ?? name).slice(0, 1024),
          queryString: sql,
        });
        query.node.addDependency(this.workgroup);
        return query;
      });
  }
}

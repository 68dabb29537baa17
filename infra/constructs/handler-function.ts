// One Lambda function from its shared definition (infra/definitions/functions.ts): an ESM bundle
// built by the local esbuild (no Docker), Node 24 on arm64, with its own log group, its own role
// (no AWS-managed policy: it may write to its log group and nothing else until the stack grants
// what the definition declares) and X-Ray active tracing.
import * as path from 'node:path';
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../definitions/functions.ts';

export type HandlerFunctionProps = {
  definition: FunctionDefinition;
  /** Absolute path of the repository root: entries, the lock file and esbuild's cwd. */
  projectRoot: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** Encrypts the log group (its key policy must admit CloudWatch Logs). */
  key: kms.IKey;
};

/** esbuild emits ESM; CommonJS dependencies that call require() need it defined. */
const REQUIRE_SHIM = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export class HandlerFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { definition } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
      encryptionKey: props.key,
    });

    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group of the account): write access
    // to this function's own log group only; the group exists, so no logs:CreateLogGroup either.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${definition.id}: ${definition.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      description: definition.description,
      entry: path.join(props.projectRoot, definition.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      ...(definition.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: definition.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
      },
    });
  }
}

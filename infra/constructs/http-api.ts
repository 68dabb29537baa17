// The HTTP API: a JWT authorizer on every route unless the route says otherwise, one Lambda
// integration per function, a throttled $default stage with access logs that say who called from
// where (the caller's claims and source address), never what was sent or answered.
import type { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag.ts';

/** Same shape as functions/api/routes.ts `RouteDefinition`, so that table can be passed as is. */
export type ApiRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** `id` of the function (infra/definitions/functions.ts) that serves the route. */
  function: string;
  /** False: no authorizer (health check only). */
  authenticated: boolean;
};

export type HttpApiProps = {
  apiName: string;
  jwtIssuer: string;
  jwtAudience: readonly string[];
  routes: readonly ApiRoute[];
  functions: ReadonlyMap<string, lambda.IFunction>;
  throttle: { rateLimit: number; burstLimit: number };
  /** Why each unauthenticated route ("GET /health") may be public: the cdk-nag APIG4 acknowledgement. */
  publicRoutes: Readonly<Record<string, string>>;
  /** Tighter limits for some routes ("GET /public/statistics"), below the stage's: a public route anyone may call. */
  routeThrottles?: Readonly<Record<string, { rateLimit: number; burstLimit: number }>>;
  logRetention: logs.RetentionDays;
  logRemovalPolicy: RemovalPolicy;
  /** Encrypts the access logs (its key policy must admit CloudWatch Logs). */
  logKey: kms.IKey;
};

/**
 * One JSON line per request. Who called (the verified token's `sub`, `role`, `org` claims) and from
 * where (`$context.identity.sourceIp`, the address of the TCP connection that reached API Gateway), as
 * HTTP API access logs offer them:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 * ($context.authorizer.claims.<property>: a claim of the JWT once the caller is authenticated; a
 * variable without a value, such as the claims of a refused token, is logged as "-"). Never a body, a
 * query string or a header other than these: they may hold personal data.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  principalId: '$context.authorizer.claims.sub',
  role: '$context.authorizer.claims.role',
  organisation: '$context.authorizer.claims.org',
  workstation: '$context.authorizer.claims.workstation',
  sourceIp: '$context.identity.sourceIp',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** The access log: one JSON line per request with the caller and source address (ACCESS_LOG_FIELDS). */
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const jwt = new HttpJwtAuthorizer('Jwt', props.jwtIssuer, { jwtAudience: [...props.jwtAudience] });
    const none = new apigw.HttpNoneAuthorizer();

    this.api = new apigw.HttpApi(this, 'Api', { apiName: props.apiName, createDefaultStage: false });

    const accessLogs = (this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
      encryptionKey: props.logKey,
    }));
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (functionId: string): HttpLambdaIntegration => {
      const existing = integrations.get(functionId);
      if (existing) return existing;
      const fn = props.functions.get(functionId);
      if (!fn) throw new Error(`HTTP route names unknown function "${functionId}"`);
      // One invoke permission per function and API instead of one per route: Lambda caps a function's
      // resource-based policy at 20 KB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html),
      // which four dozen route-scoped statements exceed. Every route of this API reaches the function anyway.
      const integration = new HttpLambdaIntegration(`${functionId}-integration`, fn, { scopePermissionToRoute: false });
      integrations.set(functionId, integration);
      return integration;
    };

    for (const route of props.routes) {
      const added = this.api.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrationFor(route.function),
        authorizer: route.authenticated ? jwt : none,
      });
      if (route.authenticated) continue;
      const routeKey = `${route.method} ${route.path}`;
      const reason = props.publicRoutes[routeKey];
      if (!reason) throw new Error(`route ${routeKey} has no authorizer; say why in publicRoutes or make it authenticated`);
      for (const r of added) acknowledgeNag(r, 'AwsSolutions-APIG4', reason);
    }
    const routeSettings = Object.fromEntries(
      Object.entries(props.routeThrottles ?? {}).map(([routeKey, t]) => [
        routeKey,
        // RouteSettings is a free JSON map in CloudFormation: its keys are written as the template spells them.
        { ThrottlingRateLimit: t.rateLimit, ThrottlingBurstLimit: t.burstLimit },
      ]),
    );
    if (Object.keys(routeSettings).length > 0) (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = routeSettings;
  }

  /** The invoke URL of the $default stage. */
  get url(): string {
    return this.stage.url;
  }
}

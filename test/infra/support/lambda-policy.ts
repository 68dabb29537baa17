// A function's resource-based policy as Lambda stores it (what `aws lambda get-policy` returns): one
// statement per AWS::Lambda::Permission of the template, with every CloudFormation token replaced by
// the longest value it can realistically take, so the size measured is an upper bound of the deployed one.
// Lambda caps this policy at 20 KB, whatever the number of statements
// (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), and refuses a permission
// that would exceed it with PolicyLengthExceededException.
import type { Json, Resource } from './synth-stage.ts';

/** Longest values of the pseudo parameters and generated names. */
const LONGEST = {
  partition: 'aws-us-gov',
  region: 'ap-southeast-7',
  account: '123456789012',
  /** CloudFormation truncates generated function names to Lambda's limit of 64 characters. */
  functionName: 'F'.repeat(64),
  /** HTTP API ids are 10 characters. */
  apiId: 'a'.repeat(10),
  /** Event bus names go up to 256 characters, generated rule names up to 64. */
  busName: 'b'.repeat(256),
  ruleName: 'r'.repeat(64),
  /** AddPermission's StatementId (CloudFormation generates it from stack name and logical id) is at most 100 characters. */
  statementId: 'S'.repeat(100),
};

const arn = (service: string, resource: string) => `arn:${LONGEST.partition}:${service}:${LONGEST.region}:${LONGEST.account}:${resource}`;

/** Resolves a template value to a string, or throws on a token it has no realistic value for. */
export const resolveLongest = (value: unknown, resources: Record<string, Resource>): string => {
  if (typeof value === 'string') return value;
  const token = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (token.Ref !== undefined) {
    const pseudo: Record<string, string> = {
      'AWS::Partition': LONGEST.partition,
      'AWS::Region': LONGEST.region,
      'AWS::AccountId': LONGEST.account,
    };
    if (pseudo[token.Ref]) return pseudo[token.Ref]!;
    const type = resources[token.Ref]?.Type;
    if (type === 'AWS::ApiGatewayV2::Api') return LONGEST.apiId;
    if (type === 'AWS::Lambda::Function') return LONGEST.functionName;
  }
  if (token['Fn::GetAtt']) {
    const [id, attribute] = token['Fn::GetAtt'];
    const type = resources[id]?.Type;
    if (type === 'AWS::Lambda::Function' && attribute === 'Arn') return arn('lambda', `function:${LONGEST.functionName}`);
    if (type === 'AWS::Events::Rule' && attribute === 'Arn') return arn('events', `rule/${LONGEST.busName}/${LONGEST.ruleName}`);
  }
  if (token['Fn::Join']) {
    const [separator, parts] = token['Fn::Join'];
    return parts.map((p) => resolveLongest(p, resources)).join(separator);
  }
  throw new Error(`no realistic value for ${JSON.stringify(value)}`);
};

/** The statement Lambda adds for one AWS::Lambda::Permission (AddPermission's request fields). */
const statementOf = (permission: Json, resources: Record<string, Resource>): Json => {
  const principal = resolveLongest(permission.Principal, resources);
  const condition: Json = {};
  if (permission.SourceAccount !== undefined)
    condition.StringEquals = { 'AWS:SourceAccount': resolveLongest(permission.SourceAccount, resources) };
  if (permission.SourceArn !== undefined) condition.ArnLike = { 'AWS:SourceArn': resolveLongest(permission.SourceArn, resources) };
  if (permission.PrincipalOrgID !== undefined)
    condition.StringEquals = {
      ...(condition.StringEquals as Json),
      'aws:PrincipalOrgID': resolveLongest(permission.PrincipalOrgID, resources),
    };
  if (permission.FunctionUrlAuthType !== undefined)
    condition.StringEquals = {
      ...(condition.StringEquals as Json),
      'lambda:FunctionUrlAuthType': resolveLongest(permission.FunctionUrlAuthType, resources),
    };
  return {
    Sid: LONGEST.statementId,
    Effect: 'Allow',
    Principal: principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal },
    Action: resolveLongest(permission.Action, resources),
    Resource: arn('lambda', `function:${LONGEST.functionName}`),
    ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
  };
};

/** Logical id of the function a permission is on (FunctionName is a Ref, an Arn or a name). */
const functionOf = (permission: Json): string => {
  const name = permission.FunctionName as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  const id = name.Ref ?? name['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`permission on a function the template does not define: ${JSON.stringify(name)}`);
  return id;
};

/** Each function's stored policy (compact JSON, as get-policy returns it), by the function's logical id. */
export const lambdaPolicies = (resources: Record<string, Resource>): Map<string, { statements: number; json: string; bytes: number }> => {
  const byFunction = new Map<string, Json[]>();
  for (const r of Object.values(resources)) {
    if (r.Type !== 'AWS::Lambda::Permission') continue;
    const id = functionOf(r.Properties);
    byFunction.set(id, [...(byFunction.get(id) ?? []), statementOf(r.Properties, resources)]);
  }
  return new Map(
    [...byFunction].map(([id, statements]) => {
      const json = JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
      return [id, { statements: statements.length, json, bytes: Buffer.byteLength(json, 'utf8') }];
    }),
  );
};

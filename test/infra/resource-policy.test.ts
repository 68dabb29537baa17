// Each function's resource-based policy, as Lambda stores it, stays well under Lambda's 20 KB cap
// (support/lambda-policy.ts) while an issuer change doubles the HTTP APIs: one invoke permission per
// function and API, not one per route.
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../infra/definitions/functions.ts';
import { lambdaPolicies, resolveLongest } from './support/lambda-policy.ts';
import type { Resource } from './support/synth-stage.ts';
import { synthStage } from './support/synth-stage.ts';

/** Headroom under the 20,480-byte cap for permissions added later (a new trigger, a third API). */
const BUDGET_BYTES = 16 * 1024;

describe('Lambda resource-based policies, prod during an issuer change (two HTTP APIs)', () => {
  const changing = synthStage('prod', { jwtIssuerNext: 'https://idp-next.example.cn/realms/legal-aid' });
  const policies = lambdaPolicies(changing.resources);
  const apis = changing.ofType('AWS::ApiGatewayV2::Api').map(([id]) => id);

  it.each(functionDefinitions.map((d) => [d.id] as const))('%s: its policy is under 16 KB', (id) => {
    const policy = policies.get(changing.idOf(changing.stack.functions.get(id)!.fn));
    expect(policy?.bytes ?? 0).toBeLessThan(BUDGET_BYTES);
  });

  it.each(functionDefinitions.filter((d) => d.trigger.kind === 'http').map((d) => [d.id] as const))(
    '%s: one API Gateway permission per HTTP API, covering all of that API’s routes',
    (id) => {
      expect(apis).toHaveLength(2);
      const fnId = changing.idOf(changing.stack.functions.get(id)!.fn);
      const permissions = changing
        .ofType('AWS::Lambda::Permission')
        .map(([, p]) => p.Properties)
        .filter((p) => p.Principal === 'apigateway.amazonaws.com' && JSON.stringify(p.FunctionName).includes(`"${fnId}"`));
      expect(permissions).toHaveLength(apis.length);
      const sourceArns = permissions.map((p) => p.SourceArn as { 'Fn::Join': [string, unknown[]] });
      for (const api of apis) {
        const forApi = sourceArns.filter((s) => JSON.stringify(s).includes(`{"Ref":"${api}"}`));
        expect(forApi, api).toHaveLength(1);
        // Any stage, method and path of this API, and of no other.
        expect(resolveLongest(forApi[0], changing.resources)).toMatch(/^arn:[^:]+:execute-api:[^:]+:\d{12}:a{10}\/\*\/\*\/\*$/);
      }
    },
  );

  it('the measure can fail: the per-route wiring (one scoped permission per route) of 48 routes is over budget', () => {
    const resources: Record<string, Resource> = {
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
    };
    for (let i = 0; i < 48; i++) {
      resources[`Permission${i}`] = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':execute-api:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':',
                { Ref: 'Api' },
                `/*/*/cases/{caseId}/route-${i}`,
              ],
            ],
          },
        },
      };
    }
    const policy = lambdaPolicies(resources).get('Fn')!;
    expect(policy.statements).toBe(48);
    expect(policy.bytes).toBeGreaterThan(20 * 1024);
  });

  it('a token the measure has no realistic value for is an error, not a guess', () => {
    expect(() => resolveLongest({ Ref: 'SomethingElse' }, {})).toThrow(/no realistic value/);
    expect(() => resolveLongest({ 'Fn::ImportValue': 'x' }, {})).toThrow(/no realistic value/);
  });
});

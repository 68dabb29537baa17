import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { apiAudience } from '../../infra/definitions/auth.ts';
import { configFromContext } from '../../infra/stack.ts';

// The HTTP API's authorizer and the local gate take their audience from infra/definitions/auth.ts;
// context may replace it for an audience change, never silently differ from it otherwise.
describe('the audience of the JWT authorizer', () => {
  it('is the shared definition when the context names none', () => {
    const app = new App({ context: { stage: 'dev', jwtIssuer: 'https://issuer.example.cn/realms/legal-aid' } });
    expect(configFromContext(app.node).jwtAudience).toEqual(apiAudience);
  });

  it("is the context's list during an audience change", () => {
    const app = new App({
      context: { stage: 'dev', jwtIssuer: 'https://issuer.example.cn/realms/legal-aid', jwtAudience: 'legal-aid-api,legal-aid-api-v2' },
    });
    expect(configFromContext(app.node).jwtAudience).toEqual(['legal-aid-api', 'legal-aid-api-v2']);
  });
});

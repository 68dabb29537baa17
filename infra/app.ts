// CDK entry point (cdk.json runs it with Node 24, which strips the types). Environment-agnostic:
// synth needs no AWS credentials, no Docker (functions are bundled by the local esbuild).
import { App, Tags } from 'aws-cdk-lib';
import { configFromContext, LegalAidStack } from './stack.ts';

const app = new App();
const config = configFromContext(app.node);

const stack = new LegalAidStack(app, `LegalAid-${config.stage}`, {
  ...config,
  description: `Legal-aid case backend (${config.stage}): event store, projections, HTTP API`,
});
Tags.of(stack).add('project', 'legal-aid-case-backend');
Tags.of(stack).add('stage', config.stage);

app.synth();

// CDK entry point (cdk.json runs it with Node 24, which strips the types). Environment-agnostic:
// synth needs no AWS credentials, no Docker (functions are bundled by the local esbuild). cdk-nag's
// AWS Solutions pack checks every synth: an unacknowledged finding fails it.
import { App } from 'aws-cdk-lib';
import { enableNagChecks } from './constructs/nag.ts';
import { configFromContext, LegalAidStack, stackNameFor } from './stack.ts';

const app = new App();
const config = configFromContext(app.node);

new LegalAidStack(app, stackNameFor(config.stage), {
  ...config,
  description: `Legal-aid case backend (${config.stage}): event store, projections, HTTP API`,
});
enableNagChecks(app);

app.synth();

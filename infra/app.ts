import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OpwegStack } from './stack.js';
import { readStage } from './stage.js';

/**
 * `cdk synth` / `cdk deploy` entry (cdk.json). No lookups: the stack synthesizes offline. Each
 * stage names its account and region (infra/stage.ts), so a deploy with another account's
 * credentials stops instead of building a second OpWeg there. cdk-nag (AWS Solutions) checks
 * every synth; a finding stops it unless acknowledged with a reason, in code next to the
 * construct it concerns (`Validations.of(...).acknowledge`).
 */
const app = new App();
const stage = readStage(app);
new OpwegStack(app, `OpWeg-${stage.name}`, { stage, description: `OpWeg (${stage.name})`, env: { account: stage.account, region: stage.region } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();

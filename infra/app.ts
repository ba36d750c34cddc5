import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OpwegStack } from './stack.js';
import { readStage } from './stage.js';

/**
 * `cdk synth` / `cdk deploy` entry (cdk.json). No lookups and no fixed account or region: the
 * stack synthesizes offline and deploys wherever the credentials point. cdk-nag (AWS Solutions)
 * checks every synth; a finding stops it unless acknowledged with a reason (infra/nag.ts).
 */
const app = new App();
const stage = readStage(app);
new OpwegStack(app, `OpWeg-${stage.name}`, { stage, description: `OpWeg (${stage.name})` });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();

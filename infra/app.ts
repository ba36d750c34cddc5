import { App } from 'aws-cdk-lib';
import { OpwegStack } from './stack.js';

/**
 * `cdk synth` / `cdk deploy` entry (cdk.json). No lookups and no environment: the stack
 * synthesizes offline and deploys to whatever account and region the credentials point at.
 */
const app = new App();
new OpwegStack(app, 'OpWeg');
app.synth();

import type { App } from 'aws-cdk-lib';
import * as z from 'zod';

/**
 * What differs between deployments (dev, prod, ...), read from CDK context: `context.stage`
 * picks an entry of `context.stages` in cdk.json; `-c stage=prod` overrides it.
 */
const StageConfig = z.object({
  /** e.g. "opweg.nl". Empty: the site lives on the CloudFront domain (*.cloudfront.net). */
  publicDomain: z.string().default(''),
  /** ACM certificate for publicDomain; CloudFront only takes certificates from us-east-1. */
  certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:').optional(),
  /** The From address of magic links and digests; SES verifies it after deploy. */
  senderAddress: z.email(),
  retentionDaysAfterClose: z.number().int().min(1),
  retentionDaysWithConsent: z.number().int().min(1),
  /** How long the audit log is kept; the functions' default (730) when absent. */
  auditRetentionDays: z.number().int().min(1).optional(),
  /** Who is responsible for the data (controller) and how to reach them: named in the privacy notices. */
  privacyController: z.string().min(2).optional(),
  privacyContact: z.string().min(3).optional(),
  /** Who gets an e-mail when an alarm fires; optional (the alarms exist either way). */
  alarmEmail: z.email().optional(),
});

export type Stage = z.infer<typeof StageConfig> & { name: string };

export function readStage(app: App): Stage {
  const name = String(app.node.tryGetContext('stage') ?? 'dev');
  const stages = (app.node.tryGetContext('stages') ?? {}) as Record<string, unknown>;
  if (!(name in stages)) throw new Error(`cdk.json has no context.stages.${name}; add it (see docs/deploy.md).`);
  const parsed = StageConfig.safeParse(stages[name]);
  if (!parsed.success) throw new Error(`context.stages.${name} in cdk.json: ${z.prettifyError(parsed.error)}`);
  if (parsed.data.publicDomain && !parsed.data.certificateArn) {
    throw new Error(`context.stages.${name}: publicDomain needs a certificateArn (ACM, us-east-1).`);
  }
  return { ...parsed.data, name };
}

/** SSM SecureString parameters a stage's functions read at cold start (created by hand, see docs/deploy.md). */
export const secretParameter = (stage: Stage, secret: 'cursor-secret') => `/opweg/${stage.name}/${secret}`;

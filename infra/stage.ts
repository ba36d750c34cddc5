import type { App } from 'aws-cdk-lib';
import * as z from 'zod';

/**
 * What differs between deployments (dev, prod, ...), read from CDK context: `context.stage`
 * picks an entry of `context.stages` in cdk.json; `-c stage=prod` overrides it.
 */
const StageConfig = z.object({
  /** The AWS account and region this stage deploys to: `cdk deploy` refuses credentials of another account. */
  account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
  /** e.g. "opweg.nl". Empty: the site lives on the CloudFront domain (*.cloudfront.net). */
  publicDomain: z.string().default(''),
  /** ACM certificate for publicDomain; CloudFront only takes certificates from us-east-1. */
  certificateArn: z.string().startsWith('arn:aws:acm:us-east-1:').optional(),
  /**
   * Optional: a domain name of the portal's API (e.g. "api.opweg.nl") with a regional ACM
   * certificate (in the stage's region). With it, CloudFront reaches the API by that name and the
   * public default execute-api endpoint is switched off; without it, that endpoint stays reachable
   * and only the origin secret header keeps it shut (docs/deploy.md).
   */
  apiDomain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/).optional(),
  apiCertificateArn: z.string().startsWith('arn:aws:acm:').optional(),
  /** The From address of magic links and digests; SES verifies it after deploy. */
  senderAddress: z.email(),
  retentionDaysAfterClose: z.number().int().min(1),
  retentionDaysWithConsent: z.number().int().min(1),
  /** How long the audit log is kept; the functions' default (730) when absent. */
  auditRetentionDays: z.number().int().min(1).optional(),
  /** Who is responsible for the data (controller) and how to reach them: named in the privacy notices. */
  privacyController: z.string().min(2).optional(),
  privacyContact: z.string().min(3).optional(),
  /**
   * Optional: verify the sender's whole domain with Easy DKIM (DNS records to publish, see
   * docs/deploy.md) instead of the single address; better delivery, needed to leave the sandbox.
   */
  senderDomain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/).optional(),
  /**
   * false: another stack in the same account and region already created the SES identity
   * (address or domain) this stage sends from; creating it again fails with AlreadyExists.
   */
  createSenderIdentity: z.boolean().default(true),
  /** Who gets an e-mail when an alarm fires, a budget is passed, or a mail bounces; optional (the alarms exist either way). */
  alarmEmail: z.email().optional(),
  /** The monthly AWS cost (USD) above which the budget alarm fires (80 % spent, or 100 % forecast). */
  monthlyBudgetUsd: z.number().positive().default(10),
  /**
   * At most this many chunk functions render at once (the SQS event source's maximum
   * concurrency): enough for a whole-site render in minutes, few enough that on-demand DynamoDB
   * and the account's Lambda concurrency are not swamped. See docs/scale.md.
   */
  renderConcurrency: z.number().int().min(2).max(1000).default(10),
  /** How many days AWS Backup keeps each daily backup of the table (the privacy notice states backups). */
  backupRetentionDays: z.number().int().min(1).default(35),
  /**
   * After a restore (docs/deploy.md, "Restore"): the restored table, with its stream, which the
   * stack then uses instead of the one it created. Absent: the stack's own table.
   */
  table: z.object({ name: z.string().min(3), streamArn: z.string().startsWith('arn:aws:dynamodb:') }).optional(),
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
  if (parsed.data.apiDomain && !parsed.data.apiCertificateArn) {
    throw new Error(`context.stages.${name}: apiDomain needs an apiCertificateArn (ACM, in the stage's region).`);
  }
  return { ...parsed.data, name };
}

/** Names AWS keeps global (CloudFront policies, functions, origin access controls): unique per stage and region. */
export const globalName = (stage: Stage, what: string) => `OpWeg-${stage.name}-${stage.region}-${what}`;

/** SSM SecureString parameters a stage's functions read at cold start (created by hand, see docs/deploy.md). */
export const secretParameter = (stage: Stage, secret: 'cursor-secret' | 'resident-key-secret') => `/opweg/${stage.name}/${secret}`;

/**
 * The SSM parameter with the secret CloudFront adds to every request for the portal (the
 * `x-opweg-origin` header): a new random value at every deploy; the stack writes it.
 */
export const originSecretParameter = (stage: Stage) => `/opweg/${stage.name}/origin-secret`;

import * as z from 'zod';
import { DEFAULT_HORIZON_MONTHS } from '../domain/listing.js';

export const AUDIT_RETENTION_DAYS_DEFAULT = 730;

/**
 * How long the stack keeps CloudFront's and API Gateway's access logs and the functions' logs,
 * in days, as the privacy notices say it: the log groups' RetentionDays.ONE_MONTH and the log
 * bucket's 30-day expiry in infra/. Change them together (docs/privacy.md).
 */
export const LOGS_KEPT_DAYS = 30;

/**
 * Run-time configuration from the environment, parsed once. Locally `scripts/dev.ts` sets
 * these; on AWS the stack does (secrets are read from SSM by the handlers, not put here).
 */
/** The local default; on AWS the secret comes from SSM (infra bindSecrets). */
export const DEV_RESIDENT_KEY_SECRET = 'local-development-resident-key-secret';

const Env = z.object({
  TABLE_NAME: z.string().min(1).default('opweg'),
  AWS_REGION: z.string().default('eu-west-1'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  PUBLIC_ORIGIN: z.url().default('http://localhost:3000'),
  CURSOR_SECRET: z.string().min(16).default('local-development-cursor-secret'),
  /**
   * Keys the pseudonymous resident keys that reports count unique residents by
   * (shared/services/resident-key.ts). Keep it: a new secret makes every resident new.
   */
  RESIDENT_KEY_SECRET: z.string().min(16).default(DEV_RESIDENT_KEY_SECRET),
  /** Resident data is kept this many days after a listing closes, or longer with consent. */
  RETENTION_DAYS_AFTER_CLOSE: z.coerce.number().int().min(1).default(28),
  RETENTION_DAYS_WITH_CONSENT: z.coerce.number().int().min(1).default(365),
  /**
   * The secret(s) CloudFront sends in `x-opweg-origin` (shared/config/origin.ts), separated by
   * spaces: on AWS the current and the previous value from SSM. Set, the portal refuses requests
   * without one and trusts CloudFront's viewer address; empty (locally), the socket's address counts.
   */
  ORIGIN_SECRETS: z.string().default(''),
  /**
   * Closing dates and visit dates at most this many months ahead (docs/domain.md): a listing
   * stays current, and residents' data is not kept on the strength of a far-off date.
   */
  LISTING_HORIZON_MONTHS: z.coerce.number().int().min(1).max(36).default(DEFAULT_HORIZON_MONTHS),
  /** The audit log (who saw or changed what) is kept this long, then expires (TTL). */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(AUDIT_RETENTION_DAYS_DEFAULT),
  /**
   * How long a copy of the table lives on in backups (point-in-time recovery keeps 35 days, AWS
   * Backup the stage's backupRetentionDays): the longer of the two, set by the stack.
   */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).default(35),
  /** Who is responsible for residents' data (the controller), named in the privacy notices. */
  PRIVACY_CONTROLLER: z.string().trim().min(2).default('OpWeg (demo deployment)'),
  /** Where residents and users send questions and requests about their data: an e-mail address or a postal address. */
  PRIVACY_CONTACT: z.string().trim().min(3).default('privacy@opweg.example.org'),
  /** A location's "within reach": listings this many km from it, straight line. */
  REACH_KM: z.coerce.number().positive().default(40),
  /**
   * The sign-in queue (SQS, set by the stack): the sign-in form queues its requests there and
   * functions/sign-in-mail.ts mails the links. Unset (npm start, tests): the same consumer runs in
   * the portal's own process, after the answer.
   */
  SIGN_IN_QUEUE_URL: z.url().optional(),
  /** Set by `npm start` and the test server only: local mailbox at /dev/mail, cookies without Secure. */
  LOCAL_DEV: z.stringbool().default(false),
  /** The sender of portal mail (sign-in links, moderation notices); an SES-verified identity on AWS. */
  MAIL_FROM: z.string().min(3).default('OpWeg <no-reply@opweg.example.org>'),
  /** The SES configuration set mail is sent with (bounces and complaints: suppressed, the admin told). On AWS only. */
  MAIL_CONFIGURATION_SET: z.string().min(1).optional(),
  /** How long a portal session lasts after sign-in. */
  SESSION_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /**
   * A portal request still unanswered after this many seconds (a database that hangs) gets the
   * 503 "try again in a minute" page. Below the portal Lambdas' 10 s timeout, so the person sees
   * our page rather than API Gateway's error.
   */
  PORTAL_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(8),
});
export type Config = z.infer<typeof Env>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return Env.parse(env);
}

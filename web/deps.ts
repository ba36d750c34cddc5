import { SesMail } from '../shared/adapters/mail-ses.js';
import { Outbox } from '../shared/adapters/mail-outbox.js';
import type { Config } from '../shared/config/index.js';
import type { Db } from '../shared/db/client.js';
import type { MailPort } from '../shared/ports/mail.js';
import type { MachineTranslation } from '../shared/ports/machine-translation.js';
import { AmazonTranslate } from '../shared/adapters/translate-amazon.js';
import { NoMachineTranslation } from '../shared/adapters/translate-none.js';
import { LocalSignInQueue } from '../shared/adapters/sign-in-queue-local.js';
import { SqsSignInQueue } from '../shared/adapters/sign-in-queue-sqs.js';
import type { SignInQueue } from '../shared/ports/sign-in-queue.js';
import { mailSignInLink } from '../shared/services/auth.js';
import { systemClock, type Clock } from '../shared/services/listings.js';

/** What the web apps need from outside, built once by the entry point (dev server or Lambda). */
export interface Deps {
  db: Db;
  config: Config;
  /** Default: the local outbox when LOCAL_DEV, SES otherwise. */
  mail?: MailPort;
  /** Default: the system clock. Tests pass their own to let time pass. */
  clock?: Clock;
  /** Machine translation to pre-fill summaries. Default: none when LOCAL_DEV, Amazon Translate otherwise. */
  translation?: MachineTranslation;
  /** Where the sign-in form queues its requests. Default: SQS when SIGN_IN_QUEUE_URL is set, else the consumer in this process. */
  signIns?: SignInQueue;
}

export interface ResolvedDeps extends Deps {
  mail: MailPort;
  clock: Clock;
  translation: MachineTranslation;
  signIns: SignInQueue;
  /** The mailbox shown at /dev/mail; only when running locally. */
  outbox?: Outbox;
}

/** The defaults, in one place. */
export function resolveDeps(deps: Deps): ResolvedDeps {
  const mail = deps.mail ?? (deps.config.LOCAL_DEV ? new Outbox() : new SesMail(deps.config.MAIL_FROM, undefined, deps.config.MAIL_CONFIGURATION_SET));
  const clock = deps.clock ?? systemClock;
  const signIns =
    deps.signIns ??
    (deps.config.SIGN_IN_QUEUE_URL ? new SqsSignInQueue(deps.config.SIGN_IN_QUEUE_URL) : new LocalSignInQueue(async (request) => void (await mailSignInLink({ db: deps.db, mail, clock, config: deps.config }, request))));
  return {
    ...deps,
    mail,
    clock,
    translation: deps.translation ?? (deps.config.LOCAL_DEV ? new NoMachineTranslation() : new AmazonTranslate()),
    signIns,
    outbox: deps.config.LOCAL_DEV && mail instanceof Outbox ? mail : undefined,
  };
}

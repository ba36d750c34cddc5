import { SesMail } from '../shared/adapters/mail-ses.js';
import { Outbox } from '../shared/adapters/mail-outbox.js';
import type { Config } from '../shared/config/index.js';
import type { Db } from '../shared/db/client.js';
import type { MailPort } from '../shared/ports/mail.js';
import type { MachineTranslation } from '../shared/ports/machine-translation.js';
import { AmazonTranslate } from '../shared/adapters/translate-amazon.js';
import { NoMachineTranslation } from '../shared/adapters/translate-none.js';
import { Background } from '../shared/services/background.js';
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
  /** Default: a new one. The portal Lambda passes its own, to await it after answering. */
  background?: Background;
}

export interface ResolvedDeps extends Deps {
  mail: MailPort;
  clock: Clock;
  translation: MachineTranslation;
  background: Background;
  /** The mailbox shown at /dev/mail; only when running locally. */
  outbox?: Outbox;
}

/** The defaults, in one place. */
export function resolveDeps(deps: Deps): ResolvedDeps {
  const mail = deps.mail ?? (deps.config.LOCAL_DEV ? new Outbox() : new SesMail(deps.config.MAIL_FROM, undefined, deps.config.MAIL_CONFIGURATION_SET));
  return {
    ...deps,
    mail,
    clock: deps.clock ?? systemClock,
    translation: deps.translation ?? (deps.config.LOCAL_DEV ? new NoMachineTranslation() : new AmazonTranslate()),
    background: deps.background ?? new Background(),
    outbox: deps.config.LOCAL_DEV && mail instanceof Outbox ? mail : undefined,
  };
}

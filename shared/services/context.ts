import type { Config } from '../config/index.js';
import type { Db } from '../db/client.js';
import type { Mail, MailPort } from '../ports/mail.js';
import { t, type Params, type PortalKey } from '../i18n/index.js';
import type { Clock } from './listings.js';

/**
 * What the portal's use cases need besides the actor: the table, the mail port, the clock and
 * the configuration (read when used: the public origin builds links in mail).
 */
export interface ServiceContext {
  db: Db;
  mail: MailPort;
  clock: Clock;
  config: Pick<Config, 'PUBLIC_ORIGIN' | 'SESSION_HOURS'> & Partial<Pick<Config, 'LISTING_HORIZON_MONTHS'>>;
}

export const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** A link into the portal, for mail. `path` starts with /portal/. */
export const portalLink = (ctx: ServiceContext, path: string) => new URL(path, ctx.config.PUBLIC_ORIGIN).toString();

/**
 * Sends mail after the change it reports was stored. A failure to send is logged, not thrown:
 * the change stands, and the person sees it in the portal. Returns how many were sent, so a
 * confirmation never claims a mail that did not go.
 */
export async function sendAfterCommit(ctx: ServiceContext, mails: Parameters<MailPort['send']>[0][]): Promise<number> {
  let sent = 0;
  for (const mail of mails) {
    try {
      await ctx.mail.send(mail);
      sent++;
    } catch (e) {
      console.error('mail not sent', { subject: mail.subject, error: (e as Error).message });
    }
  }
  return sent;
}

/**
 * A notice to portal users, who have no stored language: Dutch (the portal's default) with the
 * English below. `params` may differ per language (a sentence filled into the body).
 */
export function notice(to: string, subject: PortalKey, body: PortalKey, params: Params | ((locale: 'nl' | 'en') => Params)): Mail {
  const p = typeof params === 'function' ? params : () => params;
  return { to, subject: t('nl', subject, p('nl')), text: `${t('nl', body, p('nl'))}\n\n---\n\n${t('en', body, p('en'))}` };
}

/** The same notice to several people, each once, after the change it reports was stored. */
export function sendNotices(ctx: ServiceContext, to: string[], subject: PortalKey, body: PortalKey, params: Params | ((locale: 'nl' | 'en') => Params)) {
  return sendAfterCommit(ctx, [...new Set(to)].map((address) => notice(address, subject, body, params)));
}

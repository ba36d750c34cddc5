import type { Context } from 'hono';
import type { Config } from '../../shared/config/index.js';
import type { Db } from '../../shared/db/client.js';
import type { Locale } from '../../shared/i18n/index.js';
import type { Clock } from '../../shared/services/listings.js';
import type { SiteReads } from './reads.js';

/** What the resident site needs: the table, the configuration, a clock, and (publisher) shared reads. */
export interface SiteDeps {
  db: Db;
  config: Pick<Config, 'PUBLIC_ORIGIN' | 'REACH_KM' | 'RETENTION_DAYS_AFTER_CLOSE' | 'RETENTION_DAYS_WITH_CONSENT' | 'AUDIT_RETENTION_DAYS' | 'BACKUP_RETENTION_DAYS' | 'PRIVACY_CONTROLLER' | 'PRIVACY_CONTACT'>;
  clock?: Clock;
  /** One set of memoized reads for many requests (a publish run); absent: fresh reads per request. */
  reads?: SiteReads;
}

export type SiteEnv = { Variables: { reads: SiteReads; locale: Locale } };
export type SiteContext = Context<SiteEnv>;

/** What a page component needs to render. */
export interface PageContext {
  locale: Locale;
  reads: SiteReads;
  config: SiteDeps['config'];
}

import { createSiteApp } from '../web/site/app.js';
import { GROUPS } from '../web/site/groups.js';
import { seedSite, setSeatsTaken, siteDeps } from '../web/site/testing.js';
import { createTestDb } from './db.js';

/**
 * The resident site over its test data (web/site/testing.ts: two regions, an employer, a partner,
 * listings in every state), on a fresh table, with 5 of the company visit's seats taken; `app`
 * renders any page as the publisher would.
 */
export async function seededSiteApp() {
  const db = await createTestDb();
  const data = await seedSite(db);
  await setSeatsTaken(db, data.companyVisit.id, 5);
  return { db, data, app: createSiteApp(siteDeps(db)) };
}

/** The page types every language has, as pageType names them. */
export const PAGE_TYPES = ['home', 'region', 'location', 'poster', 'partners', 'listing', 'privacy', 'about', ...GROUPS.map((g) => `group:${g}`)];

/** The kind of page a path is, by the site's URL scheme (web/site/paths.ts); undefined for any other path. */
export function pageType(path: string): string | undefined {
  const rest = path.replace(/^\/[a-z]+\//, '/');
  if (path === '/') return 'languages';
  if (/^\/locations\/[^/]+\/poster\/$/.test(rest)) return 'poster';
  if (/^\/locations\/[^/]+\/$/.test(rest)) return 'location';
  if (/^\/regions\/[^/]+\/partners\/$/.test(rest)) return 'partners';
  const group = /^\/regions\/[^/]+\/([a-z]+)\/$/.exec(rest);
  if (group) return `group:${group[1]}`;
  if (/^\/regions\/[^/]+\/$/.test(rest)) return 'region';
  if (/^\/listings\/[^/]+\/$/.test(rest)) return 'listing';
  if (rest === '/privacy/') return 'privacy';
  if (rest === '/about/') return 'about';
  if (rest === '/') return 'home';
  return undefined;
}

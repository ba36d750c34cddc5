import { readFile } from 'node:fs/promises';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { DomainError, NotFoundError } from '../../shared/errors.js';
import { DEFAULT_LOCALE, directionOf, isLocale, t, type Locale } from '../../shared/i18n/index.js';
import { systemClock } from '../../shared/services/listings.js';
import { ASSETS } from '../ui/assets.js';
import { ICONS, webManifest } from '../ui/share-head.js';
import { ETHIOPIC_FONTS } from '../ui/site-style.js';
import type { PageContext, SiteContext, SiteDeps, SiteEnv } from './context.js';
import { isGroup } from './groups.js';
import { visitsCalendar } from './machine/calendar.js';
import { atomFeed } from './machine/feeds.js';
import { robotsTxt, sitemapPaths, sitemapXml } from './machine/sitemap.js';
import { AboutPage, PrivacyPage } from './pages/about.js';
import { HomePage, LanguagesPage } from './pages/home.js';
import { ListingPage } from './pages/listing.js';
import { LocationPage } from './pages/location.js';
import { PosterPage } from './pages/poster.js';
import { GroupPage, PartnersPage, RegionPage } from './pages/region.js';
import { CONTENT_TYPES } from './content-types.js';
import { NotFoundAllPage, NotFoundPage } from './pages/not-found.js';
import { paths } from './paths.js';
import { createSiteReads, seatsLeft } from './reads.js';
import { summariesIn } from './translated.js';

const XML = { atom: CONTENT_TYPES.atom, ics: CONTENT_TYPES.ics, xml: CONTENT_TYPES.xml };

/**
 * A page as UTF-8 bytes, encoded once here (a string body would be checked and encoded again
 * by the Response on the way, a good part of a site rebuild's time); the same header as `c.html`.
 */
async function page(c: SiteContext, element: Child | Promise<Child>) {
  return c.body(Buffer.from(`<!DOCTYPE html>${String(await element)}`), 200, { 'content-type': 'text/html; charset=UTF-8' });
}

/** `assen.atom` → `assen`; anything else is not a feed. */
function slugOf(file: string, ext: string): string {
  const m = new RegExp(`^([a-z0-9-]+)\\.${ext}$`).exec(file);
  if (!m) throw new NotFoundError();
  return m[1]!;
}

/**
 * The resident site: every page, feed and asset, served by `app.request` to the publisher
 * (which writes them as static files) and, in tests, straight to a client. Nothing here reads
 * a cookie or takes a form: pages depend on the table alone, so a stored page is the truth.
 */
export function createSiteApp(deps: SiteDeps) {
  const clock = deps.clock ?? systemClock;
  const { config } = deps;
  const app = new Hono<SiteEnv>({ strict: true });

  app.use('*', async (c, next) => {
    c.set('reads', deps.reads ?? createSiteReads(deps.db, { reachKm: config.REACH_KM, clock }));
    await next();
  });
  const ctx = (c: SiteContext): PageContext => ({ locale: c.get('locale'), reads: c.get('reads'), config });

  app.get('/', (c) => page(c, <LanguagesPage origin={config.PUBLIC_ORIGIN} />));

  app.get(ASSETS.filter.path, (c) => c.body(ASSETS.filter.body, 200, { 'content-type': ASSETS.filter.type }));
  for (const path of ETHIOPIC_FONTS) {
    app.get(path, async (c) => {
      // The fonts ship with the repository, not with the Lambda bundle: the stack deploys them.
      const font = await readFile(new URL(`../ui/fonts/${path.slice(path.lastIndexOf('/') + 1)}`, import.meta.url)).catch(() => undefined);
      if (!font) throw new NotFoundError();
      return c.body(new Uint8Array(font), 200, { 'content-type': 'font/woff2' });
    });
  }

  for (const icon of Object.values(ICONS)) {
    app.get(icon.path, async (c) => {
      // Like the font: files of the repository, which rebuild-site uploads.
      const body = await readFile(new URL(`../ui/icons/${icon.file}`, import.meta.url)).catch(() => undefined);
      if (!body) throw new NotFoundError();
      return c.body(new Uint8Array(body), 200, { 'content-type': icon.type });
    });
  }

  // Feeds and calendars: the Dutch ones at /feeds/…, the others at /feeds/<lang>/… (web/site/paths.ts).
  const feedLocale = (c: SiteContext): Locale => {
    const lang = c.req.param('lang');
    if (lang === undefined) return DEFAULT_LOCALE;
    if (!isLocale(lang) || lang === DEFAULT_LOCALE) throw new NotFoundError();
    return lang;
  };
  for (const prefix of ['', '/:lang']) {
    app.get(`/feeds${prefix}/regions/:file`, async (c) => {
      const locale = feedLocale(c);
      const id = slugOf(c.req.param('file'), 'atom');
      const reads = c.get('reads');
      const region = (await reads.directory()).regions.find((r) => r.id === id);
      if (!region) throw new NotFoundError();
      const [{ items: listings }, organisations] = await Promise.all([reads.regionNewest(id), reads.organisations()]);
      const title = t(locale, 'feed.region', { name: region.name });
      const translated = await summariesIn(reads, locale, listings);
      const body = atomFeed({ locale, title, self: paths.regionFeed(id, locale), page: paths.region(locale, id), origin: config.PUBLIC_ORIGIN, listings, organisations, translated });
      return c.body(body, 200, { 'content-type': XML.atom });
    });

    app.get(`/feeds${prefix}/locations/:file`, async (c) => {
      const locale = feedLocale(c);
      const id = slugOf(c.req.param('file'), 'atom');
      const reads = c.get('reads');
      const location = (await reads.directory()).locations.find((l) => l.id === id);
      if (!location) throw new NotFoundError();
      const [{ items: near }, organisations] = await Promise.all([reads.nearLocation(id), reads.organisations()]);
      const title = t(locale, 'feed.location', { name: location.name });
      const listings = near.map((n) => n.listing);
      const translated = await summariesIn(reads, locale, listings);
      const body = atomFeed({ locale, title, self: paths.locationFeed(id, locale), page: paths.location(locale, id), origin: config.PUBLIC_ORIGIN, listings, organisations, translated });
      return c.body(body, 200, { 'content-type': XML.atom });
    });

    app.get(`/calendar${prefix}/regions/:file`, async (c) => {
      const locale = feedLocale(c);
      const id = slugOf(c.req.param('file'), 'ics');
      const reads = c.get('reads');
      const region = (await reads.directory()).regions.find((r) => r.id === id);
      if (!region) throw new NotFoundError();
      const [{ items: listings }, organisations] = await Promise.all([reads.groupNewest(id, 'visits'), reads.organisations()]);
      const visits = await Promise.all(listings.map(async (listing) => ({ listing, seatsLeft: seatsLeft(listing, await reads.seatsTaken(listing.id)) })));
      const translated = await summariesIn(reads, locale, listings);
      const body = visitsCalendar({ locale, name: t(locale, 'feed.calendar', { name: region.name }), origin: config.PUBLIC_ORIGIN, visits, organisations, translated });
      return c.body(body, 200, { 'content-type': XML.ics });
    });
  }

  app.get('/sitemap.xml', async (c) => {
    const reads = c.get('reads');
    const directory = await reads.directory();
    // The newest of each region: a sitemap whose size grows with the listings would make every publish slower.
    const listings = (await Promise.all(directory.regions.map((r) => reads.regionNewest(r.id)))).flatMap((n) => n.items);
    listings.sort((a, b) => a.id.localeCompare(b.id));
    return c.body(sitemapXml(config.PUBLIC_ORIGIN, sitemapPaths(directory, listings)), 200, { 'content-type': XML.xml });
  });

  app.get('/robots.txt', (c) => c.text(robotsTxt(config.PUBLIC_ORIGIN)));
  app.get(paths.notFoundAll(), (c) => page(c, <NotFoundAllPage />));

  // Resident pages, under their locale.
  app.use('/:locale/*', async (c, next) => {
    const locale = c.req.param('locale');
    if (!isLocale(locale)) throw new NotFoundError();
    c.set('locale', locale);
    await next();
  });
  app.get('/:locale/', (c) => page(c, HomePage(ctx(c))));
  app.get('/:locale/manifest.webmanifest', (c) => {
    const locale = c.get('locale');
    return c.body(JSON.stringify(webManifest(locale, directionOf(locale))), 200, { 'content-type': CONTENT_TYPES.webmanifest });
  });
  app.get('/:locale/404.html', (c) => page(c, <NotFoundPage locale={c.get('locale')} />));
  app.get('/:locale/privacy/', (c) => page(c, PrivacyPage(ctx(c))));
  app.get('/:locale/about/', (c) => page(c, AboutPage(ctx(c))));
  app.get('/:locale/locations/:id/', (c) => page(c, LocationPage(ctx(c), c.req.param('id'))));
  app.get('/:locale/locations/:id/poster/', (c) => page(c, PosterPage(ctx(c), c.req.param('id'))));
  app.get('/:locale/regions/:id/', (c) => page(c, RegionPage(ctx(c), c.req.param('id'))));
  app.get('/:locale/regions/:id/partners/', (c) => page(c, PartnersPage(ctx(c), c.req.param('id'))));
  app.get('/:locale/regions/:id/:group/', (c) => {
    const group = c.req.param('group');
    if (!isGroup(group)) throw new NotFoundError();
    return page(c, GroupPage(ctx(c), c.req.param('id'), group));
  });
  app.get('/:locale/listings/:id/', (c) => page(c, ListingPage(ctx(c), c.req.param('id'))));

  app.notFound((c) => c.text('Not found', 404));
  app.onError((err, c) => {
    if (err instanceof DomainError) return c.text(err.key, err.status);
    console.error(err);
    return c.text('Internal error', 500);
  });
  return app;
}

export type SiteApp = ReturnType<typeof createSiteApp>;

import { gzipSync } from 'node:zlib';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, directionOf, t } from '../../shared/i18n/index.js';
import { ASSETS } from '../ui/assets.js';
import { PAGE_TYPES, pageType, seededSiteApp } from '../../test/site.js';
import { paths } from './paths.js';

let { app, data } = {} as Awaited<ReturnType<typeof seededSiteApp>>;
beforeAll(async () => ({ app, data } = await seededSiteApp()));

async function get(path: string) {
  const res = await app.request(path);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
/** Links that may leave the locale on purpose: the language switch, feeds, assets, outside sites. */
const leavesLocale = (html: string, href: string) =>
  /^(https?:|mailto:|tel:|#)/.test(href) ||
  // The Tigrinya pages' preload of the inline blank font: in the page itself, no address.
  href.startsWith('data:font/woff2;base64,') ||
  /^\/(feeds|calendar|assets|icons)\//.test(href) ||
  href === '/favicon.ico' ||
  // Residents' forms in the portal take the language along as a parameter.
  /^\/portal\/[a-z]+\?locale=[a-z]+$/.test(href) ||
  html.includes(`href="${href}" hreflang=`);

describe('the resident site', () => {
  it('reaches every page type by links from / in every language, each with its language, direction and prefix on every link', async () => {
    const seen = new Map<string, Set<string>>(LOCALES.map((l) => [l, new Set()]));
    const queue = ['/'];
    const visited = new Set(queue);
    while (queue.length > 0) {
      const path = queue.shift()!;
      const page = await get(path);
      expect(page.status, path).toBe(200);
      const locale = /^\/([a-z]+)\//.exec(path)?.[1];
      if (locale) {
        expect(page.text, path).toContain(`<html lang="${locale}" dir="${directionOf(locale)}">`);
        seen.get(locale)!.add(pageType(path) ?? path);
      }
      for (const href of hrefs(page.text)) {
        // A jump link lands on something (the tile of an empty group links nowhere).
        if (href.startsWith('#') && href !== '#') expect(page.text, `${path} → ${href}`).toContain(`id="${href.slice(1)}"`);
        if (locale && !leavesLocale(page.text, href)) expect(href, `${path} → ${href}`).toMatch(new RegExp(`^/${locale}/`));
        if (!href.startsWith('/') || /^\/(feeds|calendar|assets|icons)\/|^\/favicon\.ico$|\.webmanifest$/.test(href) || visited.has(href)) continue;
        // The language switch would visit every page in every language; the walk from / does that already.
        if (locale && !href.startsWith(`/${locale}/`)) continue;
        visited.add(href);
        queue.push(href);
      }
    }
    for (const l of LOCALES) expect([...seen.get(l)!].sort(), l).toEqual(expect.arrayContaining(PAGE_TYPES));
    expect(directionOf('ar')).toBe('rtl');
  }, 180_000); // a crawl of some 300 pages: on two busy cores it can take longer than the default

  it('writes valid HTML for every page type', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      // hono/jsx writes void elements self-closed and boolean attributes as `hidden=""`.
      rules: { 'void-style': ['error', { style: 'selfclose' }], 'attribute-boolean-style': ['error', { style: 'empty' }], 'attribute-empty-style': ['error', { style: 'empty' }] },
    });
    const pages = [
      '/', paths.home('nl'), paths.region('ar', 'zuid'), paths.group('ti', 'zuid', 'visits'), paths.group('nl', 'zuid', 'jobs'),
      paths.partners('fa', 'zuid'), paths.location('ar', 'venlo'), paths.poster('nl', 'venlo'), paths.listing('ar', data.job.id),
      paths.listing('nl', data.companyVisit.id), paths.listing('nl', data.closed.id), paths.privacy('so'), paths.about('kmr'),
      paths.notFound('ar'), paths.notFoundAll(),
    ];
    for (const path of pages) {
      const report = await validator.validateString((await get(path)).text);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${path}: ${m.ruleId} ${m.message}`))).toEqual([]);
    }
  });

  it('lists what is within reach of a location, nearest first, with the distance, and nothing unpublished', async () => {
    const page = (await get(paths.location('nl', 'venlo'))).text;
    const order = [data.volunteering.title, data.job.title].map((title) => page.indexOf(title));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(page).toContain('Heftruckchauffeur Venlo</a><p class="meta"><bdi>Betaalde baan</bdi> · <bdi>Kwekerij De Zon</bdi> · <bdi>Venlo</bdi> · <bdi>3 km hemelsbreed</bdi>');
    expect(page).not.toContain(data.far.title); // about 66 km away: out of reach
    expect(page).not.toContain(data.draft.title);
    expect(page).not.toContain(data.closed.title);
    // Browsing by kind works without a script: a section per group, every listing on the page.
    expect(page).toContain('<section class="section" id="jobs">');
    expect(page).toContain('<form class="filters" hidden="">');
    expect(page).toContain(`href="${paths.poster('nl', 'venlo')}"`);
  });

  it('keeps listing texts in the language they were written in', async () => {
    const page = (await get(paths.location('nl', 'venlo'))).text;
    expect(page).toContain(`lang="ar" dir="rtl">${data.volunteering.title}</a>`);
    const listing = (await get(paths.listing('ar', data.job.id))).text;
    expect(listing).toContain(`<span lang="nl" dir="ltr">${data.job.title}</span>`);
    expect(listing).toContain(t('ar', 'listing.writtenIn', { language: 'الهولندية' }));
  });

  it('shows a listing in full: where, how far, hours, wage, dates, Dutch, English, who may, the work permit and how to react', async () => {
    const page = (await get(paths.listing('en', data.job.id))).text;
    for (const text of [
      'Venrayseweg 10, 5928 RH Venlo', '3 km from Venlo', '32 hours a week', '€15.20 per hour, before tax (gross)', '7 December 2026', '20 December 2026',
      t('en', 'level.A1'), t('en', 'listing.englishOk'), t('en', 'openTo.permit-holders-and-asylum-seekers'), t('en', 'permit.asylum'),
      t('en', 'permit.helps'), t('en', 'interest.intro'), t('en', 'interest.consent'), data.job.id,
    ]) {
      expect(page).toContain(text.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
    }
    expect(page).not.toContain('noindex');
  });

  it('says a closed listing is closed, keeps it out of search engines, and does not show a draft at all', async () => {
    const closed = await get(paths.listing('nl', data.closed.id));
    expect(closed.status).toBe(200);
    expect(closed.text).toContain('<meta name="robots" content="noindex"/>');
    expect(closed.text).toContain(t('nl', 'listing.closed'));
    expect(closed.text).not.toContain(data.closed.description);
    expect((await get(paths.listing('nl', data.draft.id))).status).toBe(404);
    expect((await get(`/xx/listings/${data.job.id}/`)).status).toBe(404);
    expect((await get('/nl/regions/zuid/nonsense/')).status).toBe(404);
  });

  it('shows company visits soonest first with the seats left, read from the sign-up counter', async () => {
    const page = (await get(paths.group('en', 'zuid', 'visits'))).text;
    expect(page).toContain(data.companyVisit.title);
    expect(page).toContain('15 places left');
    expect(page).toContain('2 December 2026, 09:00 to 12:00');
    const listing = (await get(paths.listing('nl', data.companyVisit.id))).text;
    expect(listing).toContain('Nog 15 plaatsen vrij');
    expect(listing).toContain('Neem je W-document mee.');
  });

  it('shows the partner network of a region: partners, not employers', async () => {
    const page = (await get(paths.partners('nl', 'zuid'))).text;
    expect(page).toContain('VluchtelingenWerk Limburg');
    expect(page).toContain(t('nl', 'partnerKind.ngo'));
    expect(page).toContain('href="tel:+31770001234"');
    expect(page).not.toContain('<h2>Kwekerij De Zon</h2>');
    expect((await get(paths.partners('nl', 'noord'))).text).toContain(t('nl', 'partners.empty'));
  });

  it('puts a pictogram beside every listing and links region pages to their feeds', async () => {
    const page = (await get(paths.region('nl', 'zuid'))).text;
    expect(page.match(/<li data-level="\d"[^>]*><svg class="pict"/g)).toHaveLength(4);
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" href="${paths.regionFeed('zuid')}"`);
    expect(page).toContain(`<link rel="alternate" type="text/calendar" href="${paths.regionCalendar('zuid')}"`);
  });

  it('stays light: the stylesheet inline (no second request), a filter script under 5 KB, a listing page under 14 KB gzipped', async () => {
    expect(Buffer.byteLength(ASSETS.filter.body)).toBeLessThan(5 * 1024);
    for (const id of [data.job.id, data.companyVisit.id]) {
      const html = (await get(paths.listing('ti', id))).text;
      // The site's stylesheet and, on a Tigrinya page, the one with the Ethiopic font's blank twin: both inline.
      expect(html.match(/<style>/g)).toHaveLength(2);
      expect(html).not.toContain('rel="stylesheet"');
      expect(html).not.toContain('<script src');
      expect(gzipSync(html).length).toBeLessThan(14 * 1024);
    }
  });
});

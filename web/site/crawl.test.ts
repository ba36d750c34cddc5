import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { LOCALES, isLocale } from '../../shared/i18n/index.js';
import { clock } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { PAGE_TYPES, pageType, seededSiteApp } from '../../test/site.js';
import { paths } from './paths.js';
import { rebuildSite } from './rebuild.js';
import { renderPages } from './render.js';
import { createSiteApp } from './app.js';

/**
 * A crawler over the resident site as it is served (the rendered files and the portal behind
 * them, `npm start`'s local app): from `/`, the sitemap and a closed listing, it follows every
 * link in every language and checks what search engines and chat apps read. Every page has a
 * canonical address, Open Graph tags that agree with it and with the title, hreflang
 * alternates for all ten languages plus x-default that point back at each other; no two pages
 * share a title; every in-page anchor has its target; every link answers 200.
 */
const dir = mkdtempSync(join(tmpdir(), 'opweg-crawl-'));
let server: Awaited<ReturnType<typeof startTestServer>>;
let data: Awaited<ReturnType<typeof seededSiteApp>>['data'];

interface Page {
  path: string;
  status: number;
  type: string;
  text: string;
}
const pages = new Map<string, Page>();

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};
const tags = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);
const meta = (html: string, property: string) => tags(html, 'meta').filter((m) => attr(m, 'property') === property || attr(m, 'name') === property).map((m) => attr(m, 'content'));
const links = (html: string, rel: string) => tags(html, 'link').filter((l) => attr(l, 'rel') === rel);
const titleOf = (html: string) => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '');

async function fetchPage(path: string): Promise<Page> {
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  const type = res.headers.get('content-type') ?? '';
  return { path, status: res.status, type, text: type.startsWith('text/html') ? await res.text() : (await res.arrayBuffer(), '') };
}

/** Every address a page points at: links, stylesheets, scripts, images (forms post, so they are not fetched). */
function targetsOf(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]!));
}

beforeAll(async () => {
  const seeded = await seededSiteApp();
  const { db } = seeded;
  data = seeded.data;
  server = await startTestServer(db, { siteDir: dir, clock });
  const store = new FsSiteStore(dir);
  const { failed } = await rebuildSite({ db, config: server.config, store, clock });
  expect(failed).toEqual([]);
  // A closed listing keeps its page (the publisher re-renders it when it closes; a rebuild only renders what is open).
  const closed = await renderPages(createSiteApp({ db, config: server.config, clock }), store, LOCALES.map((l) => paths.listing(l, data.closed.id)));
  expect(closed.map((o) => o.action)).toEqual(LOCALES.map(() => 'written'));

  const sitemap = await (await fetch(`${server.url}${paths.sitemap()}`)).text();
  const start = ['/', paths.listing('ar', data.closed.id), ...[...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => decode(m[1]!).slice(server.url.length))];
  const queue = [...new Set(start)];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const page = await fetchPage(path);
    pages.set(path, page);
    if (!page.type.startsWith('text/html')) continue;
    for (const target of targetsOf(page.text)) {
      // Outside sites are not fetched (no network in tests); the anchors are checked below.
      if (!target.startsWith('/')) continue;
      const local = target.split('#')[0]!;
      if (!seen.has(local)) {
        seen.add(local);
        queue.push(local);
      }
    }
  }
}, 600_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const htmlPages = () => [...pages.values()].filter((p) => p.type.startsWith('text/html') && p.status === 200 && !p.path.startsWith('/portal/'));

describe('crawling the resident site', () => {
  it('reaches every page type in all ten languages, and every link, script and stylesheet answers 200', () => {
    const broken = [...pages.values()].filter((p) => p.status !== 200).map((p) => `${p.path} → ${p.status}`);
    expect(broken).toEqual([]);
    for (const locale of LOCALES) {
      const seen = new Set(htmlPages().filter((p) => p.path.startsWith(`/${locale}/`)).map((p) => pageType(p.path) ?? `other:${p.path}`));
      expect([...seen].sort(), locale).toEqual(expect.arrayContaining(PAGE_TYPES));
    }
    expect(pages.get('/')?.status).toBe(200);
  });

  it('gives every page a canonical address, Open Graph tags that agree with it, and a description of its own', () => {
    for (const page of htmlPages()) {
      const canonical = links(page.text, 'canonical').map((l) => attr(l, 'href'));
      expect(canonical, page.path).toEqual([`${server.url}${page.path}`]);
      expect(meta(page.text, 'og:url'), page.path).toEqual(canonical);
      expect(meta(page.text, 'og:title'), page.path).toEqual([titleOf(page.text)]);
      const description = meta(page.text, 'description');
      expect(description, page.path).toHaveLength(1);
      expect(meta(page.text, 'og:description'), page.path).toEqual(description);
      expect(meta(page.text, 'og:image')[0], page.path).toMatch(new RegExp(`^${server.url}/`));
      expect(meta(page.text, 'og:type')[0], page.path).toBe(pageType(page.path) === 'listing' && !page.text.includes('noindex') ? 'article' : 'website');
      const lang = /<html lang="([^"]+)"/.exec(page.text)?.[1] ?? '';
      if (isLocale(lang) && page.path !== '/') expect(meta(page.text, 'og:locale')[0]?.split('_')[0], page.path).toBe(lang === 'kmr' ? 'ku' : lang);
    }
    // One description per page, not one per language: a listing's names its kind, organisation and place.
    const descriptions = htmlPages().map((p) => meta(p.text, 'description')[0]);
    expect(new Set(descriptions).size).toBe(descriptions.length);
    const job = pages.get(paths.listing('ar', data.job.id))!;
    expect(meta(job.text, 'description')[0]).toContain(data.job.workplace.city);
    expect(meta(job.text, 'description')[0]).toContain(data.employer.name);
  });

  it('links every page to itself in all ten languages and x-default, and each of those pages links back the same way', () => {
    for (const page of htmlPages()) {
      const alternates = links(page.text, 'alternate').filter((l) => attr(l, 'hreflang'));
      const byLang = Object.fromEntries(alternates.map((l) => [attr(l, 'hreflang')!, attr(l, 'href')!]));
      expect(Object.keys(byLang).sort(), page.path).toEqual([...LOCALES, 'x-default'].sort());
      expect(alternates, page.path).toHaveLength(LOCALES.length + 1);
      const lang = /<html lang="([^"]+)"/.exec(page.text)?.[1] ?? '';
      if (page.path !== '/') expect(byLang[lang], page.path).toBe(`${server.url}${page.path}`);
      for (const [hreflang, href] of Object.entries(byLang)) {
        const other = pages.get(href.slice(server.url.length));
        expect(other?.status, `${page.path} → ${hreflang} ${href}`).toBe(200);
        const back = Object.fromEntries(
          links(other!.text, 'alternate')
            .filter((l) => attr(l, 'hreflang'))
            .map((l) => [attr(l, 'hreflang')!, attr(l, 'href')!]),
        );
        expect(back, `${href} does not link back like ${page.path}`).toEqual(byLang);
      }
    }
  });

  it('titles every page differently, a listing in the language of its page', () => {
    const titles = new Map<string, string[]>();
    for (const page of htmlPages()) titles.set(titleOf(page.text), [...(titles.get(titleOf(page.text)) ?? []), page.path]);
    expect([...titles.entries()].filter(([, at]) => at.length > 1)).toEqual([]);
    const listingTitles = LOCALES.map((l) => titleOf(pages.get(paths.listing(l, data.job.id))!.text));
    expect(new Set(listingTitles).size).toBe(LOCALES.length);
  });

  it('has a target for every in-page anchor', () => {
    for (const page of htmlPages()) {
      const ids = new Set([...page.text.matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)));
      for (const target of targetsOf(page.text)) {
        const [where, anchor] = target.split('#');
        if (anchor === undefined || /^https?:/.test(target)) continue;
        const on = where === '' ? page : pages.get(where!);
        const targetIds = on === page ? ids : new Set([...(on?.text ?? '').matchAll(/\sid="([^"]+)"/g)].map((m) => decode(m[1]!)));
        expect(targetIds.has(anchor), `${page.path}: ${target}`).toBe(true);
      }
    }
  });

  it('lists the same alternates in the sitemap as on the pages', async () => {
    const sitemap = await (await fetch(`${server.url}${paths.sitemap()}`)).text();
    const entries = [...sitemap.matchAll(/<url><loc>([^<]*)<\/loc>(.*?)<\/url>/g)];
    expect(entries.length).toBeGreaterThan(LOCALES.length);
    for (const [, loc, rest] of entries) {
      const inSitemap = Object.fromEntries([...rest!.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
      const page = pages.get(decode(loc!).slice(server.url.length))!;
      const onPage = Object.fromEntries(
        links(page.text, 'alternate')
          .filter((l) => attr(l, 'hreflang'))
          .map((l) => [attr(l, 'hreflang')!, attr(l, 'href')!]),
      );
      expect(inSitemap, loc).toEqual(onPage);
    }
  });

  it('serves a favicon and a web app manifest per language that starts in that language', async () => {
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(200);
    for (const locale of ['nl', 'ar'] as const) {
      const res = await fetch(`${server.url}${paths.manifest(locale)}`);
      expect(res.status).toBe(200);
      const manifest = (await res.json()) as { lang: string; dir: string; start_url: string; icons: { src: string }[] };
      expect(manifest).toMatchObject({ lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr', start_url: paths.home(locale) });
      for (const icon of manifest.icons) expect((await fetch(`${server.url}${icon.src}`)).status, icon.src).toBe(200);
    }
  });
});

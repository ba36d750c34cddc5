import type { Listing } from '../../../shared/domain/listing.js';
import { LOCALES } from '../../../shared/i18n/index.js';
import type { Directory } from '../../../shared/repositories/directory.js';
import { GROUPS } from '../groups.js';
import { pageUrl, xDefault } from '../../ui/share-head.js';
import { paths, withoutLocale } from '../paths.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Every indexable page in every language: not the posters (for print) and not closed listings. */
export function sitemapPaths(directory: Directory, listings: Listing[]): { path: string; lastmod?: string }[] {
  const out: { path: string; lastmod?: string }[] = [{ path: paths.languages() }];
  for (const l of LOCALES) {
    out.push({ path: paths.home(l) }, { path: paths.privacy(l) }, { path: paths.about(l) });
    for (const r of directory.regions) {
      out.push({ path: paths.region(l, r.id) }, { path: paths.partners(l, r.id) }, ...GROUPS.map((g) => ({ path: paths.group(l, r.id, g) })));
    }
    for (const loc of directory.locations) out.push({ path: paths.location(l, loc.id) });
    for (const listing of listings) out.push({ path: paths.listing(l, listing.id), lastmod: listing.updatedAt.slice(0, 10) });
  }
  return out;
}

/**
 * The same page in every language, as the pages' own `<link rel=alternate hreflang>` say it
 * (web/ui/share-head.tsx): the chooser `/` is the x-default of the home pages.
 */
export function alternatesOf(origin: string, path: string): { hreflang: string; href: string }[] {
  const rest = path === '/' ? '/' : withoutLocale(path);
  if (rest === path && path !== '/') return [];
  return [...LOCALES.map((l) => ({ hreflang: l, href: pageUrl(origin, l, rest) })), { hreflang: 'x-default', href: xDefault(origin, rest) }];
}

export function sitemapXml(origin: string, entries: { path: string; lastmod?: string }[]): string {
  const urls = entries.map((e) => {
    const links = alternatesOf(origin, e.path).map((a) => `<xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${xml(a.href)}"/>`);
    return `<url><loc>${xml(origin + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ''}${links.join('')}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

export function robotsTxt(origin: string): string {
  return `User-agent: *\nDisallow: /portal/\n\nSitemap: ${origin}${paths.sitemap()}\n`;
}

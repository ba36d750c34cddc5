import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/index.js';
import type { KindGroup } from './groups.js';

/** `/ar` in a feed's address; nothing for Dutch (see regionFeed). */
const inLocale = (l: Locale) => (l === DEFAULT_LOCALE ? '' : `/${l}`);

/**
 * The resident site's URL scheme, in one place: pages link with it, the publisher computes the
 * pages a change touches with it, the sitemap lists it. Every resident page sits under its
 * locale and ends in `/` (written as `<path>index.html`); feeds sit outside the locales.
 */
export const paths = {
  languages: () => '/',
  home: (l: Locale) => `/${l}/`,
  location: (l: Locale, id: string) => `/${l}/locations/${id}/`,
  poster: (l: Locale, id: string) => `/${l}/locations/${id}/poster/`,
  region: (l: Locale, id: string) => `/${l}/regions/${id}/`,
  group: (l: Locale, regionId: string, group: KindGroup) => `/${l}/regions/${regionId}/${group}/`,
  partners: (l: Locale, regionId: string) => `/${l}/regions/${regionId}/partners/`,
  listing: (l: Locale, id: string) => `/${l}/listings/${id}/`,
  privacy: (l: Locale) => `/${l}/privacy/`,
  about: (l: Locale) => `/${l}/about/`,
  // Feeds and calendars per language. The Dutch ones keep the address they had before there
  // were others, so that existing subscriptions go on working.
  regionFeed: (regionId: string, l: Locale = DEFAULT_LOCALE) => `/feeds${inLocale(l)}/regions/${regionId}.atom`,
  locationFeed: (locationId: string, l: Locale = DEFAULT_LOCALE) => `/feeds${inLocale(l)}/locations/${locationId}.atom`,
  regionCalendar: (regionId: string, l: Locale = DEFAULT_LOCALE) => `/calendar${inLocale(l)}/regions/${regionId}.ics`,
  sitemap: () => '/sitemap.xml',
  robots: () => '/robots.txt',
  /** The web app manifest, per language (its name, direction and start page are the language's). */
  manifest: (l: Locale) => `/${l}/manifest.webmanifest`,
  /** What an unknown address under a locale answers (404), and `/404.html` for one under none (and CloudFront's error response). */
  notFound: (l: Locale) => `/${l}/404.html`,
  notFoundAll: () => '/404.html',
};

/** The file a path is stored as: `/nl/` → `nl/index.html`, `/sitemap.xml` → `sitemap.xml`. */
export function fileOf(path: string): string {
  const key = path.replace(/^\/+/, '');
  return key === '' || key.endsWith('/') ? `${key}index.html` : key;
}

/** The same page in another language: `/nl/locations/assen/` → `/locations/assen/`. */
export const withoutLocale = (path: string) => path.replace(/^\/[a-z]{2,3}(?=\/)/, '');

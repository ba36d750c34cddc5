import type { Locale } from '../../shared/i18n/index.js';
import type { KindGroup } from './groups.js';

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
  regionFeed: (regionId: string) => `/feeds/regions/${regionId}.atom`,
  locationFeed: (locationId: string) => `/feeds/locations/${locationId}.atom`,
  regionCalendar: (regionId: string) => `/calendar/regions/${regionId}.ics`,
  sitemap: () => '/sitemap.xml',
  robots: () => '/robots.txt',
  /** The web app manifest, per language (its name, direction and start page are the language's). */
  manifest: (l: Locale) => `/${l}/manifest.webmanifest`,
};

/** The file a path is stored as: `/nl/` → `nl/index.html`, `/sitemap.xml` → `sitemap.xml`. */
export function fileOf(path: string): string {
  const key = path.replace(/^\/+/, '');
  return key === '' || key.endsWith('/') ? `${key}index.html` : key;
}

/** The same page in another language: `/nl/locations/assen/` → `/locations/assen/`. */
export const withoutLocale = (path: string) => path.replace(/^\/[a-z]{2,3}(?=\/)/, '');

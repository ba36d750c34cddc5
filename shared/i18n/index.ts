import type { MessageKey } from './messages/en.js';
import type { PortalKey } from './portal/en.js';
import { CATALOGUE, NEEDS_REVIEW, PORTAL_CATALOGUE } from './catalogues.js';
import { DEFAULT_LOCALE, isLocale, LOCALE_INFO, type Locale } from './locales.js';
import { formatMoney, formatNumber } from './format.js';
import { selectPlurals } from './plural.js';

export { LOCALES, LOCALE_INFO, DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales.js';
export type { MessageKey, Messages, NeedsReview } from './messages/en.js';
export type { PortalKey } from './portal/en.js';
export { pluralCategories, pluralParts } from './plural.js';

/** The catalogues (all of them, or in the residents' function one locale at a time: ./catalogues.ts). */
export { CATALOGUE, NEEDS_REVIEW, PORTAL_CATALOGUE, loadCatalogue } from './catalogues.js';
/** Portal messages: Dutch and English. */
export const PORTAL_LOCALES = ['nl', 'en'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

export type Params = Record<string, string | number>;
export type AnyKey = MessageKey | PortalKey;

/**
 * Fills a message: plurals first (./plural.ts: the branch the locale's Intl.PluralRules pick,
 * `#` as the number written the locale's way), then `{name}` placeholders; `{name:money}`
 * writes a number of euros as money the locale's way ("€ 14,71", "€14.71").
 */
function fill(locale: Locale, s: string, params: Params): string {
  if (!s.includes('{')) return s;
  const withPlurals = selectPlurals(
    s,
    LOCALE_INFO[locale].intl,
    (name) => Number(params[name]),
    (name, n) => (Number.isFinite(n) ? formatNumber(locale, n) : String(params[name])),
  );
  return withPlurals.replace(/\{(\w+)(:money)?\}/g, (whole, name: string, money?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return money && typeof value === 'number' ? formatMoney(locale, value) : String(value);
  });
}

/** The message for `key` in `locale`, with `{name}` placeholders and plurals filled in. */
export function t(locale: string, key: AnyKey, params: Params = {}): string {
  // Portal keys, and only they, start with `portal.` (shared/i18n/portal/en.ts).
  if (key.startsWith('portal.')) {
    const portalLocale = locale === 'en' ? 'en' : 'nl';
    return fill(portalLocale, loaded(PORTAL_CATALOGUE[portalLocale], portalLocale)[key as PortalKey], params);
  }
  const resident = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return fill(resident, loaded(CATALOGUE[resident], resident)[key as MessageKey], params);
}

/** A catalogue a bundled HTTP function has not loaded yet (./catalogues-lazy.ts) is a bug to name, not a TypeError. */
function loaded<T>(catalogue: T | undefined, locale: string): T {
  if (!catalogue) throw new Error(`the ${locale} catalogue is not loaded (loadCatalogue)`);
  return catalogue;
}

/** True while some of `locale`'s translations wait for a native speaker's review. */
export const needsReview = (locale: Locale): boolean => {
  const open = loaded(NEEDS_REVIEW[locale], locale);
  return open === 'all' || open.length > 0;
};

import { en, enNeedsReview, type MessageKey, type Messages, type NeedsReview } from './messages/en.js';
import { nl, nlNeedsReview } from './messages/nl.js';
import { ar, arNeedsReview } from './messages/ar.js';
import { ti, tiNeedsReview } from './messages/ti.js';
import { fa, faNeedsReview } from './messages/fa.js';
import { ps, psNeedsReview } from './messages/ps.js';
import { tr, trNeedsReview } from './messages/tr.js';
import { so, soNeedsReview } from './messages/so.js';
import { kmr, kmrNeedsReview } from './messages/kmr.js';
import { ckb, ckbNeedsReview } from './messages/ckb.js';
import { portalEn, type PortalKey, type PortalMessages } from './portal/en.js';
import { portalNl } from './portal/nl.js';
import { DEFAULT_LOCALE, isLocale, LOCALE_INFO, type Locale } from './locales.js';
import { formatMoney, formatNumber } from './format.js';
import { selectPlurals } from './plural.js';

export { LOCALES, LOCALE_INFO, DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales.js';
export type { MessageKey, Messages, NeedsReview } from './messages/en.js';
export type { PortalKey } from './portal/en.js';
export { pluralCategories, pluralParts } from './plural.js';

/** Resident-facing messages: every key in every locale (a test checks it). */
export const CATALOGUE: Record<Locale, Messages> = { nl, en, ar, ti, fa, ps, tr, so, kmr, ckb };
/** Translations still waiting for a native speaker's review, per locale (see NeedsReview). */
export const NEEDS_REVIEW: Record<Locale, NeedsReview> = {
  nl: nlNeedsReview, en: enNeedsReview, ar: arNeedsReview, ti: tiNeedsReview, fa: faNeedsReview,
  ps: psNeedsReview, tr: trNeedsReview, so: soNeedsReview, kmr: kmrNeedsReview, ckb: ckbNeedsReview,
};
/** Portal messages: Dutch and English. */
export const PORTAL_LOCALES = ['nl', 'en'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];
export const PORTAL_CATALOGUE: Record<PortalLocale, PortalMessages> = { nl: portalNl, en: portalEn };

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
  if (key in portalEn) {
    const portalLocale = locale === 'en' ? 'en' : 'nl';
    return fill(portalLocale, PORTAL_CATALOGUE[portalLocale][key as PortalKey], params);
  }
  const resident = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return fill(resident, CATALOGUE[resident][key as MessageKey], params);
}

/** True while some of `locale`'s translations wait for a native speaker's review. */
export const needsReview = (locale: Locale): boolean => NEEDS_REVIEW[locale] === 'all' || NEEDS_REVIEW[locale].length > 0;

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
import { DEFAULT_LOCALE, LOCALE_INFO, isLocale, type Locale } from './locales.js';
import { isPlural, selectPlural, type Message } from './plural.js';

export { LOCALES, LOCALE_INFO, DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales.js';
export type { MessageKey, Messages, NeedsReview } from './messages/en.js';
export type { PortalKey } from './portal/en.js';
export { PLURAL_PARAM, isPlural, pluralCategories, selectPlural, type Message, type Plural, type PluralCategory } from './plural.js';

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

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(intlTag: string, money: boolean): Intl.NumberFormat {
  const key = `${intlTag}|${money}`;
  let f = formats.get(key);
  if (!f) {
    // Grouping from five digits on (10.000), so that a year or a four-digit count stays as written.
    // ('min2' is ES2023; the TypeScript lib in use still types useGrouping as a boolean.)
    const options: Intl.NumberFormatOptions = money ? { style: 'currency', currency: 'EUR' } : { maximumFractionDigits: 2, useGrouping: 'min2' as unknown as boolean };
    formats.set(key, (f = new Intl.NumberFormat(intlTag, options)));
  }
  return f;
}

/**
 * Fills `{name}` placeholders. Numbers are written as the language writes them (digits,
 * decimal comma); `{name:money}` writes a number of euros as money (`€ 14,71`, `€14.71`).
 */
function fill(intlTag: string, s: string, params: Params): string {
  return s.replace(/\{(\w+)(:money)?\}/g, (whole, name: string, money?: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numberFormat(intlTag, Boolean(money)).format(value) : value;
  });
}

/**
 * The message for `key` in `locale`, with its placeholders filled in. A plural message
 * (./plural.ts) takes the form for `params.count`.
 */
export function t(locale: string, key: AnyKey, params: Params = {}): string {
  let message: Message;
  let intlTag: string;
  if (key in portalEn) {
    const portalLocale = locale === 'en' ? 'en' : 'nl';
    message = PORTAL_CATALOGUE[portalLocale][key as PortalKey];
    intlTag = LOCALE_INFO[portalLocale].intl;
  } else {
    const residentLocale = isLocale(locale) ? locale : DEFAULT_LOCALE;
    message = CATALOGUE[residentLocale][key as MessageKey];
    intlTag = LOCALE_INFO[residentLocale].intl;
  }
  const text = isPlural(message) ? selectPlural(intlTag, message, Number(params.count)) : message;
  return fill(intlTag, text, params);
}

/** True while some of `locale`'s translations wait for a native speaker's review. */
export const needsReview = (locale: Locale): boolean => NEEDS_REVIEW[locale] === 'all' || NEEDS_REVIEW[locale].length > 0;

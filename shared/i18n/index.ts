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
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.js';

export { LOCALES, LOCALE_INFO, DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales.js';
export type { MessageKey, Messages, NeedsReview } from './messages/en.js';
export type { PortalKey } from './portal/en.js';

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

const fill = (s: string, params: Params) => s.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

/** The message for `key` in `locale`, with `{name}` placeholders filled in. */
export function t(locale: string, key: AnyKey, params: Params = {}): string {
  if (key in portalEn) {
    const messages = PORTAL_CATALOGUE[locale === 'en' ? 'en' : 'nl'];
    return fill(messages[key as PortalKey], params);
  }
  const messages = CATALOGUE[isLocale(locale) ? locale : DEFAULT_LOCALE];
  return fill(messages[key as MessageKey], params);
}

/** True while some of `locale`'s translations wait for a native speaker's review. */
export const needsReview = (locale: Locale): boolean => NEEDS_REVIEW[locale] === 'all' || NEEDS_REVIEW[locale].length > 0;

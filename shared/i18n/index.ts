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
import { formatNumber } from './format.js';

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

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Fills `{name}` placeholders, and plurals written the ICU way:
 * `{count, plural, one {# listing waits} other {# listings wait}}` takes the branch that the
 * locale's plural rules (Intl.PluralRules) pick for the number (an exact `=0` branch first),
 * with `#` as the number written the locale's way. Branches may hold `{name}` placeholders.
 */
function fill(locale: Locale, s: string, params: Params): string {
  const plural = /\{(\w+), *plural, */g;
  let out = '';
  let at = 0;
  for (let m = plural.exec(s); m; m = plural.exec(s)) {
    const n = Number(params[m[1]!]);
    const branches = new Map<string, string>();
    let p = plural.lastIndex;
    for (;;) {
      while (s[p] === ' ') p++;
      const selector = /^=?\w+/.exec(s.slice(p))?.[0];
      if (!selector) break;
      const open = s.indexOf('{', p + selector.length);
      const close = closing(s, open);
      branches.set(selector, s.slice(open + 1, close));
      p = close + 1;
    }
    let rules = pluralRules.get(locale);
    if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(LOCALE_INFO[locale].intl)));
    const branch = branches.get(`=${n}`) ?? branches.get(rules.select(n)) ?? branches.get('other') ?? '';
    out += s.slice(at, m.index) + branch.replaceAll('#', Number.isFinite(n) ? formatNumber(locale, n) : String(params[m[1]!]));
    at = p + 1; // past the plural's own closing brace
    plural.lastIndex = at;
  }
  out += s.slice(at);
  return out.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The index of the brace that closes the one at `open`. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return s.length;
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

import { LOCALE_INFO, type Locale } from './locales.js';

/**
 * Dates, times, money and numbers as a reader of `locale` writes them (resident pages, the
 * portal and its mail alike); times in Dutch time. Formatters are made once per locale.
 */
const ZONE = 'Europe/Amsterdam';
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function intl<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** A calendar date (YYYY-MM-DD) or the date of an instant in Dutch time. */
export function formatDate(locale: Locale, value: string): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const f = intl(`d|${locale}|${dateOnly}`, () =>
    new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { dateStyle: 'long', timeZone: dateOnly ? 'UTC' : ZONE }),
  );
  return f.format(new Date(dateOnly ? `${value}T12:00:00Z` : value));
}

/** 24-hour clock, as on Dutch letters and at the desk. */
export function formatTime(locale: Locale, instant: string): string {
  const f = intl(`t|${locale}`, () => new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }));
  return f.format(new Date(instant));
}

/** A date and a time of day, e.g. "2 december 2026 09:00" (portal tables, history). */
export function formatDateTime(locale: Locale, instant: string): string {
  return `${formatDate(locale, instant)} ${formatTime(locale, instant)}`;
}

/** "€ 15,25" in Dutch, "€15.25" in English. */
export function formatMoney(locale: Locale, euros: number): string {
  return intl(`m|${locale}`, () => new Intl.NumberFormat(LOCALE_INFO[locale].intl, { style: 'currency', currency: 'EUR' })).format(euros);
}

/** Whole kilometres, at least 1: "0 km" reads as "here", which a workplace rarely is. */
export const roundKm = (km: number) => Math.max(1, Math.round(km));

/** A whole number with the locale's grouping: "4.000" in Dutch. */
export function formatNumber(locale: Locale, n: number): string {
  return intl(`n|${locale}`, () => new Intl.NumberFormat(LOCALE_INFO[locale].intl, { maximumFractionDigits: 0 })).format(n);
}

/** A number as written in `locale`, with up to two decimals: "14,71" in Dutch. */
export function formatDecimal(locale: Locale, n: number): string {
  return intl(`x|${locale}`, () => new Intl.NumberFormat(LOCALE_INFO[locale].intl, { maximumFractionDigits: 2 })).format(n);
}

// Dutch calendar days (`dutchDay`, `endOfDutchDay`) are defined once, in shared/domain/dutch-time.ts.
export { dutchDay, endOfDutchDay } from '../domain/dutch-time.js';

const displayNames = new Map<Locale, Intl.DisplayNames>();
const languageNames = new Map<string, string>();
/** A language's name as a reader of `locale` says it ("Engels" on a Dutch page, "الإنجليزية" on an Arabic one). */
export function languageName(locale: Locale, language: string): string {
  const key = `${locale}|${language}`;
  let known = languageNames.get(key);
  if (known !== undefined) return known;
  let names = displayNames.get(locale);
  if (!names) displayNames.set(locale, (names = new Intl.DisplayNames([LOCALE_INFO[locale].intl], { type: 'language', fallback: 'none' })));
  known = names.of(language) ?? LOCALE_INFO[language as Locale]?.name ?? language;
  // A few dozen languages in ten locales; anything else passed in is not kept.
  if (languageNames.size < 1_000) languageNames.set(key, known);
  return known;
}

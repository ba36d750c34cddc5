/**
 * The interface languages. The first is the default. Codes are BCP 47 tags, the same as the
 * content languages of listings (shared/domain/common.ts ContentLanguage).
 */
export const LOCALES = ['nl', 'en', 'ar', 'ti', 'fa', 'ps', 'tr', 'so', 'kmr', 'ckb'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

export interface LocaleInfo {
  /** The language's name in itself, as a reader looks for it. */
  name: string;
  /**
   * The tag for Intl dates and numbers. Residents meet Dutch dates and times on letters and at
   * the desk, so every locale uses the Gregorian calendar and Latin digits.
   */
  intl: string;
}

export const LOCALE_INFO: Record<Locale, LocaleInfo> = {
  nl: { name: 'Nederlands', intl: 'nl' },
  en: { name: 'English', intl: 'en-GB' },
  ar: { name: 'العربية', intl: 'ar-u-nu-latn' },
  ti: { name: 'ትግርኛ', intl: 'ti' },
  // Dari month names (مارچ, not the Iranian مارس): most readers come from Afghanistan.
  fa: { name: 'دری / فارسی', intl: 'fa-AF-u-ca-gregory-nu-latn' },
  ps: { name: 'پښتو', intl: 'ps-u-ca-gregory-nu-latn' },
  tr: { name: 'Türkçe', intl: 'tr' },
  so: { name: 'Soomaali', intl: 'so' },
  // ICU knows Kurmanji as `ku`.
  kmr: { name: 'Kurdî (Kurmancî)', intl: 'ku' },
  ckb: { name: 'کوردی (سۆرانی)', intl: 'ckb-u-nu-latn' },
};

const RTL = new Set<string>(['ar', 'fa', 'ps', 'ckb']);
export const directionOf = (locale: string): 'rtl' | 'ltr' => (RTL.has(locale) ? 'rtl' : 'ltr');
export const isLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);

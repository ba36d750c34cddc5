/** The interface languages. The first is the default. Right-to-left scripts are marked. */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'nl';

const RTL = new Set<string>(['ar', 'fa', 'ps', 'ckb']);
export const directionOf = (locale: string): 'rtl' | 'ltr' => (RTL.has(locale) ? 'rtl' : 'ltr');
export const isLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);

import { en, type MessageKey, type Messages } from './messages/en.js';
import { nl } from './messages/nl.js';
import { portalEn, type PortalKey, type PortalMessages } from './portal/en.js';
import { portalNl } from './portal/nl.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.js';

export { LOCALES, DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales.js';
export type { MessageKey, Messages } from './messages/en.js';
export type { PortalKey } from './portal/en.js';

/** Resident-facing messages: every key in every locale (a test checks it). */
export const CATALOGUE: Record<Locale, Messages> = { nl, en };
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

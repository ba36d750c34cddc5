import { en, type MessageKey, type Messages } from './messages/en.js';
import { nl } from './messages/nl.js';
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.js';

export { LOCALES, DEFAULT_LOCALE, directionOf, isLocale, type Locale } from './locales.js';
export type { MessageKey, Messages } from './messages/en.js';

export const CATALOGUE: Record<Locale, Messages> = { nl, en };

export type Params = Record<string, string | number>;

/** The message for `key` in `locale`, with `{name}` placeholders filled in. */
export function t(locale: string, key: MessageKey, params: Params = {}): string {
  const messages = CATALOGUE[isLocale(locale) ? locale : DEFAULT_LOCALE];
  return messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

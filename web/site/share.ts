import { directionOf } from '../../shared/i18n/locales.js';

/** WhatsApp's plain share link: opens the app with the text filled in. No script, no tracking. */
export const whatsappLink = (text: string, url: string) => `https://wa.me/?text=${encodeURIComponent(`${text}\n${url}`)}`;

/** The first `max` characters of a text, cut at a word, for a description. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

const RIGHT_TO_LEFT_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const LEFT_TO_RIGHT_LETTER = /(?![\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}])\p{L}/u;

/**
 * Text of the other direction inside a `<title>` or a meta description, where no `<bdi>` can go:
 * between FIRST STRONG ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069), so "Kwekerij De
 * Zon B.V." in an Arabic title keeps its order and its full stop. Text of the page's own
 * direction stays as it is.
 */
export function isolated(locale: string, text: string): string {
  const foreign = directionOf(locale) === 'rtl' ? LEFT_TO_RIGHT_LETTER : RIGHT_TO_LEFT_LETTER;
  return foreign.test(text) ? `\u2068${text}\u2069` : text;
}

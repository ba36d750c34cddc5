import type { Listing } from '../../shared/domain/listing.js';

/**
 * A listing's short code, for a resident to pass on or read out at the desk: the last eight
 * characters of its id (the random part of the ULID: about a trillion possibilities, so two
 * listings share one only by a very rare chance; the page's title tells them apart).
 */
export const shortCode = (l: Pick<Listing, 'id'>) => l.id.slice(-8);

/** WhatsApp's plain share link: opens the app with the text filled in. No script, no tracking. */
export const whatsappLink = (text: string, url: string) => `https://wa.me/?text=${encodeURIComponent(`${text}\n${url}`)}`;

/** The first `max` characters of a text, cut at a word, for a description. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/**
 * A listing's number: what a resident passes on or reads out at the desk, printed on the listing's
 * page. It is the last eight characters of the listing's id, the random part of its ULID
 * (Crockford's base 32: digits and capitals without I, L, O and U; about a trillion
 * possibilities, so two listings share one only by a very rare chance, and the desk then sees
 * both).
 */
export const listingNumber = (l: { id: string }): string => l.id.slice(-8);

const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{8}$/;

/**
 * What someone typed or heard as a listing number, the way it is stored: capitals, without
 * spaces or dashes, and Crockford's look-alikes read as the digits they stand for (O as 0, I and
 * L as 1). Undefined when it cannot be a number.
 */
export function parseListingNumber(text: string): string | undefined {
  const number = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CROCKFORD.test(number) ? number : undefined;
}

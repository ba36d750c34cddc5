/**
 * Plurals in catalogue messages, written the ICU way, one mechanism for the residents' site and
 * the portal:
 *
 *   'listing.seatsLeft': '{count, plural, one {# place left} other {# places left}}',
 *
 * A branch per category of the language's `Intl.PluralRules` (Dutch and English: one/other;
 * Arabic: zero/one/two/few/many/other), optionally exact branches (`=0`) first; `#` is the
 * number written the language's way. A branch may say the number in words instead (Arabic
 * "مكان واحد"). The catalogue test checks every locale has exactly its language's categories.
 */
export interface PluralPart {
  /** The parameter that holds the number. */
  name: string;
  /** Selector (`one`, `few`, `=0`) → branch text. */
  branches: Map<string, string>;
  /** Where the plural starts and ends (exclusive) in the message. */
  start: number;
  end: number;
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

/** The plurals of a message, in order. */
export function pluralParts(s: string): PluralPart[] {
  const plural = /\{(\w+), *plural, */g;
  const parts: PluralPart[] = [];
  for (let m = plural.exec(s); m; m = plural.exec(s)) {
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
    parts.push({ name: m[1]!, branches, start: m.index, end: p + 1 });
    plural.lastIndex = p + 1; // past the plural's own closing brace
  }
  return parts;
}

const rules = new Map<string, Intl.PluralRules>();
function rulesOf(intlTag: string): Intl.PluralRules {
  let r = rules.get(intlTag);
  if (!r) rules.set(intlTag, (r = new Intl.PluralRules(intlTag)));
  return r;
}

/** The categories a language distinguishes (always including 'other'). */
export const pluralCategories = (intlTag: string): string[] => rulesOf(intlTag).resolvedOptions().pluralCategories;

/**
 * The plurals of each catalogue message, parsed once: a site rebuild fills the same few hundred
 * messages millions of times, and parsing was most of the cost of `t()`.
 */
const parsed = new Map<string, PluralPart[]>();
function partsOf(s: string): PluralPart[] {
  let parts = parsed.get(s);
  if (!parts) parsed.set(s, (parts = pluralParts(s)));
  return parts;
}

/** Replaces each plural of `s` by the branch for its number (exact `=n` first), `#` by `formatted(n)`. */
export function selectPlurals(s: string, intlTag: string, numberOf: (name: string) => number, formatted: (name: string, n: number) => string): string {
  const parts = partsOf(s);
  if (parts.length === 0) return s;
  let out = '';
  let at = 0;
  for (const part of parts) {
    const n = numberOf(part.name);
    const branch = part.branches.get(`=${n}`) ?? part.branches.get(rulesOf(intlTag).select(n)) ?? part.branches.get('other') ?? '';
    out += s.slice(at, part.start) + branch.replaceAll('#', formatted(part.name, n));
    at = part.end;
  }
  return out + s.slice(at);
}

/**
 * Right-to-left override characters in what people type. Explicit embeddings and overrides
 * (U+202A–U+202E) and isolates (U+2066–U+2069) reorder the text around them until they are
 * closed or the paragraph ends: an unclosed right-to-left override in an organisation's name
 * would turn the rest of a sentence around it backwards. `balanceBidi` keeps the pairs a writer
 * closed and drops every opener without its closer and every closer without its opener (per
 * line: a line break ends them all). Marks (U+200E, U+200F) stay: they reorder nothing beyond
 * themselves. Pages isolate user text as well (`isolate`, and `<bdi>` in the portal), so even a
 * closed pair stays inside its own words.
 */
const EMBEDDINGS = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']);
const POP_EMBEDDING = '\u202C';
const POP_ISOLATE = '\u2069';
const LINE_BREAK = /[\n\r\u2029\u0085]/;
const ANY_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export function balanceBidi(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  const chars = [...text];
  const keep = chars.map(() => true);
  let open: { index: number; isolate: boolean }[] = [];
  const dropOpen = (from: number) => {
    for (const o of open.slice(from)) keep[o.index] = false;
    open = open.slice(0, from);
  };
  chars.forEach((ch, i) => {
    if (EMBEDDINGS.has(ch) || ISOLATES.has(ch)) open.push({ index: i, isolate: ISOLATES.has(ch) });
    else if (ch === POP_EMBEDDING) {
      // Closes the innermost embedding, unless an isolate is open inside it.
      if (open.length > 0 && !open.at(-1)!.isolate) open.pop();
      else keep[i] = false;
    } else if (ch === POP_ISOLATE) {
      const at = open.map((o) => o.isolate).lastIndexOf(true);
      if (at < 0) keep[i] = false;
      else {
        dropOpen(at + 1); // embeddings left open inside the isolate
        open.pop();
      }
    } else if (LINE_BREAK.test(ch)) dropOpen(0);
  });
  dropOpen(0);
  return chars.filter((_, i) => keep[i]).join('');
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms) or any bidi control or mark. */
const MAY_REORDER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/**
 * First strong isolate … pop directional isolate around `text` (the text-level `<bdi>`), for
 * sentences made of catalogue text and user text, where an element cannot go (a message, a
 * title). Only where it matters: left-to-right text without controls reorders nothing in the
 * portal's left-to-right pages, and stays as it is.
 */
export const isolate = (text: string) => (MAY_REORDER.test(text) ? `\u2068${text}\u2069` : text);

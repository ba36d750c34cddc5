import type { Child } from 'hono/jsx';
import { escapeToBuffer, raw, type HtmlEscapedString } from 'hono/utils/html';

/** Where the page's own values go in a stamped fragment (private-use characters: never in our own text). */
const hole = (i: number) => `\u{E000}${i}\u{E000}`;
const HOLES = /\u{E000}(\d+)\u{E000}/u;
const stamps = new Map<string, (string | number)[]>();

const escaped = (text: string) => {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
};

/**
 * Markup that thousands of pages share, rendered from JSX once and then reused as text: the
 * language links of the head and the footer, the icons, the Open Graph locales, the interest
 * form. A site rebuild spent most of its time rendering these again for every page. `key` names
 * everything the markup depends on except `values`; `make` renders it with stand-ins for the
 * values, and each page puts its own where the stand-ins were: escaped as JSX would (a plain
 * string), or as is (markup already rendered, `raw`). Same bytes as rendering
 * `make(...values)`; `make` must use a plain value only inside attribute values or text.
 */
export function stampWith(key: string, values: (string | HtmlEscapedString)[], make: (...holes: string[]) => Child): HtmlEscapedString {
  let parts = stamps.get(key);
  if (!parts) {
    // Split at the stand-ins: text at even places, the index of a value at odd ones.
    parts = String(make(...values.map((_, i) => hole(i)))).split(HOLES).map((part, i) => (i % 2 ? Number(part) : part));
    stamps.set(key, parts);
  }
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (typeof part === 'string') out += part;
    else {
      const value = values[part]!;
      out += typeof value === 'object' && (value as { isEscaped?: boolean }).isEscaped ? String(value) : escaped(String(value));
    }
  }
  return raw(out);
}

/** `stampWith` for the usual case: the same fragment but for the page's path. */
export function stamp(key: string, path: string, make: (path: string) => Child): HtmlEscapedString {
  return stampWith(key, [path], make);
}

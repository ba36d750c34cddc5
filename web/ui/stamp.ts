import type { Child } from 'hono/jsx';
import { escapeToBuffer, raw, type HtmlEscapedString } from 'hono/utils/html';

/** Where the page's path goes in a stamped fragment (a private-use character: never in our own text). */
const HOLE = '\u{E000}path\u{E000}';
const stamps = new Map<string, string[]>();

const escaped = (text: string) => {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
};

/**
 * Markup that thousands of pages share, rendered from JSX once and then reused as text: the
 * language links of the head and the footer, the icons, the Open Graph locales. A site rebuild
 * spent most of its time rendering these again for every page. `key` names everything the
 * markup depends on except the page's path; `make` renders it for a stand-in path, and each
 * page puts its own path (escaped, as JSX would) where the stand-in was. Same bytes as
 * rendering `make(path)`; `make` must use the path only inside attribute values or text.
 */
export function stamp(key: string, path: string, make: (path: string) => Child): HtmlEscapedString {
  let parts = stamps.get(key);
  if (!parts) stamps.set(key, (parts = String(make(HOLE)).split(HOLE)));
  return raw(parts.length === 1 ? parts[0]! : parts.join(escaped(path)));
}

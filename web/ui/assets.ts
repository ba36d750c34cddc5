import { createHash } from 'node:crypto';
import { FILTER_JS } from './filter-script.js';
import { SITE_CSS } from './site-style.js';

/**
 * The CSP source that admits the inline stylesheet of every resident page (web/ui/site-style-tag.tsx):
 * the base64 SHA-256 of its exact text.
 */
export const SITE_CSS_HASH = `'sha256-${createHash('sha256').update(SITE_CSS).digest('base64')}'`;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 10);

/**
 * The resident site's assets, named by their content hash: CloudFront and phones may keep
 * them forever, and a changed file gets a new name (pages are re-rendered with it).
 */
export const ASSETS = {
  filter: { path: `/assets/filter.${hash(FILTER_JS)}.js`, body: FILTER_JS, type: 'text/javascript; charset=utf-8' },
} as const;

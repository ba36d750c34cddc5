import { createHash } from 'node:crypto';
import { FILTER_JS } from './filter-script.js';
import { ETHIOPIC_CSS, SITE_CSS } from './site-style.js';

const sha256 = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/**
 * The CSP sources that admit the inline stylesheets of the resident pages (web/ui/site-style-tag.tsx):
 * the base64 SHA-256 of each one's exact text, the site's and the Tigrinya pages' second one.
 */
export const SITE_CSS_HASH = `${sha256(SITE_CSS)} ${sha256(ETHIOPIC_CSS)}`;

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 10);

/**
 * The resident site's assets, named by their content hash: CloudFront and phones may keep
 * them forever, and a changed file gets a new name (pages are re-rendered with it).
 */
export const ASSETS = {
  filter: { path: `/assets/filter.${hash(FILTER_JS)}.js`, body: FILTER_JS, type: 'text/javascript; charset=utf-8' },
} as const;

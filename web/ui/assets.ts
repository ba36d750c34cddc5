import { createHash } from 'node:crypto';
import { FILTER_JS } from './filter-script.js';
import { SITE_CSS } from './site-style.js';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 10);

/**
 * The resident site's assets, named by their content hash: CloudFront and phones may keep
 * them forever, and a changed file gets a new name (pages are re-rendered with it).
 */
export const ASSETS = {
  css: { path: `/assets/site.${hash(SITE_CSS)}.css`, body: SITE_CSS, type: 'text/css; charset=utf-8' },
  filter: { path: `/assets/filter.${hash(FILTER_JS)}.js`, body: FILTER_JS, type: 'text/javascript; charset=utf-8' },
} as const;

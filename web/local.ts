import { mkdirSync } from 'node:fs';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.js';
import type { Deps } from './deps.js';

/** Where `npm start` keeps the rendered resident site. */
export const SITE_DIR = '.data/site';

/**
 * The app as it runs on one machine (npm start, browser tests): the dynamic app, then the
 * rendered site folder (assets included), as CloudFront sends /portal/* to the API and the rest to S3.
 */
export function createLocalApp(deps: Deps, o: { siteDir?: string } = {}) {
  const root = new Hono();
  root.route('/', createApp(deps));
  // The resident site: the files the publisher writes (S3 behind CloudFront on AWS), after the
  // dynamic routes, under the same security headers. `<path>/` serves `<path>/index.html`.
  const siteDir = o.siteDir ?? SITE_DIR;
  mkdirSync(siteDir, { recursive: true });
  root.use('*', serveStatic({ root: siteDir }));
  return root;
}

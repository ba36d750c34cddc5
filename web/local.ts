import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.js';
import type { Deps } from './deps.js';

/**
 * The app as it runs on one machine (npm start, browser tests): what CloudFront and S3 do on
 * AWS — static assets — in front of the dynamic app.
 */
export function createLocalApp(deps: Deps) {
  const root = new Hono();
  root.use('/assets/*', serveStatic({ root: './web/ui', rewriteRequestPath: (p) => p.replace(/^\/assets/, '') }));
  root.route('/', createApp(deps));
  return root;
}

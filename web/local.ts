import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { isLocale } from '../shared/i18n/index.js';
import { createApp } from './app.js';
import type { Deps } from './deps.js';
import { contentTypeOf, isCompressible } from './site/content-types.js';
import { fileOf, paths } from './site/paths.js';

/** Where `npm start` keeps the rendered resident site. */
export const SITE_DIR = '.data/site';

/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESS_BYTES = 512;

/**
 * Text goes out compressed, as CloudFront sends it on AWS (brotli where the browser takes it,
 * else gzip): a page and its inline stylesheet then fit in the first round trip. Only here, in
 * the one-machine server: on AWS the Lambda answers uncompressed and CloudFront compresses.
 * Brotli at quality 5, about what a CDN spends on the fly, so local figures do not flatter.
 */
export function compressText(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (c.req.method === 'HEAD' || !res.body || res.headers.has('content-encoding') || !isCompressible(res.headers.get('content-type'))) return;
    const accept = c.req.header('accept-encoding') ?? '';
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    const body = Buffer.from(await res.arrayBuffer());
    const compress = encoding !== undefined && body.length >= MIN_COMPRESS_BYTES;
    const out = !compress
      ? body
      : encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body);
    c.res = new Response(new Uint8Array(out), res);
    c.res.headers.delete('content-length');
    c.res.headers.append('vary', 'Accept-Encoding');
    if (compress) c.res.headers.set('content-encoding', encoding);
  };
}

/**
 * The app as it runs on one machine (npm start, browser tests): the dynamic app, then the
 * rendered site folder (assets included), as CloudFront sends /portal/* to the API and the rest
 * to S3. Like CloudFront: text compressed, each file with its content type
 * (web/site/content-types.ts), and an unknown address answered 404 with the site's own page,
 * in the language its path names (`/ar/…` → `/ar/404.html`), else in all of them (`/404.html`).
 */
export function createLocalApp(deps: Deps, o: { siteDir?: string } = {}) {
  const root = new Hono();
  root.use('*', compressText());
  root.route('/', createApp(deps));
  // The resident site: the files the publisher writes (S3 behind CloudFront on AWS), after the
  // dynamic routes, under the same security headers. `<path>/` serves `<path>/index.html`.
  const siteDir = o.siteDir ?? SITE_DIR;
  mkdirSync(siteDir, { recursive: true });
  root.use('*', async (c, next) => {
    await next();
    const type = contentTypeOf(fileOf(c.req.path));
    if (c.res.status === 200 && type) c.res.headers.set('content-type', type);
  });
  root.use('*', serveStatic({ root: siteDir }));
  root.notFound(async (c) => {
    const locale = /^\/([a-z]{2,3})\//.exec(c.req.path)?.[1];
    const page = locale && isLocale(locale) ? paths.notFound(locale) : paths.notFoundAll();
    const html = await readFile(join(siteDir, fileOf(page)), 'utf8').catch(() => undefined);
    return html === undefined ? c.text('Not found', 404) : c.html(html, 404);
  });
  return root;
}

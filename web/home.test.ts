import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config/index.js';
import { createTestDb } from '../test/db.js';
import { startTestServer } from '../test/server.js';
import { seedDirectory } from '../test/fixtures.js';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { createLocalApp } from './local.js';
import { createSiteApp } from './site/app.js';
import { CONTENT_TYPES } from './site/content-types.js';
import { renderPages } from './site/render.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const siteDir = mkdtempSync(join(tmpdir(), 'opweg-site-'));
beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  server = await startTestServer(db);
});
afterAll(async () => {
  await server?.close();
  rmSync(siteDir, { recursive: true, force: true });
});

describe('the local app', () => {
  it('answers /healthz once the table answers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('serves the rendered resident site from its folder, under the security headers, after the dynamic routes', async () => {
    const config = loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, LOCAL_DEV: '1' });
    const home = await (await createSiteApp({ db, config }).request('/nl/')).text();
    mkdirSync(join(siteDir, 'nl'), { recursive: true });
    writeFileSync(join(siteDir, 'nl', 'index.html'), home);
    const local = createLocalApp({ db, config }, { siteDir });
    const res = await local.request('/nl/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('/nl/locations/assen/');
    expect((await local.request('/healthz')).status).toBe(200);
    expect((await local.request('/nl/locations/nowhere/')).status).toBe(404);
  });

  it('answers like CloudFront: compressed text, the content type of every kind of file, the site\'s own 404 page per language, /portal → /portal/', async () => {
    const config = loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, LOCAL_DEV: '1' });
    const dir = mkdtempSync(join(tmpdir(), 'opweg-site-'));
    try {
      const written = await renderPages(createSiteApp({ db, config }), new FsSiteStore(dir), [
        '/404.html', '/ar/404.html', '/nl/404.html', '/nl/', '/ti/', '/sitemap.xml', '/feeds/regions/zuid.atom', '/calendar/regions/zuid.ics', '/nl/manifest.webmanifest', '/robots.txt',
      ]);
      expect(written.filter((o) => o.action !== 'written')).toEqual([]);
      const local = createLocalApp({ db, config }, { siteDir: dir });

      for (const [path, type] of [
        ['/feeds/regions/zuid.atom', CONTENT_TYPES.atom], ['/calendar/regions/zuid.ics', CONTENT_TYPES.ics], ['/sitemap.xml', CONTENT_TYPES.xml],
        ['/nl/manifest.webmanifest', CONTENT_TYPES.webmanifest], ['/robots.txt', CONTENT_TYPES.txt], ['/nl/', CONTENT_TYPES.html],
      ] as const) {
        const res = await local.request(path);
        expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, type]);
      }

      const plain = await (await local.request('/nl/')).text();
      const br = await local.request('/nl/', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
      const brBytes = Buffer.from(await br.arrayBuffer());
      expect(brotliDecompressSync(brBytes).toString()).toBe(plain);
      expect(brBytes.length).toBeLessThan(Buffer.byteLength(plain) / 2);
      const gz = await local.request('/nl/', { headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);

      // The stylesheet is inline, admitted by the policy through its hash.
      const style = /<style>([\s\S]*?)<\/style>/.exec(plain)![1]!;
      const csp = (await local.request('/nl/')).headers.get('content-security-policy')!;
      expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
      expect(plain).not.toContain('rel="stylesheet"');
      // A Tigrinya page's second one (the Ethiopic font's blank twin, a data: font) is admitted too.
      const tigrinya = await (await local.request('/ti/')).text();
      const styles = [...tigrinya.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles).toHaveLength(2);
      for (const css of styles) expect(csp).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
      expect(styles[1]).toContain('url(data:font/woff2;base64,');
      expect(csp).toContain("font-src 'self' data:");

      const arabic = await local.request('/ar/listings/01NOSUCHLISTING0000000000/');
      expect(arabic.status).toBe(404);
      const arabicPage = await arabic.text();
      expect(arabicPage).toContain('<html lang="ar" dir="rtl">');
      expect(arabicPage).toContain('href="/ar/"');
      const anywhere = await local.request('/no/such/thing');
      expect(anywhere.status).toBe(404);
      const all = await anywhere.text();
      for (const l of ['nl', 'en', 'ar', 'ti', 'fa', 'ps', 'tr', 'so', 'kmr', 'ckb']) expect(all).toContain(`href="/${l}/"`);
      expect(all).toContain('<li lang="ar" dir="rtl">');

      const portal = await local.request('/portal');
      expect(portal.status).toBe(301);
      expect(portal.headers.get('location')).toBe('/portal/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

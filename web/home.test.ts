import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../shared/config/index.js';
import { createTestDb } from '../test/db.js';
import { startTestServer } from '../test/server.js';
import { seedDirectory } from '../test/fixtures.js';
import { createLocalApp } from './local.js';
import { createSiteApp } from './site/app.js';

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
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { createTestDb } from '../../test/db.js';
import { createSiteApp } from './app.js';
import { renderPage } from './render.js';
import { siteDeps } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const dir = mkdtempSync(join(tmpdir(), 'opweg-render-'));
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rendering a page into the store', () => {
  it('removes a page the site no longer has, but never an asset it cannot render', async () => {
    const store = new FsSiteStore(dir);
    const app = createSiteApp(siteDeps(db));
    // The Lambda bundles do not carry the Ethiopic font (it answers 404 there); an older stylesheet is gone from the build.
    for (const key of ['nl/locations/weg/index.html', 'assets/site.0123456789.css', 'assets/fonts/noto-sans-ethiopic-subset.woff2']) {
      await store.put({ key, body: 'stored', contentType: 'text/plain' });
    }
    expect(await renderPage(app, store, '/nl/locations/weg/')).toMatchObject({ action: 'deleted' });
    expect(await renderPage(app, store, '/assets/site.0123456789.css')).toMatchObject({ action: 'kept' });
    expect((await store.list()).sort()).toEqual(['assets/fonts/noto-sans-ethiopic-subset.woff2', 'assets/site.0123456789.css']);
  });
});

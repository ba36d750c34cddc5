import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import type { Clock } from '../../shared/services/listings.js';
import { rebuildSite } from '../../web/site/rebuild.js';
import { launchBrowser } from '../browser.js';
import { createTestDb } from '../db.js';
import { clock as fixedClock } from '../fixtures.js';
import { startTestServer } from '../server.js';

export interface ServedSite<T> {
  /** The temporary folder the rendered site is written to and served from. */
  dir: string;
  db: Awaited<ReturnType<typeof createTestDb>>;
  /** What `seed` returned. */
  data: T;
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  /** Renders every resident page into `dir` at the fixtures' NOW, as the publisher would. */
  rebuild(): ReturnType<typeof rebuildSite>;
}

/**
 * For a browser test file: a fresh table seeded by `seed`, the local app of `npm start` on a free
 * port serving the site from a temporary folder (with `clock`, else the system clock), and
 * Chromium; set up before the file's tests, closed and removed after them. The fields are
 * there once the tests run.
 */
export function servedSite<T>(seed: (db: ServedSite<T>['db']) => Promise<T>, o: { clock?: Clock } = {}): ServedSite<T> {
  const site = { dir: mkdtempSync(join(tmpdir(), 'opweg-e2e-')) } as ServedSite<T>;
  site.rebuild = () => rebuildSite({ db: site.db, config: site.server.config, store: new FsSiteStore(site.dir), clock: fixedClock });
  beforeAll(async () => {
    site.db = await createTestDb();
    site.data = await seed(site.db);
    site.server = await startTestServer(site.db, { siteDir: site.dir, clock: o.clock });
    site.browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await site.browser?.close();
    await site.server?.close();
    rmSync(site.dir, { recursive: true, force: true });
  });
  return site;
}

import { contentHash, type SiteStore } from '../../shared/ports/site-store.js';
import type { SiteApp } from './app.js';
import { contentTypeOf } from './content-types.js';
import { fileOf } from './paths.js';

/** What became of a page: written, unchanged (same bytes already stored: no write), deleted, kept (an asset), failed. */
export type Outcome = { path: string; key: string; action: 'written' | 'unchanged' | 'deleted' | 'kept' } | { path: string; key: string; action: 'failed'; error: unknown };

/**
 * Renders a page through the site app and stores it: 200 writes the file (unless the store
 * already holds the same bytes: a re-render of an unchanged site writes nothing), 404 removes it
 * (a listing never published, a location that is gone). Anything else is a failure and
 * leaves the stored file as it was. Assets are never removed ('kept'): a page cached a while
 * ago may still name an older stylesheet, and the Ethiopic font ships with the repository, not
 * with the Lambda bundles, which answer 404 for it.
 */
export async function renderPage(app: SiteApp, store: SiteStore, path: string): Promise<Outcome> {
  const key = fileOf(path);
  try {
    const res = await app.request(path);
    if (res.status === 200) {
      const body = new Uint8Array(await res.arrayBuffer());
      if (store.hashOf && (await store.hashOf(key)) === contentHash(body)) return { path, key, action: 'unchanged' };
      await store.put({ key, body, contentType: contentTypeOf(key) ?? res.headers.get('content-type') ?? 'application/octet-stream' });
      return { path, key, action: 'written' };
    }
    if (res.status === 404) {
      if (key.startsWith('assets/')) return { path, key, action: 'kept' };
      await store.delete(key);
      return { path, key, action: 'deleted' };
    }
    throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  } catch (error) {
    return { path, key, action: 'failed', error };
  }
}

/** Renders many pages, `concurrency` at a time (reads are memoized, so most time is CPU and I/O). */
export async function renderPages(app: SiteApp, store: SiteStore, paths: Iterable<string>, o: { concurrency?: number; onDone?: (o: Outcome) => void } = {}): Promise<Outcome[]> {
  const queue = [...new Set(paths)];
  const out: Outcome[] = [];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const outcome = await renderPage(app, store, path);
      out.push(outcome);
      o.onDone?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 8) }, worker));
  return out;
}

/** `nl/listings/x/index.html` → `/nl/listings/x/` (the inverse of fileOf). */
export const pathOf = (key: string) => `/${key.replace(/(^|\/)index\.html$/, '$1')}`;

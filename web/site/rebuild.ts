import { allPages } from './affected.js';
import { createSiteApp } from './app.js';
import type { PublishDeps } from './publish.js';
import { createSiteReads } from './reads.js';
import { pathOf, renderPages, type Outcome } from './render.js';

export interface RebuildResult {
  written: number;
  deleted: number;
  failed: Extract<Outcome, { action: 'failed' }>[];
  ms: number;
}

/**
 * Renders the whole site from the table as it is now, and re-renders every file already in
 * the store as well: a page of something that is gone answers 404 and is removed, a closed
 * listing's page says it is closed. Reads are shared across the run.
 */
export async function rebuildSite(deps: PublishDeps, o: { onStart?: (total: number) => void; onDone?: (o: Outcome) => void; concurrency?: number } = {}): Promise<RebuildResult> {
  const started = performance.now();
  const reads = createSiteReads(deps.db, { reachKm: deps.config.REACH_KM, clock: deps.clock });
  const app = createSiteApp({ ...deps, reads });
  const paths = new Set(await allPages(reads));
  // Old assets stay: a page cached a minute ago may still ask for the stylesheet it names.
  for (const key of await deps.store.list()) if (!key.startsWith('assets/')) paths.add(pathOf(key));
  o.onStart?.(paths.size);
  const outcomes = await renderPages(app, deps.store, paths, { concurrency: o.concurrency, onDone: o.onDone });
  return {
    written: outcomes.filter((x) => x.action === 'written').length,
    deleted: outcomes.filter((x) => x.action === 'deleted').length,
    failed: outcomes.filter((x): x is Extract<Outcome, { action: 'failed' }> => x.action === 'failed'),
    ms: performance.now() - started,
  };
}

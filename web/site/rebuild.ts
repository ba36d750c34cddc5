import { allPages } from './affected.js';
import { planChunks, renderChunk } from './chunks.js';
import type { PublishDeps } from './publish.js';
import { createSiteReads, type SiteReads } from './reads.js';
import { pathOf, type Outcome } from './render.js';

export interface RebuildResult {
  written: number;
  /** Rendered, and the store already held the same bytes: not written. */
  unchanged: number;
  deleted: number;
  failed: Extract<Outcome, { action: 'failed' }>[];
  ms: number;
}

/**
 * Every page of the site as the table holds it now, plus every file already in the store: a
 * page of something that is gone answers 404 and is removed, a closed listing's page says it
 * is closed. Old assets stay out of it: a page cached a minute ago may still ask for the
 * stylesheet it names.
 */
export async function sitePaths(deps: Pick<PublishDeps, 'store'>, reads: SiteReads): Promise<string[]> {
  const paths = new Set(await allPages(reads));
  for (const key of await deps.store.list()) if (!key.startsWith('assets/')) paths.add(pathOf(key));
  return [...paths];
}

/**
 * Renders the whole site in this process, chunk after chunk (web/site/chunks.ts), reads shared
 * across the run. Pages whose bytes did not change are not written. For more cores:
 * web/site/rebuild-workers.ts (worker threads); on AWS: web/site/fanout.ts (an SQS queue of chunks).
 */
export async function rebuildSite(deps: PublishDeps, o: { onStart?: (total: number) => void; onDone?: (o: Outcome) => void; concurrency?: number } = {}): Promise<RebuildResult> {
  const started = performance.now();
  const reads = createSiteReads(deps.db, { reachKm: deps.config.REACH_KM, clock: deps.clock });
  const paths = await sitePaths(deps, reads);
  o.onStart?.(paths.length);
  const result: RebuildResult = { written: 0, unchanged: 0, deleted: 0, failed: [], ms: 0 };
  for (const chunk of planChunks(paths)) {
    const r = await renderChunk(deps, chunk, { reads, concurrency: o.concurrency, onDone: o.onDone });
    result.written += r.written;
    result.unchanged += r.unchanged;
    result.deleted += r.deleted;
    result.failed.push(...r.failures);
  }
  result.ms = performance.now() - started;
  return result;
}

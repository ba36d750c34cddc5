import * as z from 'zod';
import { isVisible } from '../../shared/db/keys.js';
import { SCHEDULED_KINDS } from '../../shared/domain/listing.js';
import type { ChunkCounts } from '../../shared/repositories/render-runs.js';
import { createSiteApp } from './app.js';
import type { PublishDeps } from './publish.js';
import { createSiteReads, type SiteReads } from './reads.js';
import { renderPages, type Outcome } from './render.js';

/**
 * Pages per chunk: 50 listings in ten languages. Small enough that a chunk renders in a few
 * seconds on one Lambda (and a retry repeats little), large enough that its shared reads (the
 * directory, the organisations, one BatchGetItem per 100 listings) are few per page.
 */
export const CHUNK_PAGES = 500;

/** One message on the render queue: a run's chunk of page paths. */
export const ChunkMessage = z.object({
  runId: z.string().min(1),
  index: z.number().int().min(0),
  paths: z.array(z.string().startsWith('/')).min(1),
});
export type ChunkMessage = z.infer<typeof ChunkMessage>;

/**
 * What a page's chunk is grouped by, so pages that share reads render together: a listing's
 * page in every language, a region's or a location's pages (lists, posters, feeds, calendar),
 * and the rest (languages, home pages, sitemap, assets).
 */
export function groupOf(path: string): string {
  const m = /^\/[a-z]{2,3}\/(listings|regions|locations)\/([^/]+)\//.exec(path) ?? /^\/(feeds\/regions|feeds\/locations|calendar\/regions)\/([a-z0-9-]+)\./.exec(path);
  if (!m) return '0 site';
  const kind = m[1]!.endsWith('listings') ? '3 listing' : m[1]!.endsWith('locations') ? '2 location' : '1 region';
  return `${kind} ${m[2]}`;
}

/**
 * Splits a render into chunks of about `size` pages: by region and location first, then
 * listings in ranges (all languages of a listing in one chunk). A chunk never mixes a listing's
 * languages across chunks; a group larger than `size` (never, for the groups above) is cut.
 */
export function planChunks(paths: Iterable<string>, size = CHUNK_PAGES): string[][] {
  const sorted = [...new Set(paths)].map((p) => ({ p, g: groupOf(p) })).sort((a, b) => (a.g < b.g ? -1 : a.g > b.g ? 1 : a.p < b.p ? -1 : 1));
  const chunks: string[][] = [];
  let current: string[] = [];
  let group = '';
  for (const { p, g } of sorted) {
    if (current.length >= size && g !== group) {
      chunks.push(current);
      current = [];
    }
    if (current.length >= size * 2) {
      chunks.push(current);
      current = [];
    }
    current.push(p);
    group = g;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface ChunkResult extends ChunkCounts {
  failures: Extract<Outcome, { action: 'failed' }>[];
  /** Milliseconds spent reading the chunk's listings first, and rendering and storing its pages after (the bench's split of I/O and CPU). */
  ms: { read: number; render: number };
}

/** Adds up outcomes into the counts a run keeps. */
export function countOutcomes(outcomes: Outcome[]): Omit<ChunkResult, 'ms'> {
  const failures = outcomes.filter((o): o is Extract<Outcome, { action: 'failed' }> => o.action === 'failed');
  const n = (a: Outcome['action']) => outcomes.filter((o) => o.action === a).length;
  return { written: n('written'), unchanged: n('unchanged') + n('kept'), deleted: n('deleted'), failed: failures.length, failures };
}

const LISTING_ID = /^\/[a-z]{2,3}\/listings\/([^/]+)\/$/;

/** Reads at most this many listings' summaries (one Query each) at once. */
const READS_AT_ONCE = 10;

/**
 * What the chunk's listing pages read, read before any of them renders: the listings and the
 * organisations they name (BatchGetItem each: never every organisation), the directory, each
 * visible listing's summaries and a visit's seats. The pages then render from memory.
 */
async function readListings(reads: SiteReads, ids: string[]): Promise<void> {
  await Promise.all([reads.primeListings(ids), reads.directory()]);
  const queue = [...new Set(ids)];
  const next = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const listing = await reads.listing(id);
      if (!listing?.publishedAt || !isVisible(listing)) continue;
      // A read that fails here is not remembered: the page reads it again, and fails on its own if it must.
      await Promise.all([reads.summaries(id), SCHEDULED_KINDS.includes(listing.kind) ? reads.seatsTaken(id) : undefined]).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: READS_AT_ONCE }, next));
}

/**
 * Renders one chunk of pages from the table as it is now into the store: what its listing
 * pages show is read first (readListings), then pages render a few at a time through the site
 * app, each write skipped when the stored bytes are the same. The same on a Lambda (functions/
 * render-chunk.ts) and in a worker thread of `npm run rebuild-site`. `reads`: share memoized
 * reads across chunks of one process (the in-process rebuild).
 */
export async function renderChunk(deps: PublishDeps, paths: string[], o: { reads?: SiteReads; concurrency?: number; onDone?: (o: Outcome) => void } = {}): Promise<ChunkResult> {
  const started = performance.now();
  const reads = o.reads ?? createSiteReads(deps.db, { reachKm: deps.config.REACH_KM, clock: deps.clock });
  await readListings(reads, paths.flatMap((p) => LISTING_ID.exec(p)?.[1] ?? []));
  const read = performance.now() - started;
  const app = createSiteApp({ ...deps, reads });
  const outcomes = await renderPages(app, deps.store, paths, { concurrency: o.concurrency, onDone: o.onDone });
  return { ...countOutcomes(outcomes), ms: { read, render: performance.now() - started - read } };
}

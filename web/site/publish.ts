import type { DynamoDBRecord } from 'aws-lambda';
import type { SiteStore } from '../../shared/ports/site-store.js';
import { ASSETS } from '../ui/assets.js';
import { changeOf, pagesOf } from './affected.js';
import { createSiteApp, type SiteApp } from './app.js';
import type { SiteDeps } from './context.js';
import { createSiteReads } from './reads.js';
import { renderPages, type Outcome } from './render.js';

/** Above this many pages a batch is not rendered here but fanned out to the render queue (when there is one). */
export const FAN_OUT_ABOVE = 1_000;

export interface PublishDeps extends SiteDeps {
  store: SiteStore;
  /**
   * On AWS: sends a large render (a region or location change touches every page) to the
   * render queue in chunks (web/site/fanout.ts) instead of rendering it in this function.
   */
  fanOut?: (paths: string[], reason: string) => Promise<unknown>;
  /** Pages above which a batch fans out (default FAN_OUT_ABOVE; tests set fewer). */
  fanOutAbove?: number;
  /** Where failures are reported (the Lambda passes its logger). */
  log?: (message: string, detail: Record<string, unknown>) => void;
}

export interface PublishResult {
  /** Stream records to retry: their sequence numbers (Lambda partial batch response). */
  batchItemFailures: { itemIdentifier: string }[];
  /** URL paths written or removed, e.g. `/nl/listings/<id>/`. */
  paths: string[];
  /** Their keys in the store (`nl/listings/<id>/index.html`). */
  keys: string[];
}

const recordId = (r: DynamoDBRecord, i: number) => r.dynamodb?.SequenceNumber ?? r.eventID ?? String(i);

/** Assets are named by content: write this build's once per process and store, then they are there. */
const assetsWritten = new WeakSet<SiteStore>();
async function ensureAssets(app: SiteApp, store: SiteStore) {
  if (assetsWritten.has(store)) return;
  const outcomes = await renderPages(app, store, [ASSETS.filter.path]);
  if (outcomes.every((o) => o.action === 'written' || o.action === 'unchanged')) assetsWritten.add(store);
}

/** What a resident looks at first goes out first: the listing and the lists; posters, feeds and the sitemap after. */
function byImportance(paths: Iterable<string>): string[] {
  const rank = (p: string) => (/\/listings\//.test(p) ? 0 : /\/(regions|locations)\/[^/]+\/$/.test(p) ? 1 : /poster\/$/.test(p) || !p.endsWith('/') ? 3 : 2);
  return [...paths].sort((a, b) => rank(a) - rank(b));
}

/**
 * The publisher: from DynamoDB stream records (a Lambda batch, or DynamoDB Local's stream
 * under `npm start`) to the static pages they touch, rendered through the site app from the
 * table as it is now, and written to the site store. Idempotent: a record seen twice renders
 * the same pages again. A record whose pages fail is reported for retry; the others are not
 * held back by it.
 */
export async function publishRecords(deps: PublishDeps, records: DynamoDBRecord[]): Promise<PublishResult> {
  const failed = new Set<string>();
  const fail = (id: string, message: string, error: unknown) => {
    failed.add(id);
    deps.log?.(message, { record: id, error: error instanceof Error ? error.message : String(error) });
  };

  const changes = records.map((record, i) => {
    try {
      return { id: recordId(record, i), change: changeOf(record) };
    } catch (error) {
      fail(recordId(record, i), 'stream record not understood', error);
      return undefined;
    }
  });
  const listingIds = changes.flatMap((c) => (c?.change.about === 'listing' ? [c.change.id] : c?.change.about === 'seats' ? [c.change.listingId] : []));
  const reads = deps.reads ?? createSiteReads(deps.db, { reachKm: deps.config.REACH_KM, clock: deps.clock, changed: listingIds });
  const app = createSiteApp({ ...deps, reads });

  // Which records touch which page: a page shared by many records renders once.
  const recordsOf = new Map<string, string[]>();
  for (const c of changes) {
    if (!c || failed.has(c.id)) continue;
    try {
      for (const path of await pagesOf(c.change, { reads, db: deps.db, reachKm: deps.config.REACH_KM })) {
        recordsOf.set(path, [...(recordsOf.get(path) ?? []), c.id]);
      }
    } catch (error) {
      fail(c.id, 'could not work out the pages a record touches', error);
    }
  }

  if (deps.fanOut && recordsOf.size > (deps.fanOutAbove ?? FAN_OUT_ABOVE)) {
    // Done once the chunks are queued: the chunk function renders them, retrying and dead-lettering on its own.
    try {
      await deps.fanOut([...recordsOf.keys()], `${recordsOf.size} pages of ${records.length} stream records`);
    } catch (error) {
      for (const ids of recordsOf.values()) for (const id of ids) fail(id, 'pages not sent to the render queue', error);
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })), paths: [], keys: [] };
  }

  // Pages render a few at a time in order of importance, each starting the (memoized) reads it
  // needs: fetching everything first would make the listing's own page wait for the posters'.
  if (recordsOf.size > 0) await ensureAssets(app, deps.store);
  const outcomes = await renderPages(app, deps.store, byImportance(recordsOf.keys()));
  const done: Outcome[] = [];
  for (const o of outcomes) {
    if (o.action === 'failed') for (const id of recordsOf.get(o.path) ?? []) fail(id, `page not published: ${o.path}`, o.error);
    else done.push(o);
  }
  return {
    batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })),
    paths: done.map((o) => o.path).sort(),
    keys: done.map((o) => o.key).sort(),
  };
}

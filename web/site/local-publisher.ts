import type { DynamoDBRecord } from 'aws-lambda';
import type { SiteStore } from '../../shared/ports/site-store.js';
import type { SiteDeps } from './context.js';
import { publishRecords, type PublishDeps } from './publish.js';
import { rebuildSite } from './rebuild.js';
import { followStream, type StreamFollower } from './stream.js';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Publishes a batch like Lambda with partial batch failures would: the failed records and
 * those after them are tried again, a few times, then reported and left (the next change or a
 * rebuild repairs the pages).
 */
export async function publishWithRetry(deps: PublishDeps, records: DynamoDBRecord[], o: { attempts?: number; onPublished?: (records: DynamoDBRecord[], paths: string[]) => void } = {}) {
  let pending = records;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const result = await publishRecords(deps, pending);
    o.onPublished?.(pending, result.paths);
    const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    if (failed.size === 0) return;
    if (attempt >= (o.attempts ?? 3)) {
      deps.log?.('gave up publishing stream records', { records: [...failed] });
      return;
    }
    pending = pending.slice(Math.max(0, pending.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''))));
    await sleep(Math.min(2_000, 250 * attempt));
  }
}

/**
 * The publisher as `npm start` runs it: follows the table's stream on DynamoDB Local and
 * publishes each batch into the store. Renders it all at start (waiting for it when the
 * store holds no site yet); changes made meanwhile wait in the stream and follow.
 */
export async function startLocalPublisher(o: {
  deps: SiteDeps;
  store: SiteStore;
  endpoint: string;
  region?: string;
  log?: (message: string) => void;
  onPublished?: (records: DynamoDBRecord[], paths: string[]) => void;
}): Promise<StreamFollower> {
  const log = o.log ?? (() => {});
  const deps: PublishDeps = { ...o.deps, store: o.store, log: (message, detail) => log(`${message}: ${JSON.stringify(detail)}`) };
  let firstRender: Promise<unknown> = Promise.resolve();
  const follower = followStream({
    endpoint: o.endpoint,
    tableName: o.deps.db.tableName,
    region: o.region,
    log,
    onRecords: async (records) => {
      await firstRender;
      // Locally nothing else would repair a dropped batch: keep trying for about a minute, so a
      // database that was away for a while still gets every page (AWS: retries, then the DLQ).
      await publishWithRetry(deps, records, { attempts: 35, onPublished: o.onPublished });
    },
  });
  await follower.ready;
  // Changes made while no publisher ran (an import, a seed, new templates) are in no stream we
  // read: render everything at each start. The first time, wait for it; later, the old pages
  // serve meanwhile.
  const empty = !(await o.store.get('index.html'));
  log(empty ? 'Rendering the resident site for the first time…' : 'Rendering the resident site again in the background…');
  firstRender = rebuildSite(deps).then(
    (r) => log(`Resident site: ${r.written} pages in ${(r.ms / 1000).toFixed(1)} s.`),
    (e) => log(`Rendering the resident site failed: ${(e as Error).message} (npm run rebuild-site tries again)`),
  );
  if (empty) await firstRender;
  return follower;
}

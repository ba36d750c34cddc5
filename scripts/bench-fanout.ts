import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { loadConfig } from '../shared/config/index.js';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb } from '../shared/db/client.js';
import { allPublishedInRegion } from '../shared/repositories/listings.js';
import { CHUNK_PAGES } from '../web/site/chunks.js';
import { rebuildWithWorkers } from '../web/site/rebuild-workers.js';
import { seedListings } from './bench-listings.js';
import { seedDemo } from './demo/seed.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

/** The national-scale model: 100,000 listings × 10 languages, rendered by this many chunk functions at once. */
export const MODEL = { pages: 1_000_000, invocations: 50 } as const;

const isListingPage = (p: string) => /^\/[a-z]{2,3}\/listings\/[^/]+\/$/.test(p);

/**
 * Listing pages per second of the chunked rebuild (web/site/rebuild-workers.ts) with 1 and 2
 * worker threads, `count` published listings in DynamoDB Local: rendered in memory (each chunk's
 * reads done first, the pages thrown away: rendering alone, from the workers' render time) and
 * end to end (worker start, reads, rendering, writes into a temp folder: wall time); then the
 * same again over the written site (every page unchanged: nothing written); and the model of a
 * national render on AWS: MODEL.pages at MODEL.invocations concurrent chunk functions, each as
 * fast as one local worker end to end (a 1,769 MB Lambda has one vCPU).
 */
export async function benchFanOut(count = Number(process.env.BENCH_FANOUT_LISTINGS ?? 1_000)): Promise<[string, string | number][]> {
  const local = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const tableName = 'bench-fanout';
  const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: local.endpoint, PUBLIC_ORIGIN: 'https://opweg.example.org' });
  const db = createDb({ tableName, endpoint: local.endpoint, cursorSecret: config.CURSOR_SECRET });
  const dirs: string[] = [];
  try {
    await ensureTable(client, tableName);
    await seedDemo(db, new Date());
    const template = (await allPublishedInRegion(db, 'zuid')).find((l) => l.kind === 'job')!;
    const seeded = await seedListings(db, count, template, { allPublished: true });
    const out: [string, string | number][] = [];
    const perSecond = (pages: number, ms: number) => Math.round(pages / (ms / 1000));
    let perInvocation = 0;
    for (const workers of [1, 2]) {
      const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-fanout-'));
      dirs.push(dir);
      const store = new FsSiteStore(dir);
      const setup = { tableName, endpoint: local.endpoint, cursorSecret: config.CURSOR_SECRET, config, siteDir: dir };
      const run = (discard = false) => rebuildWithWorkers({ db, config, store }, { ...setup, discard }, { workers, reason: 'bench', only: isListingPage });
      const label = `${workers} worker${workers > 1 ? 's' : ''}`;
      const memory = await run(true);
      const pages = memory.written + memory.unchanged;
      // The workers render side by side: their render time added up, shared out over them.
      out.push([
        `fan-out: listing pages/s rendered in memory, ${label} (reads done first, nothing written; ${seeded.written.toLocaleString('en')} listings, ${pages.toLocaleString('en')} pages, ${memory.chunks} chunks): pages/s · ms per page`,
        `${perSecond(pages, memory.renderMs / workers)} · ${(memory.renderMs / pages).toFixed(2)}`,
      ]);
      const first = await run();
      const e2e = perSecond(first.written + first.unchanged, first.ms);
      if (workers === 1) perInvocation = e2e;
      out.push([
        `fan-out: listing pages/s end to end, ${label} (worker start, reads, render, writes; target ≥ 1,000 with 2): pages/s · reads ms per chunk · render+write ms per page`,
        `${e2e} · ${Math.round(first.readMs / first.chunks)} · ${(first.renderMs / pages).toFixed(2)}`,
      ]);
      if (workers === 2) {
        const again = await run();
        out.push(['fan-out: the same again over the written site, 2 workers: written / unchanged / pages/s', `${again.written} / ${again.unchanged} / ${perSecond(again.written + again.unchanged, again.ms)}`]);
      }
    }
    const seconds = MODEL.pages / (MODEL.invocations * perInvocation);
    out.push([
      `fan-out model: ${MODEL.pages.toLocaleString('en')} pages at ${MODEL.invocations} concurrent chunk functions (${perInvocation} pages/s each: 1 local worker end to end)`,
      `${Math.ceil(MODEL.pages / CHUNK_PAGES).toLocaleString('en')} chunks of ${CHUNK_PAGES}; about ${(seconds / 60).toFixed(1)} min wall time`,
    ]);
    return out;
  } finally {
    client.destroy();
    db.doc.destroy();
    await local.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, value] of await benchFanOut()) console.log(`${name}: ${value}`);
  process.exit(0);
}

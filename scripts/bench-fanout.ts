import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    // CPU time, which a busy machine does not inflate as it does wall time: this process (its
    // worker threads render) and DynamoDB Local's Java process (the reads' other half).
    const cpuMs = () => ({ node: (process.cpuUsage().user + process.cpuUsage().system) / 1000, java: javaCpuMs(local.process.pid) });
    const cpuSince = (from: ReturnType<typeof cpuMs>) => {
      const now = cpuMs();
      return { node: now.node - from.node, java: now.java - from.java };
    };
    let perInvocation = 0;
    for (const workers of [1, 2]) {
      const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-fanout-'));
      dirs.push(dir);
      const store = new FsSiteStore(dir);
      const setup = { tableName, endpoint: local.endpoint, cursorSecret: config.CURSOR_SECRET, config, siteDir: dir };
      const run = (discard = false) => rebuildWithWorkers({ db, config, store }, { ...setup, discard }, { workers, reason: 'bench', only: isListingPage });
      const label = `${workers} worker${workers > 1 ? 's' : ''}`;
      let cpu = cpuMs();
      const memory = await run(true);
      const pages = memory.written + memory.unchanged;
      const memoryCpu = cpuSince(cpu);
      // The workers render side by side: their render time added up, shared out over them.
      out.push([
        `fan-out: listing pages/s rendered in memory, ${label} (reads done first, nothing written; ${seeded.written.toLocaleString('en')} listings, ${pages.toLocaleString('en')} pages, ${memory.chunks} chunks): pages/s · ms per page`,
        `${perSecond(pages, memory.renderMs / workers)} · ${(memory.renderMs / pages).toFixed(2)}`,
      ]);
      if (workers === 1) {
        out.push([
          'fan-out: CPU ms per listing page rendered in memory, 1 worker (this process: worker start, rendering; DynamoDB Local apart) → pages/s per free core',
          `${(memoryCpu.node / pages).toFixed(2)} (+ DynamoDB Local ${(memoryCpu.java / pages).toFixed(2)}) → ${perSecond(pages, memoryCpu.node)}`,
        ]);
      }
      cpu = cpuMs();
      const first = await run();
      const firstCpu = cpuSince(cpu);
      const e2e = perSecond(first.written + first.unchanged, first.ms);
      if (workers === 1) {
        perInvocation = e2e;
        const perPage = (firstCpu.node + firstCpu.java) / pages;
        out.push([
          'fan-out: CPU ms per listing page end to end, 1 worker (this process + DynamoDB Local) → pages/s on 2 free cores',
          `${(firstCpu.node / pages).toFixed(2)} + ${(firstCpu.java / pages).toFixed(2)} → ${perSecond(pages * 2, perPage * pages)}`,
        ]);
      }
      out.push([
        `fan-out: listing pages/s end to end, ${label} (worker start, reads, render, writes; target ≥ 1,000 with 2): pages/s · ms until the workers are up · reads ms per chunk · render+write ms per page`,
        `${e2e} · ${Math.round(first.startMs)} · ${Math.round(first.readMs / first.chunks)} · ${(first.renderMs / pages).toFixed(2)}`,
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

/** CPU milliseconds a process has used so far (Linux /proc; 0 elsewhere). */
function javaCpuMs(pid: number | undefined): number {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, value] of await benchFanOut()) console.log(`${name}: ${value}`);
  process.exit(0);
}

import { Worker } from 'node:worker_threads';
import { ulid } from 'ulid';
import { renderChunkDone, startRenderRun } from '../../shared/repositories/render-runs.js';
import { planChunks } from './chunks.js';
import type { PublishDeps } from './publish.js';
import { createSiteReads } from './reads.js';
import { sitePaths, type RebuildResult } from './rebuild.js';
import type { WorkerSetup, WorkerReply } from './render-worker.js';

export type { WorkerSetup } from './render-worker.js';

/**
 * The worker is TypeScript, and a worker thread does not inherit the loader (tsx) of the main
 * thread: it starts from a tiny ES module that imports it through tsx's API.
 */
const WORKER = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { tsImport } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};` +
      `await tsImport(${JSON.stringify(new URL('./render-worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)});`,
  )}`,
);

export interface WorkersResult extends RebuildResult {
  runId: string;
  chunks: number;
  /** Added up over the chunks (so over the workers, which run at the same time): reading the chunks' listings first, then rendering and storing the pages. */
  readMs: number;
  renderMs: number;
  /** From the start to the last worker ready (loading the code into a fresh thread). */
  startMs: number;
}

/**
 * `npm run rebuild-site` on several cores: the same chunks as the render queue on AWS
 * (web/site/chunks.ts), handed one at a time to `workers` worker threads, each with its own
 * database client, site app and store; the run's counter item is kept as on AWS. `deps` is
 * this thread's (it lists the pages and keeps the counter); `setup` tells the workers how to
 * reach the same table and store.
 */
export async function rebuildWithWorkers(
  deps: PublishDeps,
  setup: WorkerSetup,
  o: { workers: number; reason?: string; onStart?: (total: number) => void; onChunk?: (pages: number) => void; only?: (path: string) => boolean },
): Promise<WorkersResult> {
  const started = performance.now();
  const reads = createSiteReads(deps.db, { reachKm: deps.config.REACH_KM, clock: deps.clock });
  const paths = (await sitePaths(deps, reads)).filter(o.only ?? (() => true));
  const chunks = planChunks(paths);
  const runId = ulid();
  await startRenderRun(deps.db, { runId, reason: o.reason ?? 'rebuild-site', chunks: chunks.length, pages: paths.length });
  o.onStart?.(paths.length);

  const result: WorkersResult = { written: 0, unchanged: 0, deleted: 0, failed: [], ms: 0, runId, chunks: chunks.length, readMs: 0, renderMs: 0, startMs: 0 };
  let next = 0;
  const work = (worker: Worker) =>
    new Promise<void>((done, fail) => {
      const give = () => {
        if (next >= chunks.length) return void worker.terminate().then(() => done(), fail);
        const index = next++;
        worker.postMessage({ index, paths: chunks[index]! });
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') {
          result.startMs = Math.max(result.startMs, performance.now() - started);
          return give();
        }
        const { index, counts, failures, ms } = reply;
        result.readMs += ms.read;
        result.renderMs += ms.render;
        result.written += counts.written;
        result.unchanged += counts.unchanged;
        result.deleted += counts.deleted;
        result.failed.push(...failures.map((f) => ({ ...f, action: 'failed' as const, error: new Error(f.error) })));
        o.onChunk?.(chunks[index]!.length);
        renderChunkDone(deps.db, runId, index, counts).then(give, fail);
      });
      worker.on('error', fail);
    });
  const count = Math.max(1, Math.min(o.workers, chunks.length));
  const spawn = () => new Worker(WORKER, { workerData: setup });
  await Promise.all(Array.from({ length: count }, () => work(spawn())));
  result.ms = performance.now() - started;
  return result;
}

import { parentPort, workerData } from 'node:worker_threads';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { S3SiteStore } from '../../shared/adapters/site-store-s3.js';
import { createDb } from '../../shared/db/client.js';
import type { ChunkCounts } from '../../shared/repositories/render-runs.js';
import type { SiteStore } from '../../shared/ports/site-store.js';
import { renderChunk, type ChunkResult } from './chunks.js';
import type { SiteDeps } from './context.js';

/** How a worker reaches the table and the store (plain data: it crosses the thread boundary). */
export interface WorkerSetup {
  tableName: string;
  endpoint?: string;
  region?: string;
  cursorSecret: string;
  config: SiteDeps['config'];
  /** A folder (`.data/site/`), or an S3 bucket. */
  siteDir?: string;
  bucket?: string;
  /** Render and throw the pages away (the bench's figure for rendering alone): nothing is compared or written. */
  discard?: boolean;
}

export type WorkerReply = { type: 'ready' } | { type: 'done'; index: number; counts: ChunkCounts; failures: { path: string; key: string; error: string }[]; ms: ChunkResult['ms'] };

/** A store that keeps nothing (WorkerSetup.discard). */
const discarding: SiteStore = { put: async () => {}, delete: async () => {}, get: async () => undefined, list: async () => [] };

/** A worker thread of `rebuildWithWorkers`: renders the chunks the main thread hands it, one at a time. */
if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const db = createDb({ tableName: setup.tableName, endpoint: setup.endpoint, region: setup.region, cursorSecret: setup.cursorSecret });
  const store = setup.discard ? discarding : setup.bucket ? new S3SiteStore(setup.bucket) : new FsSiteStore(setup.siteDir ?? '.data/site');
  port.on('message', async (chunk: { index: number; paths: string[] }) => {
    const r = await renderChunk({ db, config: setup.config, store }, chunk.paths);
    const failures = r.failures.map((f) => ({ path: f.path, key: f.key, error: f.error instanceof Error ? f.error.message : String(f.error) }));
    const { written, unchanged, deleted, failed } = r;
    port.postMessage({ type: 'done', index: chunk.index, counts: { written, unchanged, deleted, failed }, failures, ms: r.ms } satisfies WorkerReply);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReply);
}

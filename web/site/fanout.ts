import { ulid } from 'ulid';
import type { Db } from '../../shared/db/client.js';
import { startRenderRun } from '../../shared/repositories/render-runs.js';
import { planChunks, type ChunkMessage } from './chunks.js';

/** Where chunks go to be rendered: the SQS queue on AWS (shared/adapters/chunk-queue-sqs.ts). */
export interface ChunkQueue {
  send(messages: ChunkMessage[]): Promise<void>;
}

export interface FanOutResult {
  runId: string;
  chunks: number;
  pages: number;
}

/**
 * A render too large for one function (the whole site; a region or location change, which
 * touches every page) split into chunks on the render queue, rendered by concurrent
 * invocations of the chunk function (functions/render-chunk.ts). The run's counter item
 * (`RENDER#<runId>`) is written first, so progress shows from the first chunk on.
 */
export async function fanOut(deps: { db: Db; queue: ChunkQueue }, paths: string[], reason: string): Promise<FanOutResult> {
  const chunks = planChunks(paths);
  const runId = ulid();
  await startRenderRun(deps.db, { runId, reason, chunks: chunks.length, pages: chunks.reduce((n, c) => n + c.length, 0) });
  await deps.queue.send(chunks.map((paths, index) => ({ runId, index, paths })));
  return { runId, chunks: chunks.length, pages: paths.length };
}

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { renderChunkDone } from '../shared/repositories/render-runs.js';
import { ChunkMessage, renderChunk } from '../web/site/chunks.js';
import { loadDeps } from './deps.js';
import { siteStore } from './site.js';
import { eachRecord } from './sqs-batch.js';

const logger = new Logger();
const metrics = new Metrics();
const deps = await loadDeps();
const store = siteStore();

/**
 * The render queue → one chunk of pages (web/site/chunks.ts), rendered into the site bucket,
 * unchanged pages not written; then the run's counter item counts the chunk (once, however
 * often SQS delivers it). A chunk with a page that failed goes back to the queue (partial
 * batch response): SQS delivers it again, and after a few tries moves it to FailedRenderChunks.
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  const response = await eachRecord(event, logger, 'chunk not rendered', async (record) => {
    const chunk = ChunkMessage.parse(JSON.parse(record.body));
    const result = await renderChunk({ ...deps, store }, chunk.paths);
    metrics.addMetric('PagesWritten', MetricUnit.Count, result.written);
    metrics.addMetric('PagesUnchanged', MetricUnit.Count, result.unchanged);
    if (result.failed > 0) {
      logger.error('chunk left pages unpublished', { runId: chunk.runId, index: chunk.index, failed: result.failed, sample: result.failures.slice(0, 5).map((f) => ({ path: f.path, error: String(f.error) })) });
      return 'retry';
    }
    const { written, unchanged, deleted, failed } = result;
    const run = await renderChunkDone(deps.db, chunk.runId, chunk.index, { written, unchanged, deleted, failed });
    metrics.addMetric('ChunksDone', MetricUnit.Count, 1);
    logger.info('chunk rendered', { runId: chunk.runId, index: chunk.index, written, unchanged, deleted, done: run?.done.size, of: run?.chunks, finished: run?.finishedAt });
    return 'done';
  });
  metrics.publishStoredMetrics();
  return response;
};

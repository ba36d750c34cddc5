import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { publishRecords } from '../web/site/publish.js';
import { loadDeps } from './deps.js';
import { renderQueue } from './render-queue.js';
import { siteStore } from './site.js';

const logger = new Logger();
const metrics = new Metrics();
const deps = await loadDeps();
const store = siteStore();
const fanOut = renderQueue(deps.db);

/**
 * The table's stream → the resident pages a change touches, into the site bucket. CloudFront
 * picks them up within a minute (pages are cached for 60 s; no invalidation, which would cost
 * per path). Failed records go back to Lambda (partial batch).
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  const result = await publishRecords({ ...deps, store, fanOut, log: (message, detail) => logger.error(message, detail) }, event.Records);
  logger.info('published', { records: event.Records.length, pages: result.keys.length, failed: result.batchItemFailures.length });
  metrics.addMetric('PagesWritten', MetricUnit.Count, result.keys.length);
  metrics.addMetric('RecordsFailed', MetricUnit.Count, result.batchItemFailures.length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: result.batchItemFailures };
};

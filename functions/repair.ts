import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createRepairer } from '../web/site/repair.js';
import { createStreamsClient } from '../web/site/stream.js';
import { loadDeps } from './deps.js';
import { renderQueue } from './render-queue.js';
import { siteStore } from './site.js';

const logger = new Logger();
const metrics = new Metrics();
const deps = await loadDeps();
const repair = createRepairer({
  ...deps,
  store: siteStore(),
  fanOut: renderQueue(deps.db),
  streams: createStreamsClient({ endpoint: deps.config.DYNAMODB_ENDPOINT, region: deps.config.AWS_REGION }),
  log: (message, detail) => logger.error(message, detail),
  warn: (message, detail) => logger.warn(message, detail),
});

/**
 * The publisher's dead-letter queue → each stream batch it gave up on, read again from the
 * stream and published (or the whole site rendered again when the stream no longer holds it);
 * CloudFront picks the pages up within a minute (max-age=60). Messages not repaired go back to SQS (partial batch),
 * and after a few receives to the parked queue.
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  const result = await repair(event.Records.map((r) => ({ id: r.messageId, body: r.body })));
  logger.info('repaired', { messages: event.Records.length, records: result.replayed, pages: result.keys.length, rebuilt: result.rebuilt, failed: result.batchItemFailures.length });
  metrics.addMetric('BatchesRepaired', MetricUnit.Count, event.Records.length - result.batchItemFailures.length);
  metrics.addMetric('BatchesNotRepaired', MetricUnit.Count, result.batchItemFailures.length);
  if (result.rebuilt) metrics.addMetric('SiteRebuilt', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return { batchItemFailures: result.batchItemFailures };
};

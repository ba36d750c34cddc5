import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

/*
 * NOT DONE — placeholder until web/site/publish.ts (publishRecords) exists. The stack already
 * wires this handler to the table's stream; until then it only logs what it would publish and
 * reports no failures, so the stream does not stall. Replace the body with:
 *   const deps = await loadDeps();  // from ./deps.js, at module level
 *   return publishRecords(deps, event.Records);
 */
const logger = new Logger();
const metrics = new Metrics();

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  logger.warn('publisher not implemented yet: listing changes are not rendered', { records: event.Records.length });
  metrics.addMetric('RecordsSkipped', MetricUnit.Count, event.Records.length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: [] };
};

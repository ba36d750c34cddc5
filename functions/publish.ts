import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { S3SiteStore } from '../shared/adapters/site-store-s3.js';
import { publishRecords } from '../web/site/publish.js';
import { loadDeps } from './deps.js';

const logger = new Logger();
const metrics = new Metrics();
const deps = await loadDeps();
// S3_ENDPOINT: a local S3 (s3rver) in tests, as DYNAMODB_ENDPOINT is DynamoDB Local; unset on AWS.
const s3 = process.env.S3_ENDPOINT ? new S3Client({ endpoint: process.env.S3_ENDPOINT, forcePathStyle: true }) : new S3Client({});
const store = new S3SiteStore(process.env.SITE_BUCKET ?? '', s3);
const cloudfront = new CloudFrontClient({});

/**
 * The table's stream → the resident pages a change touches, into the site bucket; then
 * CloudFront forgets its copies of them. Failed records go back to Lambda (partial batch).
 */
export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  const result = await publishRecords({ ...deps, store, log: (message, detail) => logger.error(message, detail) }, event.Records);
  if (result.keys.length > 0 && process.env.DISTRIBUTION_ID) {
    // CloudFront caches by the key the index rewrite produced: invalidate `/` + key.
    await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: process.env.DISTRIBUTION_ID,
        InvalidationBatch: { CallerReference: `${context.awsRequestId}`, Paths: { Quantity: result.keys.length, Items: result.keys.map((k) => `/${k}`) } },
      }),
    );
  }
  logger.info('published', { records: event.Records.length, pages: result.keys.length, failed: result.batchItemFailures.length });
  metrics.addMetric('PagesWritten', MetricUnit.Count, result.keys.length);
  metrics.addMetric('RecordsFailed', MetricUnit.Count, result.batchItemFailures.length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: result.batchItemFailures };
};

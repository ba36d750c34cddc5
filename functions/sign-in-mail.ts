import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { SignInRequest } from '../shared/domain/session.js';
import { mailSignInLink } from '../shared/services/auth.js';
import type { ServiceContext } from '../shared/services/context.js';
import { resolveDeps } from '../web/deps.js';
import { loadDeps } from './deps.js';
import { eachRecord } from './sqs-batch.js';

const logger = new Logger();
const metrics = new Metrics();
const deps = resolveDeps(await loadDeps());
const ctx: ServiceContext = { db: deps.db, mail: deps.mail, clock: deps.clock, config: deps.config };

/**
 * The sign-in queue → a sign-in link by mail, for an address that has an account (the portal's
 * form answered long before, the same for every address). A message that fails goes back to the
 * queue (partial batch response); after a few tries SQS moves it to FailedSignInMail.
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  // Never the address in the log: only which message failed.
  const response = await eachRecord(event, logger, 'sign-in link not mailed', async (record) => {
    const outcome = await mailSignInLink(ctx, SignInRequest.parse(JSON.parse(record.body)));
    metrics.addMetric(outcome === 'mailed' ? 'SignInLinksMailed' : 'SignInRequestsUnknown', MetricUnit.Count, 1);
    return 'done';
  });
  metrics.publishStoredMetrics();
  return response;
};

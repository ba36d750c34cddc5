import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '../web/app.js';
import { loadDeps } from './deps.js';

const logger = new Logger();
const metrics = new Metrics();
// Top-level await: secrets and clients are ready before the first request, once per instance.
const app = handle(createApp(await loadDeps()));

/** HTTP API (payload 2.0) → the staff portal's Hono app: every /portal path but the residents' form posts (functions/residents.ts). */
export const handler = async (event: LambdaEvent, context: Context) => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  const result = await app(event, context);
  // The app answers errors itself; this line ties a 5xx to the Lambda request id in the logs
  // (the API's access log has the path under the same request).
  if (result.statusCode >= 500) logger.error('portal answered with a server error', { status: result.statusCode });
  return result;
};

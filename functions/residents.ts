// First: before any schema is made.
import './zod-jitless.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { handle, type LambdaEvent } from 'hono/aws-lambda';
import { createResidentApp } from '../web/resident-app.js';
import { loadDeps } from './deps.js';

const logger = new Logger();
const metrics = new Metrics();
// Top-level await: secrets and clients are ready before the first request, once per instance.
const app = handle(createResidentApp(await loadDeps()));

/**
 * HTTP API (payload 2.0) → the residents' form app (web/resident-app.tsx): the API sends
 * `/portal/interest` and `/portal/cancel` here, everything else under /portal to functions/portal.ts.
 */
export const handler = async (event: LambdaEvent, context: Context) => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  const result = await app(event, context);
  if (result.statusCode >= 500) logger.error('residents\' function answered with a server error', { status: result.statusCode });
  return result;
};

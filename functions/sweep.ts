import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { sweep } from '../shared/services/sweep.js';
import { resolveDeps } from '../web/deps.js';
import { loadDeps } from './deps.js';

const logger = new Logger();
const metrics = new Metrics();
const deps = resolveDeps(await loadDeps());

/** EventBridge, hourly: expire listings past closing, warn employers, delete residents' data past retention, desk digests. */
export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  // The scheduled time, not the clock: a retried run sweeps as of the hour it was meant for.
  const result = await sweep(deps, new Date(event.time));
  logger.info('sweep done', { expired: result.expired.length, warned: result.warned.length, peopleDeleted: result.peopleDeleted, digestsSent: result.digestsSent });
  metrics.addMetric('ListingsExpired', MetricUnit.Count, result.expired.length);
  metrics.addMetric('PeopleDeleted', MetricUnit.Count, result.peopleDeleted);
  metrics.publishStoredMetrics();
  return result;
};

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, ScheduledEvent } from 'aws-lambda';

/*
 * NOT DONE — placeholder until shared/services/sweep.ts (sweep) exists. The stack already runs
 * this hourly from EventBridge; until then it only logs. Replace the body with:
 *   const deps = await loadDeps();  // from ./deps.js, at module level
 *   const result = await sweep(deps, new Date(event.time));
 */
const logger = new Logger();
const metrics = new Metrics();

export const handler = async (event: ScheduledEvent, context: Context) => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  logger.warn('sweep not implemented yet: nothing expired or purged', { scheduledAt: event.time });
};

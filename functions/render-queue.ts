import { SqsChunkQueue } from '../shared/adapters/chunk-queue-sqs.js';
import type { Db } from '../shared/db/client.js';
import { fanOut } from '../web/site/fanout.js';

/**
 * The publisher's and the repair's way to the render queue (RENDER_QUEUE_URL, set by the
 * stack): a large render goes there in chunks. Unset (tests, bench): they render it themselves.
 */
export function renderQueue(db: Db, env: Record<string, string | undefined> = process.env) {
  const url = env.RENDER_QUEUE_URL;
  if (!url) return undefined;
  const queue = new SqsChunkQueue(url);
  return (paths: string[], reason: string) => fanOut({ db, queue }, paths, reason);
}

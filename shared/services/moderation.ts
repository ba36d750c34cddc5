import type { Db } from '../db/client.js';
import { countPendingInRegion } from '../repositories/queue.js';
import { isDeskOf, require, type Actor } from './actor.js';

/** How many listings wait in a region's queue: shown in the desk's navigation. */
export async function queueCount(db: Db, actor: Actor, regionId: string): Promise<number> {
  require(isDeskOf(actor, regionId));
  return countPendingInRegion(db, regionId);
}

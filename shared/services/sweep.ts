import type { Config } from '../config/index.js';
import { SCHEDULED_KINDS, type Listing } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { ConflictError } from '../errors.js';
import { getDirectory } from '../repositories/directory.js';
import { peopleDueForDeletion } from '../repositories/interests.js';
import { allPublishedInRegion } from '../repositories/listings.js';
import { SYSTEM } from './actor.js';
import { changeStatus } from './listings.js';
import { deletePerson } from './privacy.js';

/**
 * The scheduled sweep (EventBridge on AWS, every minute under `npm start`): listings past
 * their closing date leave the site, and residents' data past retention is deleted. Safe to
 * run twice, or in parallel with people working: a lost race is skipped, not retried.
 */
export interface SweepDeps {
  db: Db;
  config: Config;
}

export interface SweepResult {
  expired: string[];
  peopleDeleted: number;
}

export function isPastClosing(l: Listing, now: Date): boolean {
  const today = now.toISOString().slice(0, 10);
  if (l.closingDate !== undefined && l.closingDate < today) return true;
  return SCHEDULED_KINDS.includes(l.kind) && l.endsAt !== undefined && l.endsAt < now.toISOString();
}

export async function sweep(deps: SweepDeps, now: Date = new Date()): Promise<SweepResult> {
  const { db } = deps;
  const result: SweepResult = { expired: [], peopleDeleted: 0 };
  const { regions } = await getDirectory(db);
  for (const region of regions) {
    for (const listing of await allPublishedInRegion(db, region.id)) {
      if (!isPastClosing(listing, now)) continue;
      try {
        await changeStatus(db, SYSTEM, listing.id, listing.version, 'expire', { clock: { now: () => now } });
        result.expired.push(listing.id);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
      }
    }
    for (const due of await peopleDueForDeletion(db, region.id, now)) {
      await deletePerson(db, due.interestId, 'system', 'interest.data-expired', now);
      result.peopleDeleted++;
    }
  }
  return result;
}

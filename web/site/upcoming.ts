import { SCHEDULED_KINDS, type Listing } from '../../shared/domain/listing.js';
import { dutchDay } from './format.js';

/** Company visits and events still to come (from today, Dutch time), soonest first. */
export function upcoming(listings: Listing[], now: Date): Listing[] {
  const today = dutchDay(now);
  return listings
    .filter((l) => SCHEDULED_KINDS.includes(l.kind) && l.startsAt !== undefined && dutchDay(new Date(l.startsAt)) >= today)
    .sort((a, b) => new Date(a.startsAt!).getTime() - new Date(b.startsAt!).getTime() || a.id.localeCompare(b.id));
}

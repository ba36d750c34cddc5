import type { Interest } from '../domain/interest.js';
import type { Listing } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import type { PortalKey } from '../i18n/portal/en.js';
import { interestsOfListingAll } from '../repositories/interests.js';
import { listingsOfOrganisation } from '../repositories/listings.js';
import { isAdmin, isEmployerOf, require, type Actor } from './actor.js';

/**
 * The employer's dashboard: per listing its status, how many residents reacted (a number, never
 * who), how many the desk introduced, and the one thing the employer does next or waits for.
 */

export interface DashboardRow {
  listing: Listing;
  /** Residents whose reaction still stands (not withdrawn, no cancelled seat), each counted once. */
  reacted: number;
  /** Of those, on a visit's waiting list. */
  waiting: number;
  /** Residents the desk introduced whose details the employer can still see. */
  introduced: number;
  next: NextStep;
}

/** A sentence from the portal catalogue with what it needs: a count, or a date (ISO day). */
export interface NextStep {
  key: PortalKey;
  count?: number;
  date?: string;
}

/** Statuses a listing can have reactions in: it has been on the site. */
const REACHED_RESIDENTS: readonly Listing['status'][] = ['published', 'closed', 'expired'];

export async function employerDashboard(db: Db, actor: Actor, organisationId: string, o: { cursor?: string; limit?: number } = {}) {
  require(isEmployerOf(actor, organisationId) || isAdmin(actor));
  const page = await listingsOfOrganisation(db, organisationId, { limit: o.limit ?? 50, cursor: o.cursor });
  const rows = await Promise.all(
    page.items.map(async (listing): Promise<DashboardRow> => {
      const counts = REACHED_RESIDENTS.includes(listing.status) || listing.publishedAt ? countReactions(await interestsOfListingAll(db, listing.id)) : { reacted: 0, waiting: 0, introduced: 0 };
      return { listing, ...counts, next: nextStep(listing, counts.introduced) };
    }),
  );
  return { rows, cursor: page.cursor };
}

/**
 * Counts without names: a resident who reacted twice (the same pseudonymous key) counts once;
 * withdrawn reactions and cancelled seats do not count; an introduction counts while the
 * employer may see the resident (not withdrawn, details not deleted).
 */
export function countReactions(interests: Interest[]) {
  const seen = new Set<string>();
  let reacted = 0;
  let waiting = 0;
  let introduced = 0;
  for (const i of interests) {
    if (i.withdrawnAt || i.seat === 'cancelled') continue;
    if (i.introducedAt && !i.personDeletedAt) introduced++;
    const again = i.residentKeys.some((k) => seen.has(k));
    for (const k of i.residentKeys) seen.add(k);
    if (again) continue;
    reacted++;
    if (i.seat === 'waiting') waiting++;
  }
  return { reacted, waiting, introduced };
}

/** What the employer does next with a listing, or waits for: one sentence on the dashboard. */
export function nextStep(l: Listing, introduced: number): NextStep {
  if (l.revision) return { key: l.revision.status === 'pending' ? 'portal.next.changeWaits' : 'portal.next.changeReturned' };
  switch (l.status) {
    case 'draft':
      return { key: l.rejectionReason ? 'portal.next.changesAsked' : 'portal.next.draft' };
    case 'pending':
      return { key: 'portal.next.pending' };
    case 'rejected':
      return { key: 'portal.next.rejected' };
    case 'published':
      if (l.hidden) return { key: 'portal.next.hidden' };
      if (introduced > 0) return { key: 'portal.next.introduced', count: introduced };
      return l.closingDate ? { key: 'portal.next.closes', date: l.closingDate } : { key: 'portal.next.published' };
    default:
      return introduced > 0 ? { key: 'portal.next.closedIntroduced', count: introduced } : { key: 'portal.next.closed' };
  }
}

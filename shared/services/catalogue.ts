import type { Coordinates } from '../domain/common.js';
import type { Listing } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { listingsOfOrganisation, pendingInRegion, upcomingVisitsInRegion } from '../repositories/listings.js';
import { isDeskOf, isEmployerOf, isAdmin, require, type Actor } from './actor.js';
import { cellsAround, distanceKm } from './geo.js';

/** Read-side use cases: what residents, employers and desks see. */

export interface NearbyListing {
  listing: Listing;
  km: number;
}

/**
 * The listings of the geohash cells around a place that lie within `reachKm` of it, nearest
 * first. `inCell` reads one cell (the resident site: its newest few, web/site/reads.ts).
 */
export async function nearby(place: Coordinates, reachKm: number, inCell: (cell: string) => Promise<Listing[]>): Promise<NearbyListing[]> {
  const perCell = await Promise.all(cellsAround(place, reachKm).map(inCell));
  return perCell
    .flat()
    .map((listing) => ({ listing, km: distanceKm(place, listing.workplace) }))
    .filter((n) => n.km <= reachKm)
    .sort((a, b) => a.km - b.km || b.listing.id.localeCompare(a.listing.id));
}

export async function organisationListings(db: Db, actor: Actor, organisationId: string, o: { cursor?: string; limit?: number } = {}) {
  require(isEmployerOf(actor, organisationId) || isAdmin(actor));
  return listingsOfOrganisation(db, organisationId, o);
}

export async function moderationQueue(db: Db, actor: Actor, regionId: string, o: { cursor?: string; limit?: number } = {}) {
  require(isDeskOf(actor, regionId));
  return pendingInRegion(db, regionId, o);
}

export async function upcomingVisits(db: Db, regionId: string, from: Date, o: { cursor?: string; limit?: number } = {}) {
  return upcomingVisitsInRegion(db, regionId, from.toISOString(), o);
}

import type { Db } from '../../shared/db/client.js';
import { isVisible } from '../../shared/db/keys.js';
import type { Listing } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { Location } from '../../shared/domain/region.js';
import { getDirectory, type Directory } from '../../shared/repositories/directory.js';
import { seatsTaken } from '../../shared/repositories/interests.js';
import { allPublishedInRegion, getListing } from '../../shared/repositories/listings.js';
import { listOrganisations } from '../../shared/repositories/organisations.js';
import { listingsNearLocation, type NearbyListing } from '../../shared/services/catalogue.js';
import { distanceKm } from '../../shared/services/geo.js';

/**
 * What the resident pages read, each at most once per render run: a publish batch renders
 * dozens of pages from the same few queries. `changed` names the listings a batch of stream
 * records is about: their items, read consistently from the table, are laid over the index
 * queries, because a global secondary index may lag the table by a moment and must not put a
 * just-closed listing back on a page (nor leave a just-published one off).
 */
export interface SiteReads {
  directory(): Promise<Directory>;
  organisations(): Promise<Map<string, Organisation>>;
  /** A listing in any status, read consistently (its page says "closed" when it is). */
  listing(id: string): Promise<Listing | undefined>;
  /** Every visible listing of a region, newest first. */
  regionListings(regionId: string): Promise<Listing[]>;
  /** Visible listings within reach of a location, nearest first. */
  nearLocation(locationId: string): Promise<NearbyListing[]>;
  /** Seats taken on a visit (the counter sign-ups keep). */
  seatsTaken(listingId: string): Promise<number>;
}


const newestFirst = (a: Listing, b: Listing) => {
  const ka = `${a.publishedAt ?? a.updatedAt}#${a.id}`;
  const kb = `${b.publishedAt ?? b.updatedAt}#${b.id}`;
  return ka < kb ? 1 : ka > kb ? -1 : 0;
};

export function createSiteReads(db: Db, o: { reachKm: number; changed?: Iterable<string> }): SiteReads {
  const changed = new Set(o.changed ?? []);
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      memo.set(key, p);
      // A failed read is not remembered: the next page may try again.
      p.catch(() => memo.delete(key));
    }
    return p;
  };

  /** Replaces what an index said about the changed listings with what the table says now. */
  async function overlay<T>(items: T[], listingOf: (t: T) => Listing, include: (l: Listing) => T | undefined): Promise<T[]> {
    if (changed.size === 0) return items;
    const out = items.filter((i) => !changed.has(listingOf(i).id));
    for (const id of changed) {
      const l = await reads.listing(id);
      const item = l && isVisible(l) ? include(l) : undefined;
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  const reads: SiteReads = {
    directory: () => once('directory', () => getDirectory(db)),
    organisations: () => once('organisations', async () => new Map((await listOrganisations(db)).map((org) => [org.id, org]))),
    listing: (id) => once(`listing|${id}`, () => getListing(db, id, true)),
    regionListings: (regionId) =>
      once(`region|${regionId}`, async () =>
        (await overlay(await allPublishedInRegion(db, regionId), (l) => l, (l) => (l.regionId === regionId ? l : undefined))).sort(newestFirst),
      ),
    nearLocation: (locationId) =>
      once(`near|${locationId}`, async () => {
        const [near, directory] = await Promise.all([listingsNearLocation(db, locationId, o.reachKm), reads.directory()]);
        const location = directory.locations.find((l) => l.id === locationId) as Location;
        const all = await overlay(near, (n) => n.listing, (listing) => {
          const km = distanceKm(location, listing.workplace);
          return km <= o.reachKm ? { listing, km } : undefined;
        });
        return all.sort((a, b) => a.km - b.km || b.listing.id.localeCompare(a.listing.id));
      }),
    seatsTaken: (listingId) => once(`seats|${listingId}`, () => seatsTaken(db, listingId)),
  };
  return reads;
}

/** Seats a resident can still take. Sign-ups keep `taken` on the visit's SEATS item. */
export function seatsLeft(listing: Pick<Listing, 'seats'>, taken: number): number {
  return Math.max(0, (listing.seats ?? 0) - taken);
}

/** Locations within reach of a workplace, nearest first: where a listing shows. */
export function locationsWithinReach(locations: Location[], at: { lat: number; lon: number }, reachKm: number) {
  return locations
    .map((location) => ({ location, km: distanceKm(location, at) }))
    .filter((x) => x.km <= reachKm)
    .sort((a, b) => a.km - b.km);
}

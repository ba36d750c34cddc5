import type { Db } from '../../shared/db/client.js';
import { isVisible } from '../../shared/db/keys.js';
import { ListingKind, SCHEDULED_KINDS, type Listing } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { Location } from '../../shared/domain/region.js';
import { getDirectory, type Directory } from '../../shared/repositories/directory.js';
import { seatsTaken } from '../../shared/repositories/interests.js';
import { allPublishedInRegion, getListing, getListings, publishedInCell, publishedInRegion, upcomingVisitsInRegion } from '../../shared/repositories/listings.js';
import { getOrganisation, getOrganisations, listOrganisations } from '../../shared/repositories/organisations.js';
import { summariesOfListing } from '../../shared/repositories/summaries.js';
import type { Summary } from '../../shared/domain/summary.js';
import { nearby, type NearbyListing } from '../../shared/services/catalogue.js';
import { distanceKm } from '../../shared/services/geo.js';
import { systemClock, type Clock } from '../../shared/services/listings.js';
import { dutchDay } from './format.js';
import { KIND_GROUPS, type KindGroup } from './groups.js';
import { upcoming } from './upcoming.js';

/**
 * How many listings a list page, feed or calendar shows: the newest (visits: the soonest).
 * One definition, so that the cost of publishing a change stays flat however many listings
 * there are: every list is read with a Query of at most this many items (plus one, to know
 * whether there are more), never by reading a whole region. A page of 50 is also about what a
 * cheap phone shows comfortably.
 */
export const LIST_LIMIT = 50;

/** A capped list: at most LIST_LIMIT items; `more` when the table holds others. */
export interface Capped<T> {
  items: T[];
  more: boolean;
}

/**
 * What the resident pages read, each at most once per render run: a publish batch renders
 * dozens of pages from the same few queries. `changed` names the listings a batch of stream
 * records is about: their items, read consistently from the table, are laid over the index
 * queries, because a global secondary index may lag the table by a moment and must not put a
 * just-closed listing back on a page (nor leave a just-published one off).
 */
export interface SiteReads {
  directory(): Promise<Directory>;
  /** Every organisation (list pages, feeds, partners): one Query of the whole index. */
  organisations(): Promise<Map<string, Organisation>>;
  /** One organisation: from `organisations()` when that was read, else by itself (primed in batches by primeListings). */
  organisation(id: string): Promise<Organisation | undefined>;
  /** A listing in any status, read consistently (its page says "closed" when it is). */
  listing(id: string): Promise<Listing | undefined>;
  /** A region's newest visible listings. */
  regionNewest(regionId: string): Promise<Capped<Listing>>;
  /** A region's newest visible listings of one group (visits: the upcoming ones, soonest first). */
  groupNewest(regionId: string, group: KindGroup): Promise<Capped<Listing>>;
  /** The newest visible listings within reach of a location, nearest first. */
  nearLocation(locationId: string): Promise<Capped<NearbyListing>>;
  /** Every visible listing of a region (a whole rebuild only: its cost grows with the region). */
  allInRegion(regionId: string): Promise<Listing[]>;
  /** Seats taken on a visit (the counter sign-ups keep). */
  seatsTaken(listingId: string): Promise<number>;
  /** A listing's summaries in residents' languages (each written or checked by a person). */
  summaries(listingId: string): Promise<Summary[]>;
  /**
   * Reads many listings at once (BatchGetItem, 100 a call, consistent) for the pages about to
   * render, and then the organisations they name (BatchGetItem): a chunk of 50 listings' pages
   * costs two calls instead of 50 GetItems and a read of every organisation.
   */
  primeListings(ids: string[]): Promise<void>;
}

const newestFirst = (a: Listing, b: Listing) => {
  const ka = `${a.publishedAt ?? a.updatedAt}#${a.id}`;
  const kb = `${b.publishedAt ?? b.updatedAt}#${b.id}`;
  return ka < kb ? 1 : ka > kb ? -1 : 0;
};

/** The first LIST_LIMIT of `items` in `order`; `more` if the sources had more or this cut some off. */
function cap<T>(items: T[], order: (a: T, b: T) => number, more: boolean): Capped<T> {
  const sorted = [...items].sort(order);
  return { items: sorted.slice(0, LIST_LIMIT), more: more || sorted.length > LIST_LIMIT };
}

export function createSiteReads(db: Db, o: { reachKm: number; clock?: Clock; changed?: Iterable<string> }): SiteReads {
  const changed = new Set(o.changed ?? []);
  const now = () => (o.clock ?? systemClock).now();
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
  async function overlay(items: Listing[], belongs: (l: Listing) => boolean): Promise<Listing[]> {
    if (changed.size === 0) return items;
    const out = items.filter((l) => !changed.has(l.id));
    for (const id of changed) {
      const l = await reads.listing(id);
      if (l && isVisible(l) && belongs(l)) out.push(l);
    }
    return out;
  }

  /** One Query: the newest LIST_LIMIT + 1 of a region's visible listings of one kind. */
  const ofKind = (regionId: string, kind: ListingKind) =>
    once(`kind|${regionId}|${kind}`, async () => {
      const page = await publishedInRegion(db, regionId, { kind, limit: LIST_LIMIT + 1 });
      return { items: page.items, more: page.cursor !== undefined };
    });

  /** The newest of several kinds: the newest LIST_LIMIT overall are among each kind's newest LIST_LIMIT. */
  async function newestOfKinds(regionId: string, kinds: readonly ListingKind[]): Promise<Capped<Listing>> {
    const perKind = await Promise.all(kinds.map((k) => ofKind(regionId, k)));
    const items = await overlay(
      perKind.flatMap((p) => p.items),
      (l) => l.regionId === regionId && kinds.includes(l.kind),
    );
    return cap(items, newestFirst, perKind.some((p) => p.more));
  }

  /** Visits and events from today on, soonest first: one Query on the region's visit index. */
  const upcomingVisits = (regionId: string) =>
    once(`visits|${regionId}`, async () => {
      // From yesterday (Dutch time) so that no start time written with another offset is missed; `upcoming` cuts exactly.
      const from = dutchDay(new Date(now().getTime() - 86_400_000));
      const page = await upcomingVisitsInRegion(db, regionId, from, { limit: LIST_LIMIT + 1 });
      const items = await overlay(page.items, (l) => l.regionId === regionId && SCHEDULED_KINDS.includes(l.kind));
      const soon = upcoming(items, now());
      return { items: soon.slice(0, LIST_LIMIT), more: page.cursor !== undefined || soon.length > LIST_LIMIT };
    });

  /** One Query per geohash cell, shared by every location of the run whose reach covers it. */
  const inCell = (cell: string) =>
    once(`cell|${cell}`, async () => {
      const page = await publishedInCell(db, cell, { limit: LIST_LIMIT + 1 });
      return { items: page.items, more: page.cursor !== undefined };
    });

  const reads: SiteReads = {
    directory: () => once('directory', () => getDirectory(db)),
    organisations: () => once('organisations', async () => new Map((await listOrganisations(db)).map((org) => [org.id, org]))),
    organisation: async (id) => (memo.has('organisations') ? (await reads.organisations()).get(id) : once(`org|${id}`, () => getOrganisation(db, id))),
    listing: (id) => once(`listing|${id}`, () => getListing(db, id, true)),
    regionNewest: (regionId) => once(`region|${regionId}`, () => newestOfKinds(regionId, ListingKind.options)),
    groupNewest: (regionId, group) => (group === 'visits' ? upcomingVisits(regionId) : once(`group|${regionId}|${group}`, () => newestOfKinds(regionId, KIND_GROUPS[group]))),
    nearLocation: (locationId) =>
      once(`near|${locationId}`, async () => {
        const directory = await reads.directory();
        const location = directory.locations.find((l) => l.id === locationId) as Location;
        let more = false;
        const near = await nearby(location, o.reachKm, async (cell) => {
          const c = await inCell(cell);
          more ||= c.more;
          return c.items;
        });
        const all = await overlay(
          near.map((n) => n.listing),
          (l) => distanceKm(location, l.workplace) <= o.reachKm,
        );
        // The newest LIST_LIMIT within reach, shown nearest first.
        const newest = cap(all, newestFirst, more);
        const shown = newest.items.map((listing) => ({ listing, km: distanceKm(location, listing.workplace) }));
        shown.sort((a, b) => a.km - b.km || b.listing.id.localeCompare(a.listing.id));
        return { items: shown, more: newest.more };
      }),
    allInRegion: (regionId) =>
      once(`all|${regionId}`, async () => (await overlay(await allPublishedInRegion(db, regionId), (l) => l.regionId === regionId)).sort(newestFirst)),
    seatsTaken: (listingId) => once(`seats|${listingId}`, () => seatsTaken(db, listingId)),
    summaries: (listingId) => once(`summaries|${listingId}`, () => summariesOfListing(db, listingId, { consistent: true })),
    primeListings: async (ids) => {
      const wanted = [...new Set(ids)].filter((id) => !memo.has(`listing|${id}`));
      if (wanted.length === 0) return;
      const found = new Map((await getListings(db, wanted, true)).map((l) => [l.id, l]));
      for (const id of wanted) if (!memo.has(`listing|${id}`)) memo.set(`listing|${id}`, Promise.resolve(found.get(id)));
      const orgIds = [...new Set([...found.values()].map((l) => l.organisationId))].filter((id) => !memo.has(`org|${id}`));
      if (orgIds.length === 0 || memo.has('organisations')) return;
      const orgs = new Map((await getOrganisations(db, orgIds)).map((org) => [org.id, org]));
      for (const id of orgIds) if (!memo.has(`org|${id}`)) memo.set(`org|${id}`, Promise.resolve(orgs.get(id)));
    },
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

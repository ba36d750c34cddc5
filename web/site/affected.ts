import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { isVisible } from '../../shared/db/keys.js';
import { Listing, SCHEDULED_KINDS, sameForResidents } from '../../shared/domain/listing.js';
import { LOCALES } from '../../shared/i18n/index.js';
import { listingsOfOrganisation } from '../../shared/repositories/listings.js';
import type { Db } from '../../shared/db/client.js';
import { ASSETS } from '../ui/assets.js';
import { ICONS } from '../ui/share-head.js';
import { ETHIOPIC_FONTS } from '../ui/site-style.js';
import { GROUPS, groupOf } from './groups.js';
import { paths } from './paths.js';
import { locationsWithinReach, type SiteReads } from './reads.js';

/** What a stream record is about, as far as the resident site cares. */
export type Change =
  | { about: 'listing'; id: string; images: Listing[] }
  | { about: 'seats'; listingId: string }
  | { about: 'summary'; listingId: string }
  | { about: 'directory'; images: { type: 'region' | 'location'; id: string }[] }
  | { about: 'organisation'; id: string; regionIds: string[] }
  | { about: 'nothing' };

/** DynamoDB's typed JSON to plain values (strings, numbers, booleans, lists, maps, sets). */
export function fromAttributes(image: Record<string, AttributeValue>): Record<string, unknown> {
  const value = (v: AttributeValue): unknown => {
    if (v.S !== undefined) return v.S;
    if (v.N !== undefined) return Number(v.N);
    if (v.BOOL !== undefined) return v.BOOL;
    if (v.NULL !== undefined) return null;
    if (v.M !== undefined) return fromAttributes(v.M);
    if (v.L !== undefined) return v.L.map(value);
    if (v.SS !== undefined) return new Set(v.SS);
    if (v.NS !== undefined) return new Set(v.NS.map(Number));
    if (v.B !== undefined) return v.B;
    if (v.BS !== undefined) return new Set(v.BS);
    return undefined;
  };
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, value(v)]));
}

/** Reads a record; throws when an image the site depends on does not parse (the record fails). */
export function changeOf(record: DynamoDBRecord): Change {
  const keys = fromAttributes(record.dynamodb?.Keys ?? {});
  const pk = String(keys.pk ?? '');
  const sk = String(keys.sk ?? '');
  const images = [record.dynamodb?.OldImage, record.dynamodb?.NewImage].filter((i) => i !== undefined).map(fromAttributes);
  if (pk.startsWith('LISTING#') && sk === 'LISTING') {
    return { about: 'listing', id: pk.slice('LISTING#'.length), images: images.map((i) => Listing.parse(i)) };
  }
  if (pk.startsWith('LISTING#') && sk === 'SEATS') return { about: 'seats', listingId: pk.slice('LISTING#'.length) };
  if (pk.startsWith('LISTING#') && sk.startsWith('SUMMARY#')) return { about: 'summary', listingId: pk.slice('LISTING#'.length) };
  if (pk === 'DIRECTORY') {
    const type = sk.startsWith('REGION#') ? 'region' : 'location';
    return { about: 'directory', images: images.map((i) => ({ type, id: String(i.id ?? sk.split('#')[1]) })) };
  }
  if (pk.startsWith('ORG#') && sk === 'ORG') {
    const regionIds = images.flatMap((i) => (Array.isArray(i.regionIds) ? i.regionIds.map(String) : []));
    return { about: 'organisation', id: pk.slice('ORG#'.length), regionIds: [...new Set(regionIds)] };
  }
  return { about: 'nothing' };
}

function regionPages(regionId: string): string[] {
  return [
    ...LOCALES.flatMap((l) => [paths.region(l, regionId), paths.partners(l, regionId), ...GROUPS.map((g) => paths.group(l, regionId, g)), paths.regionFeed(regionId, l), paths.regionCalendar(regionId, l)]),
  ];
}

function locationPages(locationId: string): string[] {
  return LOCALES.flatMap((l) => [paths.location(l, locationId), paths.poster(l, locationId), paths.locationFeed(locationId, l)]);
}

/**
 * The pages a listing shows on, before and after a change: its own page in every language
 * and, while visible, its region's pages and feeds and those of every location within reach.
 * A listing never published has no pages at all.
 */
export async function listingPages(images: Listing[], reads: SiteReads, reachKm: number): Promise<string[]> {
  if (!images.some((l) => l.publishedAt)) return [];
  const out = new Set<string>(LOCALES.map((l) => paths.listing(l, images[0]!.id)));
  const { locations } = await reads.directory();
  for (const l of images.filter(isVisible)) {
    for (const locale of LOCALES) {
      out.add(paths.region(locale, l.regionId)).add(paths.group(locale, l.regionId, groupOf(l.kind))).add(paths.regionFeed(l.regionId, locale));
      if (SCHEDULED_KINDS.includes(l.kind)) out.add(paths.regionCalendar(l.regionId, locale));
    }
    for (const { location } of locationsWithinReach(locations, l.workplace, reachKm)) for (const p of locationPages(location.id)) out.add(p);
    out.add(paths.sitemap());
  }
  return [...out];
}

/** Every page of the site as the table holds it now (rebuild, and changes to regions or locations). */
export async function allPages(reads: SiteReads): Promise<string[]> {
  const { regions, locations } = await reads.directory();
  const listings = (await Promise.all(regions.map((r) => reads.allInRegion(r.id)))).flat();
  return [
    paths.languages(),
    paths.robots(),
    paths.sitemap(),
    paths.notFoundAll(),
    ASSETS.filter.path,
    ...ETHIOPIC_FONTS,
    ...Object.values(ICONS).map((i) => i.path),
    ...LOCALES.flatMap((l) => [paths.home(l), paths.manifest(l), paths.privacy(l), paths.about(l), paths.notFound(l)]),
    ...regions.flatMap((r) => regionPages(r.id)),
    ...locations.flatMap((l) => locationPages(l.id)),
    ...listings.flatMap((listing) => LOCALES.map((l) => paths.listing(l, listing.id))),
  ];
}

/** The pages one change touches. */
export async function pagesOf(change: Change, o: { reads: SiteReads; db: Db; reachKm: number }): Promise<string[]> {
  const { reads, reachKm } = o;
  switch (change.about) {
    case 'listing': {
      // A change that waits for the desk (a revision) leaves what residents see as it was.
      const [before, after] = change.images;
      if (before && after && sameForResidents(before, after)) return [];
      return listingPages(change.images, reads, reachKm);
    }
    case 'seats': {
      const l = await reads.listing(change.listingId);
      if (!l || !isVisible(l)) return [];
      return LOCALES.flatMap((locale) => [paths.listing(locale, l.id), paths.group(locale, l.regionId, 'visits'), paths.regionCalendar(l.regionId, locale)]);
    }
    case 'summary': {
      // A summary shows on the listing's own page, in its language (and the others offer it),
      // and its title in the lists the listing is on.
      const l = await reads.listing(change.listingId);
      return l ? listingPages([l], reads, reachKm) : [];
    }
    case 'directory':
      // Rare (an admin edits regions or locations), and names and distances show everywhere.
      return [
        ...(await allPages(reads)),
        ...change.images.flatMap((i) => (i.type === 'region' ? regionPages(i.id) : locationPages(i.id))),
      ];
    case 'organisation': {
      // Partners show on their regions' network pages; employers' names on their listings.
      const out = change.regionIds.flatMap((r) => LOCALES.map((l) => paths.partners(l, r)));
      let cursor: string | undefined;
      do {
        const page = await listingsOfOrganisation(o.db, change.id, { cursor, limit: 100 });
        for (const l of page.items) if (isVisible(l)) out.push(...(await listingPages([l], reads, reachKm)));
        cursor = page.cursor;
      } while (cursor);
      return out;
    }
    case 'nothing':
      return [];
  }
}

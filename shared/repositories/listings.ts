import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Listing, type ListingKind } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { keys, listingIndexKeys } from '../db/keys.js';
import { getAll, queryAll, queryPage, type Page } from '../db/query.js';
import { ConflictError } from '../errors.js';
import type { TransactItem } from './transact.js';

export function listingItem(l: Listing) {
  return { ...keys.listing(l.id), type: 'listing', ...listingIndexKeys(l), ...l };
}


/**
 * Writes a listing together with other items (its audit event) in one transaction.
 * `expectedVersion` undefined: the listing must be new. Otherwise the stored version must equal
 * it: the optimistic lock. A Put replaces the whole item, so stale sparse index keys go too.
 */
export async function writeListing(db: Db, l: Listing, expectedVersion: number | undefined, others: TransactItem[]) {
  const condition =
    expectedVersion === undefined
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [{ Put: { TableName: db.tableName, Item: listingItem(l), ...condition } }, ...others],
      }),
    );
  } catch (e) {
    if (e instanceof TransactionCanceledException && e.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      throw new ConflictError();
    }
    throw e;
  }
}

export async function getListing(db: Db, id: string, consistent = false): Promise<Listing | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.listing(id), ConsistentRead: consistent }));
  return out.Item ? Listing.parse(out.Item) : undefined;
}

/** Many listings by id, in the order asked; missing ones are left out. */
export async function getListings(db: Db, ids: string[], consistent = false): Promise<Listing[]> {
  const found = new Map((await getAll(db, [...new Set(ids)].map((id) => keys.listing(id)), Listing, consistent)).map((l) => [l.id, l]));
  return ids.map((id) => found.get(id)).filter((l): l is Listing => l !== undefined);
}

/** Published listings of a region, newest first; one kind or all. */
export function publishedInRegion(db: Db, regionId: string, o: { kind?: ListingKind; cursor?: string; limit?: number } = {}): Promise<Page<Listing>> {
  return o.kind
    ? queryPage(db, { index: 'gsi2', partition: keys.regionPublishedKind(regionId, o.kind), newestFirst: true, cursor: o.cursor, limit: o.limit }, Listing)
    : queryPage(db, { index: 'gsi1', partition: keys.regionPublished(regionId), newestFirst: true, cursor: o.cursor, limit: o.limit }, Listing);
}

/** Every published listing of a region (for rendering whole pages and feeds). */
export function allPublishedInRegion(db: Db, regionId: string): Promise<Listing[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.regionPublished(regionId), newestFirst: true }, Listing);
}

/** Published listings whose workplace lies in one geohash cell, newest first. */
export function publishedInCell(db: Db, cell: string, o: { cursor?: string; limit?: number } = {}): Promise<Page<Listing>> {
  return queryPage(db, { index: 'gsi6', partition: keys.geoCell(cell), newestFirst: true, ...o }, Listing);
}

/** An organisation's listings in every status, newest first. */
export function listingsOfOrganisation(db: Db, organisationId: string, o: { cursor?: string; limit?: number } = {}): Promise<Page<Listing>> {
  return queryPage(db, { index: 'gsi3', partition: keys.organisationListings(organisationId), newestFirst: true, ...o }, Listing);
}

/** A region's moderation queue: pending listings, oldest first. */
export function pendingInRegion(db: Db, regionId: string, o: { cursor?: string; limit?: number } = {}): Promise<Page<Listing>> {
  return queryPage(db, { index: 'gsi4', partition: keys.regionPending(regionId), ...o }, Listing);
}

/** Published company visits and events of a region starting at or after `from`, soonest first. */
export function upcomingVisitsInRegion(db: Db, regionId: string, from: string, o: { cursor?: string; limit?: number } = {}): Promise<Page<Listing>> {
  return queryPage(db, { index: 'gsi5', partition: keys.regionVisits(regionId), from, ...o }, Listing);
}

/**
 * A region's listings in every status whose id ends with `number` (a listing's number: the end of
 * its id). The Query reads the region's whole partition and the table keeps only ids containing
 * the number: a few hundred to a few thousand listings per region, for a desk's lookup now and
 * then (docs/data-model.md).
 */
export async function listingsOfRegionNumbered(db: Db, regionId: string, number: string): Promise<Listing[]> {
  const found = await queryAll(db, { index: 'gsi7', partition: keys.regionListings(regionId), containing: { attribute: 'id', text: number }, newestFirst: true }, Listing);
  return found.filter((l) => l.id.endsWith(number));
}

/** Every listing of a region in every status, created between two instants (reports). */
export function listingsOfRegionBetween(db: Db, regionId: string, from: string, to: string): Promise<Listing[]> {
  return queryAll(db, { index: 'gsi7', partition: keys.regionListings(regionId), from, to: `${to}\uffff` }, Listing);
}

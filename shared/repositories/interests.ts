import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { Interest, OutcomeFact, Person } from '../domain/interest.js';
import { StoredInterest } from '../domain/interest-legacy.js';
import type { Db } from '../db/client.js';
import { interestIndexKeys, keys, outcomeFactIndexKeys, personIndexKeys } from '../db/keys.js';
import { queryAll, queryPage, type Page } from '../db/query.js';

export function interestItem(i: Interest) {
  return { ...keys.interest(i.id), type: 'interest', ...interestIndexKeys(i), ...i };
}

export function outcomeFactItem(f: OutcomeFact) {
  return { ...keys.outcomeFact(f.interestId, f.status), type: 'outcome', ...outcomeFactIndexKeys(f), ...f };
}

export function personItem(p: Person, regionId: string) {
  return { ...keys.person(p.interestId), type: 'person', ...personIndexKeys(p, regionId), ...p };
}

/** A reference code's item: the code a resident reads out, pointing at the interest while its data lives. */
export function referenceItem(reference: string, interestId: string, expiresAt: number) {
  return { ...keys.reference(reference), type: 'reference', interestId, expiresAt };
}

const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);
/** TTL deletes late: a person past `expiresAt` is treated as gone on every read. */
const alive = (p: Person | undefined, now: Date) => (p && p.expiresAt > nowSeconds(now) ? p : undefined);

export async function getInterest(db: Db, id: string): Promise<Interest | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.interest(id), ConsistentRead: true }));
  return out.Item ? StoredInterest.parse(out.Item) : undefined;
}

export async function getPerson(db: Db, interestId: string, now: Date): Promise<Person | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.person(interestId) }));
  return alive(out.Item ? Person.parse(out.Item) : undefined, now);
}

/** The people behind several interests, by interest id; expired ones are left out. */
export async function getPeople(db: Db, interestIds: string[], now: Date): Promise<Map<string, Person>> {
  const people = new Map<string, Person>();
  const unique = [...new Set(interestIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [db.tableName]: { Keys: unique.slice(i, i + 100).map((id) => keys.person(id)) },
    };
    while (request && Object.keys(request).length > 0) {
      const out = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of out.Responses?.[db.tableName] ?? []) {
        const p = alive(Person.parse(item), now);
        if (p) people.set(p.interestId, p);
      }
      request = out.UnprocessedKeys as typeof request;
    }
  }
  return people;
}

const ReferenceItem = z.object({ interestId: z.string(), expiresAt: z.number() });

/** The interest a resident's reference code stands for, while its person data lives. */
export async function interestIdByReference(db: Db, code: string, now: Date): Promise<string | undefined> {
  const normal = code.trim().toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (normal.length !== 8) return undefined;
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.reference(`${normal.slice(0, 4)}-${normal.slice(4)}`) }));
  if (!out.Item) return undefined;
  const ref = ReferenceItem.parse(out.Item);
  return ref.expiresAt > nowSeconds(now) ? ref.interestId : undefined;
}

/** A region's interests, newest first, optionally by listing, location or status. */
export function interestsOfRegion(
  db: Db,
  regionId: string,
  o: { locationId?: string; status?: string; cursor?: string; limit?: number } = {},
): Promise<Page<Interest>> {
  const where: Record<string, string> = {};
  if (o.locationId) where.locationId = o.locationId;
  if (o.status) where.status = o.status;
  return queryPage(db, { index: 'gsi1', partition: keys.regionInterests(regionId), newestFirst: true, where, cursor: o.cursor, limit: o.limit }, StoredInterest);
}

export function interestsOfListing(db: Db, listingId: string, o: { status?: string; cursor?: string; limit?: number } = {}): Promise<Page<Interest>> {
  return queryPage(
    db,
    { index: 'gsi2', partition: keys.listingInterests(listingId), newestFirst: true, where: o.status ? { status: o.status } : undefined, cursor: o.cursor, limit: o.limit },
    StoredInterest,
  );
}

/** Every reaction to one listing (the employer's dashboard counts them; a listing has at most a few hundred). */
export function interestsOfListingAll(db: Db, listingId: string): Promise<Interest[]> {
  return queryAll(db, { index: 'gsi2', partition: keys.listingInterests(listingId) }, StoredInterest);
}

/** A region's interests made between two instants (reports). */
export function interestsOfRegionBetween(db: Db, regionId: string, from: string, to: string): Promise<Interest[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.regionInterests(regionId), from, to: `${to}\uffff` }, StoredInterest);
}

/** A region's outcome facts that happened on Dutch days `from` to `to` (inclusive; reports). */
export function outcomesOfRegionBetween(db: Db, regionId: string, from: string, to: string): Promise<OutcomeFact[]> {
  return queryAll(db, { index: 'gsi7', partition: keys.regionOutcomes(regionId), from, to: `${to}\uffff` }, OutcomeFact);
}

/** A region's TWV applications without a decision, applied for on or before `day`, oldest first. */
export function twvWaitingSince(db: Db, regionId: string, day: string): Promise<Interest[]> {
  return queryAll(db, { index: 'gsi4', partition: keys.regionTwvWaiting(regionId), to: `${day}\uffff` }, StoredInterest);
}

/** Residents introduced to an organisation for one listing, oldest introduction first. */
export function introducedForListing(db: Db, organisationId: string, listingId: string): Promise<Interest[]> {
  return queryAll(db, { index: 'gsi3', partition: keys.organisationIntroduced(organisationId), beginsWith: `${listingId}#` }, StoredInterest);
}

/** The waiting list of a visit, first come first. */
export function waitingList(db: Db, listingId: string): Promise<Interest[]> {
  return queryAll(db, { index: 'gsi5', partition: keys.visitWaiting(listingId) }, StoredInterest);
}

const Due = z.object({ interestId: z.string(), expiresAt: z.number() });
/** People in a region whose retention ended at or before `now`. */
export function peopleDueForDeletion(db: Db, regionId: string, now: Date) {
  return queryAll(db, { index: 'gsi4', partition: keys.regionRetention(regionId), to: `${String(nowSeconds(now)).padStart(12, '0')}\uffff` }, Due);
}

/** Every living person of a region (its retention index, from now on): the desk's search for a lost reference code. */
export function livingPeopleOfRegion(db: Db, regionId: string, now: Date): Promise<Person[]> {
  return queryAll(db, { index: 'gsi4', partition: keys.regionRetention(regionId), from: String(nowSeconds(now) + 1).padStart(12, '0') }, Person);
}

const Seats = z.object({ taken: z.number().int().default(0) });
export async function seatsTaken(db: Db, listingId: string): Promise<number> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.visitSeats(listingId), ConsistentRead: true }));
  return out.Item ? Seats.parse(out.Item).taken : 0;
}

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dutchDay } from '../domain/dutch-time.js';
import { Interest, OutcomeFact, OutcomeStatus, StopReason, type Exit, type Person, type RecordedBy, type Stage } from '../domain/interest.js';
import { climb } from '../domain/ladder.js';
import type { Db } from '../db/client.js';
import { DomainError, NotFoundError, ValidationError, parseInput } from '../errors.js';
import { auditPut } from '../repositories/audit.js';
import { getInterest, getPeople, getPerson, interestItem, outcomeFactItem, interestsOfListing, interestsOfRegion, introducedForListing, personItem } from '../repositories/interests.js';
import { getListing } from '../repositories/listings.js';
import { actorName, deskMaySee, isAdmin, isDeskOf, isEmployerOf, require, visibleLocations, type Actor } from './actor.js';
import { tryTransact } from '../repositories/transact.js';
import { ConflictError } from '../errors.js';
import { membershipsOfOrganisation } from '../repositories/users.js';
import { portalLink, type ServiceContext, sendNotices } from './context.js';
import { cancelSeat, type Cancellation } from './interests.js';

/** The desk's inbox, warm introductions, and the outcomes desks and employers record. */

export interface InterestWithPerson {
  interest: Interest;
  /** Absent once the person's data was deleted (retention or request). */
  person?: Person;
}

/** Every view of resident data leaves an audit event (who saw whom, when). */
async function auditViews(db: Db, actor: Actor, interestIds: string[], now: Date) {
  const events = interestIds.map((id) => auditPut(db, { at: now.toISOString(), actor: actorName(actor), action: 'interest.viewed', subject: { type: 'interest', id } }).Put);
  for (let i = 0; i < events.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [db.tableName]: events.slice(i, i + 25).map((e) => ({ PutRequest: { Item: e.Item } })),
    };
    while (request && Object.keys(request).length > 0) {
      const out = await db.doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = out.UnprocessedItems as typeof request;
    }
  }
}

async function withPeople(db: Db, actor: Actor, interests: Interest[], now: Date): Promise<InterestWithPerson[]> {
  const people = await getPeople(db, interests.map((i) => i.id), now);
  await auditViews(db, actor, [...people.keys()], now);
  return interests.map((interest) => ({ interest, person: people.get(interest.id) }));
}

export const InboxFilter = z.object({
  listingId: z.string().optional(),
  locationId: z.string().optional(),
  status: z.string().optional(),
  cursor: z.string().optional(),
});

/** Interests on a region's listings, newest first, filterable by listing, location and status. */
export async function deskInbox(db: Db, actor: Actor, regionId: string, filter: z.infer<typeof InboxFilter>, now: Date) {
  require(isDeskOf(actor, regionId));
  const scope = visibleLocations(actor, regionId);
  if (filter.locationId && scope !== 'all' && !scope.includes(filter.locationId)) require(false);
  let page;
  if (filter.listingId) {
    const listing = await getListing(db, filter.listingId);
    if (!listing || listing.regionId !== regionId) throw new NotFoundError();
    page = await interestsOfListing(db, filter.listingId, { status: filter.status, cursor: filter.cursor });
  } else {
    page = await interestsOfRegion(db, regionId, { locationId: filter.locationId, status: filter.status, cursor: filter.cursor });
  }
  // A listing's interests are queried by listing; the location filter then applies here.
  const items = page.items.filter((i) => (scope === 'all' || scope.includes(i.locationId)) && (!filter.locationId || i.locationId === filter.locationId));
  return { items: await withPeople(db, actor, items, now), cursor: page.cursor };
}

/** One interest with its person, for the desk of its region. */
export async function interestForDesk(db: Db, actor: Actor, interestId: string, now: Date): Promise<InterestWithPerson> {
  const interest = await getInterest(db, interestId);
  if (!interest) throw new NotFoundError();
  require(deskMaySee(actor, interest));
  const [withPerson] = await withPeople(db, actor, [interest], now);
  return withPerson!;
}

/** The desk introduces a resident to the employer, with a note. Only then may the employer see them. */
export async function introduce(db: Db, actor: Actor, interestId: string, expectedVersion: number, note: string, now: Date): Promise<Interest> {
  const current = await getInterest(db, interestId);
  if (!current) throw new NotFoundError();
  require(deskMaySee(actor, current));
  const { note: text } = parseInput(z.object({ note: z.string().trim().min(1).max(1000) }), { note });
  const person = await getPerson(db, interestId, now);
  if (!person) throw new DomainError('error.reference_unknown', 404);
  // Someone else acted since the page was opened: say so, rather than what they did.
  if (current.version !== expectedVersion) throw new ConflictError();
  if (current.status !== 'new') throw new ConflictError('error.invalid_transition', { status: current.status });
  // The resident withdrew (by reference code) since the page was opened.
  if (current.withdrawnAt) throw new ConflictError();
  const at = now.toISOString();
  const on = dutchDay(now);
  const next = Interest.parse({
    ...current,
    status: 'introduced',
    introducedAt: at,
    stages: { introduced: on },
    outcomes: [...current.outcomes, { status: 'introduced', on, by: recordedBy(actor, current), at }],
    version: expectedVersion + 1,
    updatedAt: at,
  });
  const attempt = await tryTransact(db, [
    { Put: { TableName: db.tableName, Item: interestItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
    ...outcomeFactPuts(db, next, ['introduced']),
    { Put: { TableName: db.tableName, Item: personItem({ ...person, introductionNote: text }, current.regionId), ConditionExpression: 'attribute_exists(pk)' } },
    auditPut(db, { at, actor: actorName(actor), action: 'interest.introduced', subject: { type: 'interest', id: interestId }, detail: { listingId: current.listingId } }),
  ]);
  if (!attempt.ok) throw new ConflictError();
  return next;
}

/**
 * `introduce`, then an e-mail to the employer's members with a link to the residents introduced
 * for the listing. The mail names no resident: the portal shows them, behind sign-in. `mailed`:
 * how many members the mail went to (none when the organisation has no members or sending failed).
 */
export async function introduceToEmployer(ctx: ServiceContext, actor: Actor, interestId: string, expectedVersion: number, note: string): Promise<{ interest: Interest; mailed: number }> {
  const interest = await introduce(ctx.db, actor, interestId, expectedVersion, note, ctx.clock.now());
  const listing = await getListing(ctx.db, interest.listingId);
  const members = await membershipsOfOrganisation(ctx.db, interest.organisationId);
  const params = { title: listing?.title ?? '', link: portalLink(ctx, `/portal/listings/${interest.listingId}/introductions`) };
  const mailed = await sendNotices(ctx, members.map((m) => m.email), 'portal.mail.introduced.subject', 'portal.mail.introduced.body', params);
  return { interest, mailed };
}

/** A desk cancels a resident's seat on a visit: the first on the waiting list moves up, or it is freed. */
export async function cancelSeatForDesk(db: Db, actor: Actor, interestId: string, now: Date): Promise<Cancellation> {
  const interest = await getInterest(db, interestId);
  if (!interest) throw new NotFoundError();
  require(deskMaySee(actor, interest));
  return cancelSeat(db, interestId, now, actorName(actor));
}

/** Residents the desk introduced to this employer for this listing: name, contact, note. */
export async function introductionsForEmployer(db: Db, actor: Actor, listingId: string, now: Date): Promise<InterestWithPerson[]> {
  const listing = await getListing(db, listingId);
  if (!listing) throw new NotFoundError();
  require(isEmployerOf(actor, listing.organisationId) || isAdmin(actor));
  const introduced = await introducedForListing(db, listing.organisationId, listingId);
  return (await withPeople(db, actor, introduced, now)).filter((i) => i.person);
}

/** The form: a step, its day, and for "stopped" a reason code (never free text). */
export const OutcomeInput = z
  .object({ status: OutcomeStatus, on: z.iso.date(), reason: z.preprocess((v) => (v === '' ? undefined : v), StopReason.optional()) })
  .superRefine((o, ctx) => {
    if (o.status === 'stopped' && !o.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required' });
  });

/** Who recorded an outcome, as a role: outcomes keep no staff e-mail address (the audit log does). */
export function recordedBy(who: Actor, i: Pick<Interest, 'organisationId' | 'regionId' | 'locationId'>): RecordedBy {
  if (who.kind !== 'person') return 'system';
  if (deskMaySee(who, i) && !isAdmin(who)) return 'desk';
  if (isEmployerOf(who, i.organisationId)) return 'employer';
  return isAdmin(who) ? 'admin' : 'desk';
}

/** The outcome facts of `statuses` just reached on `i`, for the report (one item each, replacing any earlier one). */
export function outcomeFacts(i: Interest, statuses: (Stage | Exit)[]): OutcomeFact[] {
  return statuses.map((status) =>
    OutcomeFact.parse({
      interestId: i.id,
      regionId: i.regionId,
      locationId: i.locationId,
      kind: i.kind,
      sector: i.sector,
      permit: i.permit,
      residentKeys: i.residentKeys,
      status,
      on: i.exit?.status === status ? i.exit.on : i.stages[status as Stage],
      reason: i.exit?.status === status ? i.exit.reason : undefined,
      interestOn: dutchDay(i.createdAt),
      introducedOn: i.stages.introduced,
      twvAppliedOn: i.stages['twv-applied'],
    }),
  );
}

const outcomeFactPuts = (db: Db, i: Interest, statuses: (Stage | Exit)[]) => outcomeFacts(i, statuses).map((f) => ({ Put: { TableName: db.tableName, Item: outcomeFactItem(f) } }));

/**
 * The desk of the region, or the employer the resident was introduced to, records a step on the
 * ladder or an exit (docs/outcomes.md): the day is checked (not in the future, not before the
 * previous step), a stage implies the ones before it, and each stage reached is kept as a fact
 * for the report, in the same transaction.
 */
export async function recordOutcome(db: Db, actor: Actor, interestId: string, expectedVersion: number, input: unknown, now: Date): Promise<Interest> {
  const current = await getInterest(db, interestId);
  if (!current) throw new NotFoundError();
  const employer = isEmployerOf(actor, current.organisationId);
  require(deskMaySee(actor, current) || employer);
  if (employer && (!current.introducedAt || current.personDeletedAt)) throw new NotFoundError();
  const o = parseInput(OutcomeInput, input);
  if (!current.introducedAt) throw new ValidationError([{ field: 'status', key: 'error.not_introduced' }]);
  if (current.version !== expectedVersion) throw new ConflictError();
  const step = climb(current, { status: o.status, on: o.on, reason: o.reason }, { today: dutchDay(now), interestOn: dutchDay(current.createdAt) });
  if (step.errors.length > 0 || !('stages' in step)) throw new ValidationError(step.errors);
  const at = now.toISOString();
  const next = Interest.parse({
    ...current,
    status: step.status,
    stages: step.stages,
    exit: step.exit,
    outcomes: [...current.outcomes, { status: o.status, on: o.on, reason: step.exit?.reason, implied: step.implied.length ? step.implied : undefined, by: recordedBy(actor, current), at }],
    version: expectedVersion + 1,
    updatedAt: at,
  });
  const attempt = await tryTransact(db, [
    { Put: { TableName: db.tableName, Item: interestItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
    ...outcomeFactPuts(db, next, [o.status, ...step.implied]),
    auditPut(db, { at, actor: actorName(actor), action: 'interest.outcome', subject: { type: 'interest', id: interestId }, detail: { status: o.status, on: o.on } }),
  ]);
  if (!attempt.ok) throw new ConflictError();
  return next;
}

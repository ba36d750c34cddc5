import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ulid } from 'ulid';
import { DEV_RESIDENT_KEY_SECRET, type Config } from '../config/index.js';
import { Interest, InterestInput, Person, permitGroupOf } from '../domain/interest.js';
import { SCHEDULED_KINDS, type Listing, type ListingKind } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { isVisible, keys } from '../db/keys.js';
import { DomainError, ValidationError, parseInput } from '../errors.js';
import { auditPut } from '../repositories/audit.js';
import { getLocation } from '../repositories/directory.js';
import { getInterest, getPeople, getPerson, interestIdByReference, interestItem, interestsOfListing, personItem, referenceItem, waitingList } from '../repositories/interests.js';
import { hitRateLimit } from '../repositories/sessions.js';
import { deskStaffOfRegion } from '../repositories/users.js';
import { loadCatalogue, t, type Locale } from '../i18n/index.js';
import { formatDateTime } from '../i18n/format.js';
import { summaryIn } from '../domain/summary.js';
import { summariesOfListing } from '../repositories/summaries.js';
import { portalLink, type ServiceContext, sendAfterCommit, sendNotices } from './context.js';
import { hashSecret } from './login-link.js';
import { getListing } from '../repositories/listings.js';
import { getOrganisation } from '../repositories/organisations.js';
import { residentKeys } from './resident-key.js';
import { retrying, transact, tryTransact, type TransactItem } from '../repositories/transact.js';

/** Residents react: "I'm interested", and seats on company visits and events. */

export type Retention = Pick<Config, 'RETENTION_DAYS_AFTER_CLOSE' | 'RETENTION_DAYS_WITH_CONSENT'>;
/** What a reaction needs from the configuration: retention, and the key of the resident keys (the local default when absent). */
export type ReactionConfig = Retention & Partial<Pick<Config, 'RESIDENT_KEY_SECRET'>>;

/**
 * The retention periods as the form and the privacy notice say them, from the one
 * configuration: `{days}` after the listing closes, `{months}` with consent.
 */
export const retentionParams = (r: Retention) => ({ days: r.RETENTION_DAYS_AFTER_CLOSE, months: Math.round(r.RETENTION_DAYS_WITH_CONSENT / 30.44) });

const DAY = 86_400_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 40 random bits as 8 characters people can read out and type: `K7QM-3XP2`. */
export function newReference(): string {
  const bits = randomBytes(5).reduce((n, byte) => n * 256n + BigInt(byte), 0n);
  let code = '';
  for (let i = 7; i >= 0; i--) code += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * When a resident's details must go (docs/domain.md, "Privacy"): 4 weeks (configurable) after the listing's
 * procedure ends, or 12 months with consent. A listing without a closing date is taken to run
 * 90 days from the interest.
 */
export function retentionEnd(listing: Listing, keepLonger: boolean, now: Date, r: Retention): number {
  const procedureEnd = listing.closingDate
    ? new Date(`${listing.closingDate}T23:59:59Z`)
    : listing.endsAt
      ? new Date(listing.endsAt)
      : new Date(now.getTime() + 90 * DAY);
  const afterClose = procedureEnd.getTime() + r.RETENTION_DAYS_AFTER_CLOSE * DAY;
  const withConsent = now.getTime() + r.RETENTION_DAYS_WITH_CONSENT * DAY;
  return Math.floor((keepLonger ? Math.max(afterClose, withConsent) : afterClose) / 1000);
}

/**
 * A listing closed before its planned end: its procedure ended today, so its residents' details
 * go RETENTION_DAYS_AFTER_CLOSE from today (with consent: not before the consent period), not
 * from the planned closing date. Only ever shortens. Returns how many people it shortened.
 */
export async function endProcedureEarly(db: Db, listing: Listing, endedAt: Date, r: Retention): Promise<number> {
  const ended = { ...listing, closingDate: endedAt.toISOString().slice(0, 10), endsAt: undefined };
  let shortened = 0;
  let cursor: string | undefined;
  do {
    const page = await interestsOfListing(db, listing.id, { cursor, limit: 100 });
    const people = await getPeople(db, page.items.map((i) => i.id), endedAt);
    for (const interest of page.items) {
      const person = people.get(interest.id);
      if (!person) continue;
      const expiresAt = retentionEnd(ended, person.keepLonger, new Date(interest.createdAt), r);
      if (expiresAt >= person.expiresAt) continue;
      await transact(db, [
        { Put: { TableName: db.tableName, Item: personItem({ ...person, expiresAt }, listing.regionId), ConditionExpression: 'expiresAt = :was', ExpressionAttributeValues: { ':was': person.expiresAt } } },
        { Put: { TableName: db.tableName, Item: referenceItem(person.reference, interest.id, expiresAt) } },
      ]);
      shortened++;
    }
    cursor = page.cursor;
  } while (cursor);
  return shortened;
}

/** Work that needs a TWV for an asylum seeker, which UWV grants only from 18 (internships may be the exception a course needs). */
const TWV_ADULT_KINDS: readonly ListingKind[] = ['job', 'workplace-learning', 'apprenticeship'];

export interface InterestReceipt {
  interest: Interest;
  reference: string;
  /** For visits and events on the waiting list: the place in the queue, 1 = next. */
  waitingPosition?: number;
}

export async function expressInterest(db: Db, input: unknown, now: Date, retention: ReactionConfig): Promise<InterestReceipt> {
  const v = parseInput(InterestInput, input);
  // Both reads at once: one round trip less for the resident to wait for (docs/scale.md, "Cold starts").
  const [listing, location] = await Promise.all([getListing(db, v.listingId, true), getLocation(db, v.locationId)]);
  const today = now.toISOString().slice(0, 10);
  if (!listing || !isVisible(listing) || (listing.closingDate !== undefined && listing.closingDate < today) || (listing.startsAt && listing.startsAt < now.toISOString())) {
    throw new DomainError('error.listing_closed', 409);
  }
  if (!location) throw new ValidationError([{ field: 'locationId', key: 'error.invalid_choice' }]);
  if (v.age !== '18-plus' && (v.eligibility === 'asylum-6-months' || v.eligibility === 'asylum-under-6-months') && TWV_ADULT_KINDS.includes(listing.kind)) {
    throw new ValidationError([{ field: 'age', key: 'error.twv_adult' }]);
  }
  const organisation = await getOrganisation(db, listing.organisationId);
  const scheduled = SCHEDULED_KINDS.includes(listing.kind);
  const at = now.toISOString();
  const id = ulid(now.getTime());
  const expiresAt = retentionEnd(listing, v.keepLonger, now, retention);

  // A visit: first try for a seat; when full, draw a waiting-list ticket, then store the
  // sign-up with it. A seat that comes free in between sends the resident back to try for it.
  let seat: 'confirmed' | 'waiting' | undefined = scheduled ? 'confirmed' : undefined;
  let ticket: { number: number; position: number } | undefined;
  const receipt = await retrying<{ interest: Interest; reference: string }>(async () => {
    if (seat === 'waiting' && !ticket) {
      ticket = await drawWaitingTicket(db, listing);
      if (!ticket) {
        seat = 'confirmed';
        return { done: false, backoff: false };
      }
    }
    const reference = newReference();
    const interest = Interest.parse({
      id,
      listingId: listing.id,
      organisationId: listing.organisationId,
      regionId: listing.regionId,
      locationId: v.locationId,
      kind: listing.kind,
      sector: organisation?.sector,
      status: 'new',
      permit: permitGroupOf(v.eligibility),
      residentKeys: residentKeys(retention.RESIDENT_KEY_SECRET ?? DEV_RESIDENT_KEY_SECRET, v),
      seat,
      waitingTicket: seat === 'waiting' ? ticket?.number : undefined,
      createdAt: at,
      updatedAt: at,
      version: 1,
    });
    const person = Person.parse({
      interestId: id,
      reference,
      name: v.name,
      phone: v.phone,
      email: v.email,
      eligibility: v.eligibility,
      age: v.age,
      guardianConsent: v.age === 'under-16' ? v.guardianConsent : undefined,
      dutchLevel: v.dutchLevel,
      languages: v.languages,
      message: v.message,
      keepLonger: v.keepLonger,
      locale: v.locale,
      expiresAt,
    });
    const items: TransactItem[] = [
      { Put: { TableName: db.tableName, Item: referenceItem(reference, id, expiresAt), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: db.tableName, Item: interestItem(interest), ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: db.tableName, Item: personItem(person, listing.regionId) } },
      auditPut(db, { at, actor: 'resident', action: scheduled ? `interest.signup.${seat}` : 'interest.created', subject: { type: 'interest', id }, detail: { listingId: listing.id } }),
    ];
    if (seat === 'confirmed') {
      // The seat and the sign-up in one transaction: never overbooked.
      items.push({
        Update: {
          TableName: db.tableName,
          Key: keys.visitSeats(listing.id),
          UpdateExpression: 'SET taken = if_not_exists(taken, :zero) + :one',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :capacity',
          ExpressionAttributeValues: { ':capacity': listing.seats ?? 0, ':zero': 0, ':one': 1 },
        },
      });
    }
    const attempt = await tryTransact(db, items);
    if (attempt.ok) return { done: true, value: { interest, reference } };
    if (attempt.failedAt.includes(4)) {
      seat = 'waiting';
      return { done: false, backoff: false };
    }
    // A reference code already in use (1 in a trillion) or a conflict: try again (a waiting
    // sign-up keeps its ticket).
    return { done: false, backoff: attempt.conflict };
  });

  if (receipt.interest.seat !== 'waiting' || !ticket) return receipt;
  return { ...receipt, waitingPosition: ticket.position };
}

const SeatCounters = z.object({ taken: z.number().int().default(0), queued: z.number().int().default(0), dequeued: z.number().int().default(0) });

async function seatCounters(db: Db, listingId: string) {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.visitSeats(listingId), ConsistentRead: true }));
  return SeatCounters.parse(out.Item ?? {});
}

/**
 * Hands out the next waiting-list ticket of a full visit, in one atomic update of its SEATS
 * item: simultaneous sign-ups each get their own number, and the place in the queue told to
 * the resident (`queued − dequeued` after this one joined) is unique and without gaps.
 * Undefined when a seat is free after all.
 */
async function drawWaitingTicket(db: Db, listing: Listing): Promise<{ number: number; position: number } | undefined> {
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.visitSeats(listing.id),
        UpdateExpression: 'SET queued = if_not_exists(queued, :zero) + :one',
        ConditionExpression: 'taken >= :capacity',
        ExpressionAttributeValues: { ':capacity': listing.seats ?? 0, ':zero': 0, ':one': 1 },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const c = SeatCounters.parse(out.Attributes ?? {});
    return { number: c.queued, position: c.queued - c.dequeued };
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return undefined;
    throw e;
  }
}

export interface Cancellation {
  interest: Interest;
  /** False when it was cancelled already: nothing changed, nobody needs telling. */
  changed: boolean;
  listingId: string;
  /** The resident who moved up from the waiting list into the freed seat, if any. */
  promoted?: Interest;
}

/** A resident cancels a sign-up by reference code; the seat goes to the first on the waiting list. */
export async function cancelSignUp(db: Db, reference: string, now: Date): Promise<Cancellation> {
  const id = await interestIdByReference(db, reference, now);
  if (!id) throw new DomainError('error.reference_unknown', 404);
  return cancelSeat(db, id, now, 'resident');
}

/**
 * What a resident's reference code did: a visit's seat or waiting place cancelled, an interest
 * withdrawn, or nothing because that had happened already (and then nobody is told it did).
 */
export type Withdrawal =
  | { done: 'cancelled'; cancellation: Cancellation }
  | { done: 'withdrawn'; interest: Interest }
  | { done: 'already'; interest: Interest };

/**
 * "I no longer want this", by reference code: a visit sign-up gives up its seat (or waiting
 * place); any other interest is marked withdrawn, which the desk sees in its inbox, and the
 * employer no longer sees the resident. An empty code is a field error; an unknown one a 404.
 */
export async function withdrawByReference(db: Db, reference: string, now: Date): Promise<Withdrawal> {
  if (reference.trim() === '') throw new ValidationError([{ field: 'reference', key: 'error.required' }]);
  const id = await interestIdByReference(db, reference, now);
  if (!id) throw new DomainError('error.reference_unknown', 404);
  const found = await getInterest(db, id);
  if (!found) throw new DomainError('error.reference_unknown', 404);
  if (found.seat) {
    const cancellation = await cancelSeat(db, id, now, 'resident');
    return cancellation.changed ? { done: 'cancelled', cancellation } : { done: 'already', interest: cancellation.interest };
  }
  const at = now.toISOString();
  return retrying<Withdrawal>(async () => {
    const current = await getInterest(db, id);
    if (!current) throw new DomainError('error.reference_unknown', 404);
    if (current.withdrawnAt) return { done: true, value: { done: 'already', interest: current } };
    const withdrawn = Interest.parse({ ...current, withdrawnAt: at, version: current.version + 1, updatedAt: at });
    const attempt = await tryTransact(db, [
      { Put: { TableName: db.tableName, Item: interestItem(withdrawn), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } } },
      auditPut(db, { at, actor: 'resident', action: 'interest.withdrawn', subject: { type: 'interest', id } }),
    ]);
    return attempt.ok ? { done: true, value: { done: 'withdrawn', interest: withdrawn } } : { done: false, backoff: true };
  });
}

/** Tries before a waiting-list ticket without a stored sign-up counts as abandoned (several seconds of backoff). */
const ORPHAN_TICKET_ATTEMPTS = 12;

export async function cancelSeat(db: Db, interestId: string, now: Date, actor: string): Promise<Cancellation> {
  const at = now.toISOString();
  return retrying<Cancellation>(async (round) => {
    const current = await getInterest(db, interestId);
    if (!current) throw new DomainError('error.reference_unknown', 404);
    if (current.seat !== 'confirmed' && current.seat !== 'waiting') return { done: true, value: { interest: current, changed: false, listingId: current.listingId } };
    const cancelled = Interest.parse({ ...current, seat: 'cancelled', version: current.version + 1, updatedAt: at });
    const items: TransactItem[] = [
      { Put: { TableName: db.tableName, Item: interestItem(cancelled), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': current.version } } },
      auditPut(db, { at, actor: actor as 'resident', action: 'interest.signup.cancelled', subject: { type: 'interest', id: interestId } }),
    ];
    const seats = { TableName: db.tableName, Key: keys.visitSeats(current.listingId) };
    /** One person left the waiting list (moved up or cancelled): the places behind move up. */
    const leaveQueue: TransactItem = {
      Update: { ...seats, UpdateExpression: 'SET dequeued = if_not_exists(dequeued, :zero) + :one', ConditionExpression: 'queued > dequeued OR (attribute_exists(queued) AND attribute_not_exists(dequeued))', ExpressionAttributeValues: { ':zero': 0, ':one': 1 } },
    };
    let promoted: Interest | undefined;
    // (Sign-ups from before waiting-list tickets are not on the counters.)
    if (current.seat === 'waiting') {
      if (current.waitingTicket) items.push(leaveQueue);
    } else {
      const next = (await waitingList(db, current.listingId))[0];
      if (next) {
        promoted = Interest.parse({ ...next, seat: 'confirmed', waitingTicket: undefined, version: next.version + 1, updatedAt: at });
        items.push(
          { Put: { TableName: db.tableName, Item: interestItem(promoted), ConditionExpression: 'version = :v AND seat = :waiting', ExpressionAttributeValues: { ':v': next.version, ':waiting': 'waiting' } } },
          auditPut(db, { at, actor: 'system', action: 'interest.signup.promoted', subject: { type: 'interest', id: next.id } }),
          ...(next.waitingTicket ? [leaveQueue] : []),
        );
      } else {
        // Nobody waits: the seat comes free. Only when the counters agree that nobody waits, so
        // a ticket drawn a moment ago whose sign-up is not yet stored gets this seat on a retry.
        // A ticket still unused after several tries belongs to a sign-up that never finished
        // (its process died): it is written off, so cancelling never blocks for good.
        const writeOff = round >= ORPHAN_TICKET_ATTEMPTS ? await seatCounters(db, current.listingId) : undefined;
        items.push({
          Update: {
            ...seats,
            ...(writeOff
              ? {
                  UpdateExpression: 'SET taken = taken - :one, dequeued = :queued',
                  ConditionExpression: 'taken > :zero AND queued = :queued',
                  ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':queued': writeOff.queued },
                }
              : {
                  UpdateExpression: 'SET taken = taken - :one',
                  ConditionExpression: 'taken > :zero AND (attribute_not_exists(queued) OR queued = dequeued)',
                  ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
                }),
          },
        });
      }
    }
    const attempt = await tryTransact(db, items);
    return attempt.ok ? { done: true, value: { interest: cancelled, changed: true, listingId: current.listingId, promoted } } : { done: false, backoff: true };
  });
}

/** Residents' forms from one client: at most this many in ten minutes (a family may share a phone). */
const INTEREST_LIMIT = { windowSeconds: 600, max: 20 };

export function withinInterestLimit(db: Db, client: string, now: Date): Promise<boolean> {
  return hitRateLimit(db, { scope: 'interest-client', subjectHash: hashSecret(client), nowSeconds: Math.floor(now.getTime() / 1000), ...INTEREST_LIMIT });
}

/**
 * After a cancellation: a resident who moved up from the waiting list and gave an e-mail
 * address is told in their language; the region's desk staff are told that a seat came free and
 * who moved up (by reference only), asked to call that resident when there was no address.
 */
export async function tellDeskSeatFreed(ctx: ServiceContext, c: Cancellation) {
  const listing = await getListing(ctx.db, c.listingId);
  if (!listing) return;
  const staff = await deskStaffOfRegion(ctx.db, listing.regionId);
  const promotedPerson = c.promoted ? await getPerson(ctx.db, c.promoted.id, ctx.clock.now()) : undefined;
  // Date and time in Dutch time, written the reader's way (the stored instant may be in UTC).
  const when = (locale: Locale) => (listing.startsAt ? formatDateTime(locale, listing.startsAt) : '');
  const mailed = !!promotedPerson?.email;
  if (promotedPerson?.email) {
    const locale = promotedPerson.locale ?? 'nl';
    // The functions that bundle the catalogues lazily may not have this resident's language yet.
    await loadCatalogue(locale);
    // The title the resident read: the summary in their language where a person wrote one for the text as it is.
    const summary = listing.language === locale ? undefined : summaryIn(locale, listing, await summariesOfListing(ctx.db, listing.id));
    const title = summary?.title ?? listing.title;
    await sendAfterCommit(ctx, [
      {
        to: promotedPerson.email,
        subject: t(locale, 'mail.seatPromoted.subject', { title }),
        text: t(locale, 'mail.seatPromoted.body', { title, when: when(locale), reference: promotedPerson.reference, link: portalLink(ctx, `/portal/cancel?locale=${locale}`) }),
      },
    ]);
  }
  const params = (locale: 'nl' | 'en') => ({
    title: listing.title,
    when: when(locale),
    link: portalLink(ctx, `/portal/desk/${listing.regionId}/interests?listingId=${listing.id}`),
    promoted: c.promoted
      ? t(locale, mailed ? 'portal.mail.seatFreed.promotedMailed' : 'portal.mail.seatFreed.promotedCall', { reference: promotedPerson?.reference ?? '—' })
      : t(locale, 'portal.mail.seatFreed.open'),
  });
  await sendNotices(ctx, staff.map((m) => m.email), 'portal.mail.seatFreed.subject', 'portal.mail.seatFreed.body', params);
}

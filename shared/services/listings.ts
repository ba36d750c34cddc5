import { ulid } from 'ulid';
import { Id } from '../domain/common.js';
import { Listing, listingInput, type ListingRulesContext, type ListingStatus } from '../domain/listing.js';
import { postsInRegion } from '../domain/organisation.js';
import type { Db } from '../db/client.js';
import { ConflictError, NotFoundError, ValidationError, parseInput } from '../errors.js';
import { auditPut } from '../repositories/audit.js';
import { getListing, writeListing } from '../repositories/listings.js';
import { getOrganisation } from '../repositories/organisations.js';
import { actorName, isDeskOf, isEmployerOf, mayActForListing, require, type Actor } from './actor.js';
import { endProcedureEarly, type Retention } from './interests.js';

/**
 * Listing use cases. Every change checks who acts, checks the stored version (optimistic
 * lock), and writes its audit event in the same transaction.
 */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

/** Deployment settings of the listing rules (config LISTING_HORIZON_MONTHS), passed by callers. */
export type RulesOptions = Pick<ListingRulesContext, 'horizonMonths' | 'wageTable'>;

/** The organisation named by an input, when its id is well-formed and it exists. */
async function organisationOf(db: Db, input: unknown) {
  const id = (input as { organisationId?: unknown } | null)?.organisationId;
  return typeof id === 'string' && Id.safeParse(id).success ? getOrganisation(db, id) : undefined;
}

/**
 * Checks a stored listing against today's rules before it goes to the desk or onto the site
 * (submit, approve): a draft saved before a rule existed, or whose dates have passed since, is
 * refused with the same messages as the form.
 */
async function checkStillValid(db: Db, listing: Listing, clock: Clock, rules: RulesOptions) {
  const organisation = await getOrganisation(db, listing.organisationId);
  parseInput(listingInput(today(clock), { ...rules, organisation }), listing);
}

/**
 * A new draft. `o.id`, when the form carried one (a valid id chosen when the form was shown),
 * makes creation idempotent: the same form sent again returns the listing it made the first
 * time, instead of a second one (a retry after "try again", a double click).
 */
export async function createListing(db: Db, actor: Actor, input: unknown, clock: Clock = systemClock, o: { id?: string } & RulesOptions = {}): Promise<Listing> {
  const organisation = await organisationOf(db, input);
  const fields = parseInput(listingInput(today(clock), { horizonMonths: o.horizonMonths, wageTable: o.wageTable, organisation }), input);
  require(mayActForListing(actor, fields));
  if (!organisation) throw new NotFoundError();
  // Anyone but the organisation's own people posts on its behalf: only for an organisation of this region.
  if (actor.kind === 'person' && !isEmployerOf(actor, organisation.id) && !postsInRegion(organisation, fields.regionId)) {
    throw new ValidationError([{ field: 'organisationId', key: 'error.forbidden' }]);
  }
  const at = clock.now().toISOString();
  const chosen = o.id !== undefined && Id.safeParse(o.id).success ? o.id : undefined;
  const listing = Listing.parse({ ...fields, id: chosen ?? ulid(), status: 'draft', version: 1, createdAt: at, updatedAt: at });
  try {
    await writeListing(db, listing, undefined, [
      auditPut(db, { at, actor: actorName(actor), action: 'listing.created', subject: { type: 'listing', id: listing.id } }),
    ]);
  } catch (e) {
    if (e instanceof ConflictError && chosen) {
      const made = await getListing(db, chosen, true);
      if (made && made.organisationId === listing.organisationId && mayActForListing(actor, made)) return made;
    }
    throw e;
  }
  return listing;
}

/**
 * Edits the fields; the listing keeps its organisation and region. An employer's edit of a
 * published listing goes back to the desk's queue (unless the employer is trusted), so that
 * text the desk approved is never changed behind its back; a desk's edit keeps the status.
 */
export async function updateListing(db: Db, actor: Actor, id: string, expectedVersion: number, input: unknown, clock: Clock = systemClock, rules: RulesOptions = {}): Promise<Listing> {
  const current = await loadFor(db, actor, id);
  if (current.version !== expectedVersion) throw new ConflictError();
  const organisation = await getOrganisation(db, current.organisationId);
  const fields = parseInput(listingInput(today(clock), { ...rules, organisation, keepStartDate: current.startDate }), {
    ...(input as object),
    organisationId: current.organisationId,
    regionId: current.regionId,
  });
  if (current.status === 'closed' || current.status === 'expired') throw new ConflictError('error.invalid_transition', { status: current.status });
  const at = clock.now().toISOString();
  const backToReview =
    current.status === 'published' && !isDeskOf(actor, current.regionId) && (await getOrganisation(db, current.organisationId))?.trusted !== true;
  const next = Listing.parse({
    ...current,
    ...fields,
    version: expectedVersion + 1,
    updatedAt: at,
    ...(backToReview ? { status: 'pending', submittedAt: at } : {}),
  });
  await writeListing(db, next, expectedVersion, [
    auditPut(db, {
      at,
      actor: actorName(actor),
      action: 'listing.updated',
      subject: { type: 'listing', id },
      ...(backToReview ? { detail: { from: current.status, to: next.status } } : {}),
    }),
  ]);
  return next;
}

type Transition = {
  from: readonly ListingStatus[];
  to: (l: Listing, trusted: boolean) => ListingStatus;
  /** Who may do it, beyond acting for the listing at all. */
  deskOnly?: boolean;
};

/** The listing life cycle, in one place. */
export const TRANSITIONS = {
  submit: { from: ['draft', 'rejected'], to: (_l, trusted) => (trusted ? 'published' : 'pending') },
  approve: { from: ['pending'], to: () => 'published', deskOnly: true },
  reject: { from: ['pending'], to: () => 'rejected', deskOnly: true },
  requestChanges: { from: ['pending'], to: () => 'draft', deskOnly: true },
  close: { from: ['draft', 'pending', 'published', 'rejected'], to: () => 'closed' },
  expire: { from: ['published'], to: () => 'expired', deskOnly: true },
  /** The sweep: a new minimum wage took effect above the listing's wage; the desk looks again. */
  wageBelowMinimum: { from: ['published'], to: () => 'pending', deskOnly: true },
} as const satisfies Record<string, Transition>;
export type TransitionName = keyof typeof TRANSITIONS;

export async function changeStatus(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
  action: TransitionName,
  o: { reason?: string; clock?: Clock; retention?: Retention } & RulesOptions = {},
): Promise<Listing> {
  const clock = o.clock ?? systemClock;
  const current = await loadFor(db, actor, id);
  const t: Transition = TRANSITIONS[action];
  if ((action === 'reject' || action === 'requestChanges') && !o.reason?.trim()) {
    throw new ValidationError([{ field: 'reason', key: 'error.required' }]);
  }
  if (t.deskOnly) require(isDeskOf(actor, current.regionId));
  if (current.version !== expectedVersion) throw new ConflictError();
  if (!t.from.includes(current.status)) throw new ConflictError('error.invalid_transition', { status: current.status });
  if (action === 'submit' || action === 'approve') await checkStillValid(db, current, clock, o);
  const trusted = action === 'submit' && (await getOrganisation(db, current.organisationId))?.trusted === true;
  const status = t.to(current, trusted);
  const at = clock.now().toISOString();
  const next = Listing.parse({
    ...current,
    status,
    version: expectedVersion + 1,
    updatedAt: at,
    submittedAt: status === 'pending' ? at : current.submittedAt,
    publishedAt: status === 'published' ? at : current.publishedAt,
    rejectionReason: action === 'reject' || action === 'requestChanges' ? o.reason : undefined,
  });
  await writeListing(db, next, expectedVersion, [
    auditPut(db, {
      at,
      actor: actorName(actor),
      action: `listing.${action}`,
      subject: { type: 'listing', id },
      detail: { from: current.status, to: status, ...(o.reason ? { reason: o.reason } : {}) },
    }),
  ]);
  // Closed early: the residents' details follow the procedure's real end (docs/domain.md, retention).
  if (action === 'close' && current.status === 'published' && o.retention) {
    try {
      await endProcedureEarly(db, next, clock.now(), o.retention);
    } catch (error) {
      // The listing is closed either way; the data still goes at its first date, at the latest.
      console.error('could not shorten retention after an early close', { listingId: id, error: String(error) });
    }
  }
  return next;
}

/** Feature or hide: desk curation flags that do not change the life cycle. */
export async function setCuration(db: Db, actor: Actor, id: string, expectedVersion: number, flags: { featured?: boolean; hidden?: boolean }, clock: Clock = systemClock): Promise<Listing> {
  const current = await loadFor(db, actor, id);
  require(isDeskOf(actor, current.regionId));
  // A form's version that is not the stored one (stale, or nonsense) is a lost race, not a crash.
  if (current.version !== expectedVersion) throw new ConflictError();
  const at = clock.now().toISOString();
  const next = Listing.parse({ ...current, ...flags, version: expectedVersion + 1, updatedAt: at });
  await writeListing(db, next, expectedVersion, [
    auditPut(db, { at, actor: actorName(actor), action: 'listing.curated', subject: { type: 'listing', id }, detail: flags }),
  ]);
  return next;
}

async function loadFor(db: Db, actor: Actor, id: string): Promise<Listing> {
  const current = await getListing(db, id, true);
  if (!current) throw new NotFoundError();
  require(mayActForListing(actor, current));
  return current;
}

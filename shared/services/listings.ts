import { ulid } from 'ulid';
import { Id } from '../domain/common.js';
import { CONTENT_KEYS, Listing, ListingContent, listingInput, proposedVersion, sameValue, withContent, type ListingRulesContext, type ListingStatus } from '../domain/listing.js';
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
async function checkStillValid(db: Db, listing: Listing, clock: Clock, rules: RulesOptions & { keepStartDate?: string }) {
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
 * What saving an edit does to a listing, decided before it is saved (the form says it):
 * - `live`: the change shows on the site at once (the desk, a trusted employer, a listing
 *   that is not published: nothing shows until it is);
 * - `review`: an employer's change to a published listing waits for the desk as a revision,
 *   while residents keep seeing the published version.
 */
export type EditEffect = 'live' | 'review' | 'notPublished';
export async function editEffect(db: Db, actor: Actor, l: Listing): Promise<EditEffect> {
  if (l.status !== 'published') return 'notPublished';
  if (isDeskOf(actor, l.regionId)) return 'live';
  return (await getOrganisation(db, l.organisationId))?.trusted === true ? 'live' : 'review';
}

/** The content fields that differ between two listings, in form order. */
export function changedFields(a: Listing, b: Listing): (keyof ListingContent)[] {
  return CONTENT_KEYS.filter((k) => !sameValue(a[k], b[k]));
}

/**
 * Edits the content; the listing keeps its organisation and region. An employer's edit of a
 * published listing (unless the employer is trusted) becomes its waiting revision: residents
 * keep seeing the approved text until the desk approves the change. Edited back to what is
 * live, the revision goes. A desk's or trusted employer's edit shows at once and replaces any
 * waiting revision (the desk edits the proposal when there is one: the form shows it).
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
  const content = ListingContent.parse(fields);
  const edited = withContent(current, content);
  const changed = changedFields(current, edited);
  const audit = (action: string, detail: Record<string, unknown>) =>
    auditPut(db, { at, actor: actorName(actor), action, subject: { type: 'listing', id }, detail });

  // Nothing differs from what is stored: nothing to save (the page says so).
  if (changed.length === 0 && !current.revision) return current;
  if ((await editEffect(db, actor, current)) === 'review') {
    // Residents keep the live version: only the revision (and the version) change.
    const next = Listing.parse({
      ...current,
      version: expectedVersion + 1,
      revision: changed.length === 0 ? undefined : { content, status: 'pending', submittedAt: at, submittedBy: actorName(actor) },
    });
    const action = changed.length === 0 ? 'listing.change-withdrawn' : 'listing.change-submitted';
    await writeListing(db, next, expectedVersion, [audit(action, { fields: changed })]);
    return next;
  }
  const next = Listing.parse({ ...edited, revision: undefined, version: expectedVersion + 1, updatedAt: changed.length > 0 ? at : current.updatedAt });
  await writeListing(db, next, expectedVersion, [audit('listing.updated', { fields: changed, ...(current.revision ? { replacedChange: true } : {}) })]);
  return next;
}

/**
 * The desk decides on the waiting change to a published listing: approve (the change goes
 * live), ask for changes or reject (the published version stays, the employer reads the reason).
 */
export async function decideChange(
  db: Db,
  actor: Actor,
  id: string,
  expectedVersion: number,
  decision: 'approve' | 'reject' | 'requestChanges',
  o: { reason?: string; clock?: Clock } & RulesOptions = {},
): Promise<Listing> {
  const clock = o.clock ?? systemClock;
  const current = await loadFor(db, actor, id);
  require(isDeskOf(actor, current.regionId));
  if (decision !== 'approve' && !o.reason?.trim()) throw new ValidationError([{ field: 'reason', key: 'error.required' }]);
  if (current.version !== expectedVersion) throw new ConflictError();
  if (current.status !== 'published' || current.revision?.status !== 'pending') throw new ConflictError('error.invalid_transition', { status: current.status });
  const at = clock.now().toISOString();
  const revision = current.revision;
  // The change goes live only if it still meets the rules today (a start date that was already live may stay).
  if (decision === 'approve') await checkStillValid(db, withContent(current, revision.content), clock, { ...o, keepStartDate: current.startDate });
  const next =
    decision === 'approve'
      ? Listing.parse({ ...withContent(current, revision.content), revision: undefined, version: expectedVersion + 1, updatedAt: at })
      : Listing.parse({ ...current, version: expectedVersion + 1, revision: { ...revision, status: decision === 'reject' ? 'rejected' : 'changes-requested', reason: o.reason } });
  await writeListing(db, next, expectedVersion, [
    auditPut(db, {
      at,
      actor: actorName(actor),
      action: `listing.change-${decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'returned'}`,
      subject: { type: 'listing', id },
      detail: { fields: changedFields(current, withContent(current, revision.content)), ...(o.reason ? { reason: o.reason } : {}) },
    }),
  ]);
  return next;
}

/** The employer (or the desk) takes back a change that waits or was sent back: the published version stays. */
export async function withdrawChange(db: Db, actor: Actor, id: string, expectedVersion: number, clock: Clock = systemClock): Promise<Listing> {
  const current = await loadFor(db, actor, id);
  if (current.version !== expectedVersion) throw new ConflictError();
  if (!current.revision) throw new ConflictError('error.invalid_transition', { status: current.status });
  const at = clock.now().toISOString();
  const next = Listing.parse({ ...current, revision: undefined, version: expectedVersion + 1 });
  await writeListing(db, next, expectedVersion, [
    auditPut(db, { at, actor: actorName(actor), action: 'listing.change-withdrawn', subject: { type: 'listing', id }, detail: { fields: changedFields(current, proposedVersion(current)) } }),
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
  /** The sweep: the organisation's volunteer declaration is no longer valid; the desk looks again. */
  declarationLapsed: { from: ['published'], to: () => 'pending', deskOnly: true },
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
    // Closing stays immediate; a change that was waiting goes with the listing.
    revision: status === 'closed' || status === 'expired' ? undefined : current.revision,
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

import type { AuditEvent } from '../domain/audit.js';
import type { Listing } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { parseListingNumber } from '../domain/listing-number.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { auditHistory } from '../repositories/audit.js';
import { getListing, listingsOfRegionNumbered } from '../repositories/listings.js';
import { getOrganisation } from '../repositories/organisations.js';
import { countPendingInRegion } from '../repositories/queue.js';
import { deskStaffOfRegion, membershipsOfOrganisation } from '../repositories/users.js';
import { isDeskOf, isEmployerOf, mayActForListing, require, type Actor } from './actor.js';
import { portalLink, type ServiceContext, notice, sendAfterCommit } from './context.js';
import { changeStatus, decideChange } from './listings.js';

/** The desk's side of a listing: its queue, its decisions (with mail to the employer), its history. */

/** How many listings wait in a region's queue: shown in the desk's navigation. */
export async function queueCount(db: Db, actor: Actor, regionId: string): Promise<number> {
  require(isDeskOf(actor, regionId));
  return countPendingInRegion(db, regionId);
}

/**
 * The region's listings with the number a resident read out or typed (printed on every listing's
 * page), for its desk: usually one, none when the number is not of this region, by a very rare
 * chance more; undefined when nothing was typed. A text that cannot be a number is the field's
 * error.
 */
export async function findListingsByNumber(db: Db, actor: Actor, regionId: string, text: string): Promise<Listing[] | undefined> {
  require(isDeskOf(actor, regionId));
  if (text.trim() === '') return undefined; // nothing typed yet: nothing searched
  const number = parseListingNumber(text);
  if (!number) throw new ValidationError([{ field: 'number', key: 'portal.find.invalid' }]);
  return listingsOfRegionNumbered(db, regionId, number);
}

/** A listing, for whoever may act for it: its employer, the desk of its region, admins. */
export async function getListingFor(db: Db, actor: Actor, id: string): Promise<Listing> {
  const listing = await getListing(db, id, true);
  if (!listing) throw new NotFoundError();
  require(mayActForListing(actor, listing));
  return listing;
}

/**
 * Who did what to a listing, oldest first: for the desk of its region and for its employer. The
 * employer sees colleagues by address and the region's desk staff as "the desk" (`desk`).
 */
export async function listingHistory(db: Db, actor: Actor, id: string): Promise<AuditEvent[]> {
  const listing = await getListing(db, id);
  if (!listing) throw new NotFoundError();
  const desk = isDeskOf(actor, listing.regionId);
  require(desk || isEmployerOf(actor, listing.organisationId));
  const events = await auditHistory(db, 'listing', id);
  if (desk) return events;
  const staff = new Set((await deskStaffOfRegion(db, listing.regionId)).map((m) => m.email));
  return events.map((e) => (staff.has(e.actor) ? { ...e, actor: 'desk' } : e));
}

export type Decision = 'approve' | 'reject' | 'requestChanges';

/**
 * A desk decides on a pending listing; the employer's members get an e-mail saying what was
 * decided and, on a rejection or a request for changes, the desk's reason.
 */
export async function decide(ctx: ServiceContext, actor: Actor, id: string, expectedVersion: number, decision: Decision, reason?: string): Promise<Listing> {
  // A published listing in the queue waits with a change: the decision is about the change.
  const current = await getListingFor(ctx.db, actor, id);
  const aboutChange = current.status === 'published' && current.revision?.status === 'pending';
  const listing = aboutChange
    ? await decideChange(ctx.db, actor, id, expectedVersion, decision, { reason, clock: ctx.clock, horizonMonths: ctx.config.LISTING_HORIZON_MONTHS })
    : await changeStatus(ctx.db, actor, id, expectedVersion, decision, { reason, clock: ctx.clock, horizonMonths: ctx.config.LISTING_HORIZON_MONTHS });
  await sendAfterCommit(ctx, await decisionMails(ctx, listing, decision, aboutChange ? (reason ?? '') : undefined));
  return listing;
}

/** `changeReason` set: the decision was about a change to the published listing. */
async function decisionMails(ctx: ServiceContext, listing: Listing, decision: Decision, changeReason?: string) {
  const organisation = await getOrganisation(ctx.db, listing.organisationId);
  const members = (await membershipsOfOrganisation(ctx.db, listing.organisationId)).map((m) => m.email);
  const to = members.length > 0 ? members : organisation?.contactEmail ? [organisation.contactEmail] : [];
  const reason = changeReason ?? listing.rejectionReason ?? '';
  const params = { title: listing.title, reason, link: portalLink(ctx, `/portal/listings/${listing.id}`) };
  const mail = changeReason === undefined ? decision : (`change.${decision}` as const);
  return to.map((address) => notice(address, `portal.mail.${mail}.subject`, `portal.mail.${mail}.body`, params));
}

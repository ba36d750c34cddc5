import * as z from 'zod';
import { ContentLanguage, Email, Text } from '../domain/common.js';
import type { Listing } from '../domain/listing.js';
import type { PortalLocale } from '../domain/session.js';
import { Summary, SummaryInput, summarySource } from '../domain/summary.js';
import type { Membership, TranslatorInvitation } from '../domain/user.js';
import { NotFoundError, parseInput } from '../errors.js';
import { t } from '../i18n/index.js';
import { auditPut } from '../repositories/audit.js';
import { getDirectory } from '../repositories/directory.js';
import { getListing } from '../repositories/listings.js';
import { summariesOfListing, summaryItem } from '../repositories/summaries.js';
import { del, put, transact } from '../repositories/transact.js';
import { membershipItem, membershipsOfUser, translatorsOfRegion } from '../repositories/users.js';
import { translatorInvitationItem, translatorInvitationsOfRegion, translatorInvitationsOfUser } from '../repositories/invitations.js';
import type { MachineTranslation } from '../ports/machine-translation.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { INVITATION_DAYS, newUserPut, sendInvitation } from './accounts.js';
import { actorName, isDeskOf, require, type Actor } from './actor.js';
import { epochSeconds, type ServiceContext } from './context.js';
import { LOGIN_TOKEN_MINUTES } from './login-link.js';

/**
 * Listings' summaries in residents' languages (shared/domain/summary.ts): written by the desk
 * of the listing's region or by a volunteer translator the desk invited.
 */

/** A volunteer translator of a region (a desk member may write summaries there too). */
export function isTranslatorOf(a: Actor, regionId: string): boolean {
  return a.kind === 'person' && a.memberships.some((m) => m.role === 'translator' && m.regionId === regionId);
}

/** The regions a person translates for. */
export function translatorRegions(a: Actor): string[] {
  return a.kind === 'person' ? a.memberships.flatMap((m) => (m.role === 'translator' ? [m.regionId] : [])) : [];
}

export const mayWriteSummaries = (a: Actor, l: Pick<Listing, 'regionId'>) => isDeskOf(a, l.regionId) || isTranslatorOf(a, l.regionId);

/** A listing that was at least submitted (drafts are the employer's own) and may be summarised by `actor`. */
async function summarisable(db: Db, actor: Actor, listingId: string): Promise<Listing> {
  const listing = await getListing(db, listingId);
  if (!listing || listing.status === 'draft') throw new NotFoundError();
  require(mayWriteSummaries(actor, listing));
  return listing;
}

/** The languages a listing can have a summary in: every resident language but the one it was written in. */
export const summaryLanguages = (l: Pick<Listing, 'language'>): ContentLanguage[] => ContentLanguage.options.filter((x) => x !== l.language);

function targetLanguage(listing: Listing, language: string): ContentLanguage {
  const parsed = ContentLanguage.safeParse(language);
  if (!parsed.success || parsed.data === listing.language) throw new NotFoundError();
  return parsed.data;
}

export async function listingSummaries(db: Db, actor: Actor, listingId: string): Promise<{ listing: Listing; summaries: Summary[] }> {
  const listing = await summarisable(db, actor, listingId);
  return { listing, summaries: await summariesOfListing(db, listingId, { consistent: true }) };
}

/**
 * Saves a person's summary: shown on the listing's page in that language from the next publish.
 * `machineDraft`: the person began from a machine translation and checked it.
 */
export async function saveSummary(ctx: ServiceContext, actor: Actor, listingId: string, language: string, input: unknown, o: { machineDraft?: boolean } = {}): Promise<Summary> {
  const listing = await summarisable(ctx.db, actor, listingId);
  const target = targetLanguage(listing, language);
  const fields = parseInput(SummaryInput, input);
  // Only people write summaries (summarisable has checked the actor's membership).
  require(actor.kind === 'person');
  const at = ctx.clock.now().toISOString();
  const summary = Summary.parse({ ...fields, listingId, language: target, machineDraft: o.machineDraft ?? false, writtenBy: actor.email, updatedAt: at, source: summarySource(listing) });
  await transact(ctx.db, [
    put(ctx.db, summaryItem(summary)),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'listing.summary-saved', subject: { type: 'listing', id: listingId }, detail: { language: target, machineDraft: summary.machineDraft } }),
  ]);
  return summary;
}

export async function removeSummary(ctx: ServiceContext, actor: Actor, listingId: string, language: string): Promise<void> {
  const listing = await summarisable(ctx.db, actor, listingId);
  const target = targetLanguage(listing, language);
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    del(ctx.db, keys.summary(listingId, target)),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'listing.summary-removed', subject: { type: 'listing', id: listingId }, detail: { language: target } }),
  ]);
}

/**
 * A machine translation of the listing's title and text into `language`, to pre-fill the form:
 * undefined when the service does not cover the pair (locally: never). Nothing is stored.
 */
export async function machineDraft(db: Db, actor: Actor, translation: MachineTranslation, listingId: string, language: string): Promise<SummaryInput | undefined> {
  const listing = await summarisable(db, actor, listingId);
  const target = targetLanguage(listing, language);
  if (!translation.supports(listing.language, target)) return undefined;
  const [title, text] = await Promise.all([translation.translate(listing.title, listing.language, target), translation.translate(listing.description, listing.language, target)]);
  return { title: title.slice(0, 120), text: text.slice(0, 1000) };
}

export const TranslatorInput = z.object({ name: Text(120), email: Email });

/** The volunteer translators of a region, for its desk. */
export async function translatorsOf(db: Db, actor: Actor, regionId: string): Promise<Membership[]> {
  require(isDeskOf(actor, regionId));
  if (!(await getDirectory(db)).regions.some((r) => r.id === regionId)) throw new NotFoundError();
  return translatorsOfRegion(db, regionId);
}

export type TranslatorInvited = 'sent' | 'already-translator' | 'rate-limited';

/**
 * A desk invites a volunteer translator for its region and mails them a sign-in link. Nothing
 * changes for them until they sign in and accept (`acceptTranslatorInvitation`): a desk cannot
 * give anyone a role without their yes. Then they may write summaries of the region's listings
 * and nothing else. Inviting again renews the invitation and sends a fresh link; invitations are
 * limited per region and per invitee, as an organisation's are.
 */
export async function inviteTranslator(ctx: ServiceContext, actor: Actor, regionId: string, input: unknown, locale: PortalLocale): Promise<TranslatorInvited> {
  require(isDeskOf(actor, regionId));
  const { name, email } = parseInput(TranslatorInput, input);
  const region = (await getDirectory(ctx.db)).regions.find((r) => r.id === regionId);
  if (!region) throw new NotFoundError();
  const memberships = await membershipsOfUser(ctx.db, email);
  if (memberships.some((m) => m.role === 'translator' && m.regionId === regionId)) return 'already-translator';
  return sendInvitation(ctx, {
    invitedBy: actorName(actor),
    email,
    locale,
    limitOn: { scope: 'invite-region', id: regionId },
    item: (stamp) => translatorInvitationItem({ regionId, email, name, ...stamp }),
    audit: { action: 'region.translator-invited', subject: { type: 'region', id: regionId } },
    mail: (link) => ({
      subject: t(locale, 'portal.mail.translator.subject', { region: region.name }),
      text: t(locale, 'portal.mail.translator.body', { region: region.name, link, minutes: LOGIN_TOKEN_MINUTES, days: INVITATION_DAYS }),
    }),
  });
}

/** A region's open invitations to translate, for its desk. */
export async function invitedTranslatorsOf(ctx: ServiceContext, actor: Actor, regionId: string): Promise<TranslatorInvitation[]> {
  require(isDeskOf(actor, regionId));
  return translatorInvitationsOfRegion(ctx.db, regionId, epochSeconds(ctx.clock.now()));
}

/** The signed-in person's open invitations to translate, with the regions' names. */
export async function myTranslatorInvitations(ctx: ServiceContext, actor: Actor): Promise<{ invitation: TranslatorInvitation; regionName: string }[]> {
  if (actor.kind !== 'person') return [];
  const [invitations, { regions }] = await Promise.all([translatorInvitationsOfUser(ctx.db, actor.email, epochSeconds(ctx.clock.now())), getDirectory(ctx.db)]);
  return invitations.map((invitation) => ({ invitation, regionName: regions.find((r) => r.id === invitation.regionId)?.name ?? invitation.regionId }));
}

async function openTranslatorInvitation(ctx: ServiceContext, actor: Actor, regionId: string): Promise<TranslatorInvitation> {
  require(actor.kind === 'person');
  const invitation = (await translatorInvitationsOfUser(ctx.db, actor.email, epochSeconds(ctx.clock.now()))).find((i) => i.regionId === regionId);
  if (!invitation) throw new NotFoundError();
  return invitation;
}

/** The invitee says yes: the translator membership, and the invitation gone, in one transaction. */
export async function acceptTranslatorInvitation(ctx: ServiceContext, actor: Actor, regionId: string): Promise<void> {
  const invitation = await openTranslatorInvitation(ctx, actor, regionId);
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    { Delete: { TableName: ctx.db.tableName, Key: keys.translatorInvitation(invitation.email, regionId), ConditionExpression: 'attribute_exists(pk)' } },
    ...(await newUserPut(ctx.db, invitation.email, invitation.name, at)),
    put(ctx.db, membershipItem({ role: 'translator', email: invitation.email, regionId })),
    auditPut(ctx.db, { at, actor: invitation.email, action: 'region.translator-joined', subject: { type: 'region', id: regionId }, detail: { invitedBy: invitation.invitedBy } }),
  ]);
}

/** The invitee says no: the invitation goes, nothing else changes. */
export async function declineTranslatorInvitation(ctx: ServiceContext, actor: Actor, regionId: string): Promise<void> {
  const invitation = await openTranslatorInvitation(ctx, actor, regionId);
  await transact(ctx.db, [
    del(ctx.db, keys.translatorInvitation(invitation.email, regionId)),
    auditPut(ctx.db, { at: ctx.clock.now().toISOString(), actor: invitation.email, action: 'region.translator-invitation-declined', subject: { type: 'region', id: regionId } }),
  ]);
}

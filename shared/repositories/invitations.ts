import { Invitation, TranslatorInvitation } from '../domain/user.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { queryAll } from '../db/query.js';

export function invitationItem(i: Invitation) {
  return { ...keys.invitation(i.email, i.organisationId), gsi1pk: keys.organisationInvited(i.organisationId), gsi1sk: i.email, type: 'invitation', ...i };
}

/** A person's open invitations (expired ones are left out before TTL removes them). */
export async function invitationsOfUser(db: Db, email: string, nowSeconds: number): Promise<Invitation[]> {
  const all = await queryAll(db, { partition: keys.userPartition(email), beginsWith: 'INVITATION#' }, Invitation);
  return all.filter((i) => i.expiresAt > nowSeconds);
}

export function translatorInvitationItem(i: TranslatorInvitation) {
  return { ...keys.translatorInvitation(i.email, i.regionId), gsi1pk: keys.regionTranslatorsInvited(i.regionId), gsi1sk: i.email, type: 'translator-invitation', ...i };
}

/** A person's open invitations to translate for a region. */
export async function translatorInvitationsOfUser(db: Db, email: string, nowSeconds: number): Promise<TranslatorInvitation[]> {
  const all = await queryAll(db, { partition: keys.userPartition(email), beginsWith: 'INVITATION-TRANSLATOR#' }, TranslatorInvitation);
  return all.filter((i) => i.expiresAt > nowSeconds);
}

/** A region's open invitations to translate, for its desk. */
export async function translatorInvitationsOfRegion(db: Db, regionId: string, nowSeconds: number): Promise<TranslatorInvitation[]> {
  const all = await queryAll(db, { index: 'gsi1', partition: keys.regionTranslatorsInvited(regionId) }, TranslatorInvitation);
  return all.filter((i) => i.expiresAt > nowSeconds);
}

/** Whether someone has any open invitation (to an organisation, or to translate): one waits for their yes or no. */
export async function hasOpenInvitation(db: Db, email: string, nowSeconds: number): Promise<boolean> {
  const [organisations, translating] = await Promise.all([invitationsOfUser(db, email, nowSeconds), translatorInvitationsOfUser(db, email, nowSeconds)]);
  return organisations.length > 0 || translating.length > 0;
}

/** An organisation's open invitations. */
export async function invitationsOfOrganisation(db: Db, organisationId: string, nowSeconds: number): Promise<Invitation[]> {
  const all = await queryAll(db, { index: 'gsi1', partition: keys.organisationInvited(organisationId) }, Invitation);
  return all.filter((i) => i.expiresAt > nowSeconds);
}

import { Invitation } from '../domain/user.js';
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

/** An organisation's open invitations. */
export async function invitationsOfOrganisation(db: Db, organisationId: string, nowSeconds: number): Promise<Invitation[]> {
  const all = await queryAll(db, { index: 'gsi1', partition: keys.organisationInvited(organisationId) }, Invitation);
  return all.filter((i) => i.expiresAt > nowSeconds);
}

import { ulid } from 'ulid';
import * as z from 'zod';
import { Email, Text } from '../domain/common.js';
import { Organisation, postsInRegion } from '../domain/organisation.js';
import type { AuditEvent } from '../domain/audit.js';
import type { EmployerSignup, PortalLocale } from '../domain/session.js';
import type { Invitation, Membership } from '../domain/user.js';
import { keys } from '../db/keys.js';
import { ConflictError, NotFoundError, parseInput, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { updateFields } from '../repositories/accounts.js';
import { auditPut } from '../repositories/audit.js';
import { getDirectory } from '../repositories/directory.js';
import { getOrganisation, listOrganisations, organisationItem } from '../repositories/organisations.js';
import { del, put, transact, type TransactItem } from '../repositories/transact.js';
import { invitationItem, invitationsOfOrganisation, invitationsOfUser } from '../repositories/invitations.js';
import { hitRateLimit } from '../repositories/sessions.js';
import { getUserByEmail, membershipItem, membershipsOfOrganisation } from '../repositories/users.js';
import { actorName, isAdmin, isDeskOf, isOwnerOf, mayManageOrganisation, mayReadOrganisation, require, type Actor } from './actor.js';
import { hashSecret, issueLoginLink, LOGIN_TOKEN_MINUTES } from './login-link.js';
import { epochSeconds, type ServiceContext } from './context.js';
import type { Db } from '../db/client.js';

/** Employer accounts: organisations, their members, invitations. */

/** The Put of a user, if there is none for the address yet (a person keeps one user item). */
export async function newUserPut(db: Db, email: string, name: string, at: string): Promise<TransactItem[]> {
  if (await getUserByEmail(db, email)) return [];
  return [put(db, { ...keys.user(email), type: 'user', id: ulid(), email, name, createdAt: at }, 'attribute_not_exists(pk)')];
}

/** Called when a sign-up link is opened: the organisation, its first member, the audit. */
export async function completeEmployerSignup(ctx: ServiceContext, s: EmployerSignup): Promise<Organisation> {
  const at = ctx.clock.now().toISOString();
  const { personName, email, ...fields } = s;
  const organisation = Organisation.parse({ ...fields, id: ulid(), kind: 'employer', trusted: false, createdAt: at });
  const membership: Membership = { role: 'employer', email, organisationId: organisation.id, owner: true };
  await transact(ctx.db, [
    put(ctx.db, organisationItem(organisation), 'attribute_not_exists(pk)'),
    ...(await newUserPut(ctx.db, email, personName, at)),
    put(ctx.db, membershipItem(membership)),
    auditPut(ctx.db, { at, actor: email, action: 'organisation.created', subject: { type: 'organisation', id: organisation.id }, detail: { name: organisation.name } }),
  ]);
  return organisation;
}

export async function getOrganisationFor(db: Db, actor: Actor, organisationId: string): Promise<Organisation> {
  const organisation = await getOrganisation(db, organisationId);
  if (!organisation) {
    require(mayManageOrganisation(actor, organisationId));
    throw new NotFoundError();
  }
  require(mayReadOrganisation(actor, organisation));
  return organisation;
}

/** What an employer may change of its profile (not its kind, id or trust). */
export const OrganisationProfile = Organisation.pick({
  name: true, kvk: true, sector: true, address: true, website: true, contactEmail: true, contactPhone: true, regionIds: true, offers: true,
});

/** Changes the profile; `changed` is false (and nothing is written) when every field stayed the same. */
export async function updateOrganisationProfile(ctx: ServiceContext, actor: Actor, organisationId: string, input: unknown): Promise<{ organisation: Organisation; changed: boolean }> {
  require(mayManageOrganisation(actor, organisationId));
  const fields = parseInput(OrganisationProfile, input);
  const current = await getOrganisation(ctx.db, organisationId);
  if (!current) throw new NotFoundError();
  const regions = new Set((await getDirectory(ctx.db)).regions.map((r) => r.id));
  if (fields.regionIds.some((r) => !regions.has(r))) throw new ValidationError([{ field: 'regionIds', key: 'error.invalid_choice' }]);
  const next = Organisation.parse({ ...current, ...fields });
  const profileKeys = Object.keys(OrganisationProfile.shape) as (keyof typeof OrganisationProfile.shape)[];
  if (profileKeys.every((k) => JSON.stringify(next[k]) === JSON.stringify(current[k]))) return { organisation: current, changed: false };
  const { gsi1pk, gsi1sk } = organisationItem(next);
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    updateFields(ctx.db, keys.organisation(organisationId), { ...Object.fromEntries(profileKeys.map((k) => [k, next[k]])), gsi1pk, gsi1sk }),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'organisation.updated', subject: { type: 'organisation', id: organisationId } }),
  ]);
  return { organisation: next, changed: true };
}

export async function membersOfOrganisation(db: Db, actor: Actor, organisationId: string): Promise<Membership[]> {
  require(mayManageOrganisation(actor, organisationId));
  return membershipsOfOrganisation(db, organisationId);
}

export const ColleagueInput = z.object({ name: Text(120), email: Email });

/** An invitation stays open two weeks. */
export const INVITATION_DAYS = 14;
/** Invitations per organisation per day, and per invitee per day (whoever invites). */
export const INVITATION_LIMITS = {
  organisation: { max: 20, windowSeconds: 24 * 3600 },
  invitee: { max: 3, windowSeconds: 24 * 3600 },
} as const;

export type InvitationSent = 'sent' | 'already-member' | 'rate-limited';

/**
 * What every invitation does once its inviter may send it (a colleague to an organisation, a
 * translator to a region): count it against the inviter's and the invitee's daily limits, store
 * it with its audit line in one transaction, then mail the invitee a sign-in link.
 */
export async function sendInvitation(
  ctx: ServiceContext,
  o: {
    /** Who invites, as the invitation and the audit log name them. */
    invitedBy: string;
    email: string;
    locale: PortalLocale;
    /** The inviter's side of the limits: the organisation or the region. */
    limitOn: { scope: string; id: string };
    item: (stamp: { invitedBy: string; createdAt: string; expiresAt: number }) => Record<string, unknown>;
    audit: Pick<AuditEvent, 'action' | 'subject'>;
    mail: (link: string) => { subject: string; text: string };
  },
): Promise<'sent' | 'rate-limited'> {
  const now = ctx.clock.now();
  const nowSeconds = epochSeconds(now);
  const limits = [
    { scope: o.limitOn.scope, subjectHash: hashSecret(o.limitOn.id), ...INVITATION_LIMITS.organisation },
    { scope: 'invite-address', subjectHash: hashSecret(o.email), ...INVITATION_LIMITS.invitee },
  ];
  for (const limit of limits) if (!(await hitRateLimit(ctx.db, { ...limit, nowSeconds }))) return 'rate-limited';
  const at = now.toISOString();
  const { invitedBy } = o;
  await transact(ctx.db, [
    put(ctx.db, o.item({ invitedBy, createdAt: at, expiresAt: nowSeconds + INVITATION_DAYS * 24 * 3600 })),
    auditPut(ctx.db, { at, actor: invitedBy, ...o.audit, detail: { email: o.email } }),
  ]);
  const link = await issueLoginLink(ctx, o.email, o.locale);
  await ctx.mail.send({ to: o.email, ...o.mail(link) });
  return 'sent';
}

/**
 * Invites someone to an organisation: nothing changes for them until they sign in and accept
 * (an employer cannot add a desk worker, the admin or anyone else without their yes). The mail
 * carries a sign-in link; later the invitee signs in at the portal with the address. Any member
 * invites; invitations are limited per organisation and per invitee.
 */
export async function inviteColleague(ctx: ServiceContext, actor: Actor, organisationId: string, input: unknown, locale: PortalLocale): Promise<InvitationSent> {
  require(mayManageOrganisation(actor, organisationId));
  const { name, email } = parseInput(ColleagueInput, input);
  const organisation = await getOrganisation(ctx.db, organisationId);
  if (!organisation) throw new NotFoundError();
  const members = await membershipsOfOrganisation(ctx.db, organisationId);
  if (members.some((m) => m.email === email)) return 'already-member';
  return sendInvitation(ctx, {
    invitedBy: actorName(actor),
    email,
    locale,
    limitOn: { scope: 'invite-organisation', id: organisationId },
    item: (stamp) => invitationItem({ organisationId, email, name, ...stamp }),
    audit: { action: 'organisation.member-invited', subject: { type: 'organisation', id: organisationId } },
    mail: (link) => ({
      subject: t(locale, 'portal.mail.invite.subject', { organisation: organisation.name }),
      text: t(locale, 'portal.mail.invite.body', { organisation: organisation.name, link, minutes: LOGIN_TOKEN_MINUTES, days: INVITATION_DAYS }),
    }),
  });
}

/** The signed-in person's open invitations, with the organisations' names. */
export async function myInvitations(ctx: ServiceContext, actor: Actor): Promise<{ invitation: Invitation; organisation: Organisation }[]> {
  if (actor.kind !== 'person') return [];
  const invitations = await invitationsOfUser(ctx.db, actor.email, epochSeconds(ctx.clock.now()));
  const found = await Promise.all(invitations.map(async (invitation) => ({ invitation, organisation: await getOrganisation(ctx.db, invitation.organisationId) })));
  return found.flatMap((f) => (f.organisation ? [{ invitation: f.invitation, organisation: f.organisation }] : []));
}

async function openInvitation(ctx: ServiceContext, actor: Actor, organisationId: string): Promise<Invitation> {
  require(actor.kind === 'person');
  const invitation = (await invitationsOfUser(ctx.db, actor.email, epochSeconds(ctx.clock.now()))).find((i) => i.organisationId === organisationId);
  if (!invitation) throw new NotFoundError();
  return invitation;
}

/**
 * The invitee says yes: the membership, and the invitation gone, in one transaction. A blocked
 * (or removed) organisation takes nobody in: nothing changes, and the answer says it is blocked.
 * The organisation must still be unblocked when the transaction commits (a condition on it).
 */
export async function acceptInvitation(ctx: ServiceContext, actor: Actor, organisationId: string): Promise<{ organisation: Organisation; blocked: boolean }> {
  const invitation = await openInvitation(ctx, actor, organisationId);
  const organisation = await getOrganisation(ctx.db, organisationId);
  if (!organisation) throw new NotFoundError();
  if (organisation.blockedAt) return { organisation, blocked: true };
  const at = ctx.clock.now().toISOString();
  try {
    await transact(ctx.db, [
      { ConditionCheck: { TableName: ctx.db.tableName, Key: keys.organisation(organisationId), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(blockedAt)' } },
      { Delete: { TableName: ctx.db.tableName, Key: keys.invitation(invitation.email, organisationId), ConditionExpression: 'attribute_exists(pk)' } },
      ...(await newUserPut(ctx.db, invitation.email, invitation.name, at)),
      put(ctx.db, membershipItem({ role: 'employer', email: invitation.email, organisationId })),
      auditPut(ctx.db, { at, actor: invitation.email, action: 'organisation.member-joined', subject: { type: 'organisation', id: organisationId }, detail: { invitedBy: invitation.invitedBy } }),
    ]);
  } catch (e) {
    // Blocked between the read and the write: the same answer as blocked before.
    const now = await getOrganisation(ctx.db, organisationId);
    if (e instanceof ConflictError && now?.blockedAt) return { organisation: now, blocked: true };
    throw e;
  }
  return { organisation, blocked: false };
}

/** The invitee says no: the invitation goes, nothing else changes. */
export async function declineInvitation(ctx: ServiceContext, actor: Actor, organisationId: string): Promise<void> {
  const invitation = await openInvitation(ctx, actor, organisationId);
  await transact(ctx.db, [
    del(ctx.db, keys.invitation(invitation.email, organisationId)),
    auditPut(ctx.db, { at: ctx.clock.now().toISOString(), actor: invitation.email, action: 'organisation.invitation-declined', subject: { type: 'organisation', id: organisationId } }),
  ]);
}

/** An organisation's open invitations, for its members page. */
export async function openInvitationsOf(ctx: ServiceContext, actor: Actor, organisationId: string): Promise<Invitation[]> {
  require(mayManageOrganisation(actor, organisationId));
  return invitationsOfOrganisation(ctx.db, organisationId, epochSeconds(ctx.clock.now()));
}

/** Owners of the organisation and the admin remove members (an owner cannot remove themselves). */
export const mayRemoveMembers = (a: Actor, organisationId: string) => isAdmin(a) || isOwnerOf(a, organisationId);

export async function removeMember(ctx: ServiceContext, actor: Actor, organisationId: string, email: string): Promise<void> {
  require(mayRemoveMembers(actor, organisationId));
  const member = (await membershipsOfOrganisation(ctx.db, organisationId)).find((m) => m.email === email.trim().toLowerCase());
  if (!member) throw new NotFoundError();
  if (actor.kind === 'person' && member.email === actor.email && !isAdmin(actor)) require(false);
  await transact(ctx.db, [
    { Delete: { TableName: ctx.db.tableName, Key: keys.membership(member), ConditionExpression: 'attribute_exists(pk)' } },
    auditPut(ctx.db, { at: ctx.clock.now().toISOString(), actor: actorName(actor), action: 'organisation.member-removed', subject: { type: 'organisation', id: organisationId }, detail: { email: member.email } }),
  ]);
}

/**
 * The organisations working in a region, by name: a desk posts on behalf of one of them.
 * Employers, non-profits and partners alike (an agency posts jobs, a training provider learning
 * places, a WSP a job fair); only volunteering is limited, by the listing rules.
 */
export async function employersInRegion(db: Db, actor: Actor, regionId: string): Promise<Organisation[]> {
  require(isDeskOf(actor, regionId));
  return (await listOrganisations(db)).filter((o) => postsInRegion(o, regionId));
}

import { ulid } from 'ulid';
import * as z from 'zod';
import { Email, Text } from '../domain/common.js';
import { Organisation, postsInRegion } from '../domain/organisation.js';
import type { EmployerSignup, PortalLocale } from '../domain/session.js';
import type { Membership } from '../domain/user.js';
import { keys } from '../db/keys.js';
import { NotFoundError, parseInput, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { updateFields } from '../repositories/accounts.js';
import { auditPut } from '../repositories/audit.js';
import { getDirectory } from '../repositories/directory.js';
import { getOrganisation, listOrganisations, organisationItem } from '../repositories/organisations.js';
import { put, transact, type TransactItem } from '../repositories/transact.js';
import { getUserByEmail, membershipItem, membershipsOfOrganisation } from '../repositories/users.js';
import { actorName, isDeskOf, mayManageOrganisation, mayReadOrganisation, require, type Actor } from './actor.js';
import { issueLoginLink, LOGIN_TOKEN_MINUTES } from './login-link.js';
import type { ServiceContext } from './context.js';
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
  const membership: Membership = { role: 'employer', email, organisationId: organisation.id };
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

export async function updateOrganisationProfile(ctx: ServiceContext, actor: Actor, organisationId: string, input: unknown): Promise<Organisation> {
  require(mayManageOrganisation(actor, organisationId));
  const fields = parseInput(OrganisationProfile, input);
  const current = await getOrganisation(ctx.db, organisationId);
  if (!current) throw new NotFoundError();
  const regions = new Set((await getDirectory(ctx.db)).regions.map((r) => r.id));
  if (fields.regionIds.some((r) => !regions.has(r))) throw new ValidationError([{ field: 'regionIds', key: 'error.invalid_choice' }]);
  const next = Organisation.parse({ ...current, ...fields });
  const { gsi1pk, gsi1sk } = organisationItem(next);
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    updateFields(ctx.db, keys.organisation(organisationId), { ...Object.fromEntries(Object.keys(OrganisationProfile.shape).map((k) => [k, next[k as keyof Organisation]])), gsi1pk, gsi1sk }),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'organisation.updated', subject: { type: 'organisation', id: organisationId } }),
  ]);
  return next;
}

export async function membersOfOrganisation(db: Db, actor: Actor, organisationId: string): Promise<Membership[]> {
  require(mayManageOrganisation(actor, organisationId));
  return membershipsOfOrganisation(db, organisationId);
}

export const ColleagueInput = z.object({ name: Text(120), email: Email });

/**
 * Adds a colleague to an organisation and mails them a sign-in link. Inviting someone who is
 * already a member sends a fresh link and changes nothing else.
 */
export async function inviteColleague(ctx: ServiceContext, actor: Actor, organisationId: string, input: unknown, locale: PortalLocale): Promise<void> {
  require(mayManageOrganisation(actor, organisationId));
  const { name, email } = parseInput(ColleagueInput, input);
  const organisation = await getOrganisation(ctx.db, organisationId);
  if (!organisation) throw new NotFoundError();
  const members = await membershipsOfOrganisation(ctx.db, organisationId);
  if (!members.some((m) => m.email === email)) {
    const at = ctx.clock.now().toISOString();
    await transact(ctx.db, [
      ...(await newUserPut(ctx.db, email, name, at)),
      put(ctx.db, membershipItem({ role: 'employer', email, organisationId })),
      auditPut(ctx.db, { at, actor: actorName(actor), action: 'organisation.member-invited', subject: { type: 'organisation', id: organisationId }, detail: { email } }),
    ]);
  }
  const link = await issueLoginLink(ctx, email, locale);
  await ctx.mail.send({
    to: email,
    subject: t(locale, 'portal.mail.invite.subject', { organisation: organisation.name }),
    text: t(locale, 'portal.mail.invite.body', { organisation: organisation.name, link, minutes: LOGIN_TOKEN_MINUTES }),
  });
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

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AuditEvent } from '../domain/audit.js';
import { dutchDayRange } from '../domain/dutch-time.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { NotFoundError, parseInput, ValidationError } from '../errors.js';
import { updateFields } from '../repositories/accounts.js';
import { auditByActorBetween, auditOfSubjectBetween, auditPut } from '../repositories/audit.js';
import { getDirectory } from '../repositories/directory.js';
import { interestIdByReference } from '../repositories/interests.js';
import { listingsOfOrganisation } from '../repositories/listings.js';
import { getOrganisation } from '../repositories/organisations.js';
import { countPendingInRegion } from '../repositories/queue.js';
import { del, put, transact } from '../repositories/transact.js';
import { managersOfRegion, membershipItem, membershipsOfOrganisation } from '../repositories/users.js';
import { Email, Slug, Text } from '../domain/common.js';
import type { Membership } from '../domain/user.js';
import { newUserPut } from './accounts.js';
import { actorName, isAdmin, require, type Actor } from './actor.js';
import type { ServiceContext } from './context.js';
import { changeStatus } from './listings.js';
import { regionReport, thisMonth } from './report.js';

/** Admins: block and remove employer accounts, read the audit log, see totals per region. */

async function employerOrganisation(db: Db, organisationId: string) {
  const organisation = await getOrganisation(db, organisationId);
  if (!organisation) throw new NotFoundError();
  return organisation;
}

/**
 * Blocks an organisation's account, or lifts the block: every member's membership is marked, so
 * it grants nothing from the next request on (a member with no other role is signed out at once,
 * shared/services/auth.ts) and no sign-in link is sent for it.
 */
export async function setEmployerBlocked(ctx: ServiceContext, actor: Actor, organisationId: string, blocked: boolean): Promise<void> {
  require(isAdmin(actor));
  await employerOrganisation(ctx.db, organisationId);
  const at = ctx.clock.now().toISOString();
  const members = await membershipsOfOrganisation(ctx.db, organisationId);
  const items = [
    updateFields(ctx.db, keys.organisation(organisationId), { blockedAt: blocked ? at : undefined }),
    ...members.map((m) => put(ctx.db, membershipItem(m.role === 'employer' ? { ...m, blockedAt: blocked ? at : undefined } : m))),
    auditPut(ctx.db, { at, actor: actorName(actor), action: blocked ? 'organisation.blocked' : 'organisation.unblocked', subject: { type: 'organisation', id: organisationId }, detail: { members: members.length } }),
  ];
  // TransactWriteItems takes 100 items; an organisation has a handful of members.
  for (let i = 0; i < items.length; i += 99) await transact(ctx.db, items.slice(i, i + 99));
}

/**
 * Removes an organisation's account: its members lose it at once (memberships deleted, sessions
 * with nothing else end), its open listings are closed, and the organisation stays blocked so
 * that nobody posts for it; its history and closed listings stay.
 */
export async function removeEmployerAccount(ctx: ServiceContext, actor: Actor, organisationId: string): Promise<{ members: number; closed: number }> {
  require(isAdmin(actor));
  await employerOrganisation(ctx.db, organisationId);
  const at = ctx.clock.now().toISOString();
  const members = await membershipsOfOrganisation(ctx.db, organisationId);
  await transact(ctx.db, [
    updateFields(ctx.db, keys.organisation(organisationId), { blockedAt: at }),
    ...members.map((m) => del(ctx.db, keys.membership(m))),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'organisation.removed', subject: { type: 'organisation', id: organisationId }, detail: { members: members.map((m) => m.email) } }),
  ]);
  let closed = 0;
  let cursor: string | undefined;
  do {
    const page = await listingsOfOrganisation(ctx.db, organisationId, { cursor, limit: 100 });
    for (const l of page.items.filter((x) => x.status === 'published' || x.status === 'pending' || x.status === 'draft')) {
      await changeStatus(ctx.db, actor, l.id, l.version, 'close', { clock: ctx.clock });
      closed++;
    }
    cursor = page.cursor;
  } while (cursor);
  return { members: members.length, closed };
}

export const AuditFilter = z
  .object({
    /** Who acted: an e-mail address, `system` or `resident`. */
    who: z.preprocess((v) => (v === '' ? undefined : typeof v === 'string' ? v.trim().toLowerCase() : v), z.string().max(254).optional()),
    /** Which resident: a reference code, or the interest's id. */
    resident: z.preprocess((v) => (v === '' ? undefined : typeof v === 'string' ? v.trim().toUpperCase() : v), z.string().max(40).optional()),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((f) => f.from <= f.to, { path: ['to'], message: 'end_before_start' });

/**
 * The audit log for an admin: who saw or changed which resident's data, and when. By person
 * (every event they caused), by resident (every event about them: views, introduction, outcomes,
 * deletion), or both; always within a period of Dutch days.
 */
export async function auditLog(db: Db, actor: Actor, input: unknown, now: Date): Promise<AuditEvent[]> {
  require(isAdmin(actor));
  const f = parseInput(AuditFilter, input);
  if (!f.who && !f.resident) throw new ValidationError([{ field: 'who', key: 'portal.audit.needFilter' }]);
  const range = dutchDayRange(f.from, f.to);
  if (f.resident) {
    const interestId = /^[0-9A-HJKMNP-TV-Z]{26}$/.test(f.resident) ? f.resident : await interestIdByReference(db, f.resident, now);
    if (!interestId) throw new ValidationError([{ field: 'resident', key: 'error.reference_unknown' }]);
    const events = await auditOfSubjectBetween(db, 'interest', interestId, range.from, range.to);
    return f.who ? events.filter((e) => e.actor === f.who) : events;
  }
  return auditByActorBetween(db, f.who!, range.from, range.to);
}

export interface RegionTotals {
  regionId: string;
  name: string;
  pending: number;
  published: number;
  /** This Dutch month: residents who reacted, were introduced, started work. */
  residents: number;
  introduced: number;
  started: number;
}

async function countPublishedInRegion(db: Db, regionId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({ TableName: db.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.regionPublished(regionId) }, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

/** Per region: the queue, what is on the site, and this month's residents, introductions and starts. */
export async function regionTotals(db: Db, actor: Actor, now: Date): Promise<RegionTotals[]> {
  require(isAdmin(actor));
  const { regions } = await getDirectory(db);
  const month = thisMonth(now);
  return Promise.all(
    regions.map(async (r) => {
      const [pending, published, report] = await Promise.all([countPendingInRegion(db, r.id), countPublishedInRegion(db, r.id), regionReport(db, actor, r.id, month)]);
      return { regionId: r.id, name: r.name, pending, published, residents: report.residents.total, introduced: report.outcomes.introduced.total, started: report.outcomes.started.total };
    }),
  );
}

/** Every region's read-only report readers, by region. */
export async function regionManagers(db: Db, actor: Actor): Promise<{ regionId: string; managers: Membership[] }[]> {
  require(isAdmin(actor));
  const { regions } = await getDirectory(db);
  return Promise.all(regions.map(async (r) => ({ regionId: r.id, managers: await managersOfRegion(db, r.id) })));
}

export const ManagerInput = z.object({ name: Text(120), email: Email, regionId: Slug });

/** Gives a person the region's reports to read (a region manager): nothing about single residents. */
export async function addRegionManager(ctx: ServiceContext, actor: Actor, input: unknown): Promise<Membership> {
  require(isAdmin(actor));
  const v = parseInput(ManagerInput, input);
  if (!(await getDirectory(ctx.db)).regions.some((r) => r.id === v.regionId)) throw new ValidationError([{ field: 'regionId', key: 'error.invalid_choice' }]);
  const membership: Membership = { role: 'manager', email: v.email, regionId: v.regionId };
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    ...(await newUserPut(ctx.db, v.email, v.name, at)),
    put(ctx.db, membershipItem(membership)),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'manager.added', subject: { type: 'user', id: v.email }, detail: { regionId: v.regionId } }),
  ]);
  return membership;
}

export async function removeRegionManager(ctx: ServiceContext, actor: Actor, email: string, regionId: string): Promise<void> {
  require(isAdmin(actor));
  const membership = (await managersOfRegion(ctx.db, regionId)).find((m) => m.email === email);
  if (!membership) throw new NotFoundError();
  await transact(ctx.db, [
    del(ctx.db, keys.membership(membership)),
    auditPut(ctx.db, { at: ctx.clock.now().toISOString(), actor: actorName(actor), action: 'manager.removed', subject: { type: 'user', id: email }, detail: { regionId } }),
  ]);
}

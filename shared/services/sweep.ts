import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Config } from '../config/index.js';
import type { MinimumWageTable } from '../config/minimum-wage.js';
import { formatMoney } from '../i18n/format.js';
import { SCHEDULED_KINDS, wageProblem, type Listing } from '../domain/listing.js';
import { declarationValidUntil, hasValidDeclaration, type Organisation } from '../domain/organisation.js';
import { getOrganisation } from '../repositories/organisations.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { ConflictError } from '../errors.js';
import type { MailPort } from '../ports/mail.js';
import { getDirectory } from '../repositories/directory.js';
import { peopleDueForDeletion } from '../repositories/interests.js';
import { allPublishedInRegion } from '../repositories/listings.js';
import { deskStaffOfRegion, membershipsOfOrganisation } from '../repositories/users.js';
import { SYSTEM } from './actor.js';
import { portalLink, type ServiceContext, sendNotices } from './context.js';
import { sendDeskDigests } from './digest.js';
import { sendTwvReminders } from './twv-reminder.js';
import { changeStatus } from './listings.js';
import { deletePerson } from './privacy.js';

/**
 * The scheduled sweep (EventBridge hourly on AWS, every minute under `npm start`): listings
 * past their closing date leave the site, paid listings below a minimum wage that has taken
 * effect and volunteering whose organisation's declaration lapsed go back to the desk (the
 * organisation and the desk are told), employers hear three days before
 * theirs close, residents' data past retention is deleted, and desks get their daily digest and
 * reminders of TWV applications waiting over 5 weeks. Safe to run
 * twice, or in parallel with people working: a lost race is skipped, each notice is sent once.
 */
export interface SweepDeps {
  db: Db;
  config: Config;
  /** Without a mail port nothing is sent (and nothing is marked as sent). */
  mail?: MailPort;
  /** The minimum-wage table (configuration; tests pass their own). */
  wageTable?: MinimumWageTable;
}

export interface SweepResult {
  expired: string[];
  /** Published listings whose wage fell below the minimum in force: back in the desk's queue. */
  belowMinimumWage: string[];
  /** Published volunteering whose organisation's volunteer declaration lapsed: back in the desk's queue. */
  declarationLapsed: string[];
  warned: string[];
  peopleDeleted: number;
  digestsSent: number;
  /** Mails reminding desks of TWV applications waiting longer than 5 weeks. */
  twvRemindersSent: number;
}

const DAY = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function isPastClosing(l: Listing, now: Date): boolean {
  if (l.closingDate !== undefined && l.closingDate < dayOf(now)) return true;
  return SCHEDULED_KINDS.includes(l.kind) && l.endsAt !== undefined && l.endsAt < now.toISOString();
}

/** Claims a one-off job; true for exactly one caller. The marker expires after a month. */
async function claimOnce(db: Db, key: { pk: string; sk: string }, now: Date): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...key, type: 'marker', at: now.toISOString(), expiresAt: Math.floor((now.getTime() + 31 * DAY) / 1000) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

async function warnClosingSoon(ctx: ServiceContext, listing: Listing, now: Date): Promise<boolean> {
  if (!(await claimOnce(ctx.db, keys.notice(listing.id, 'closing-soon'), now))) return false;
  const members = await membershipsOfOrganisation(ctx.db, listing.organisationId);
  const params = { title: listing.title, date: listing.closingDate ?? '', link: portalLink(ctx, `/portal/listings/${listing.id}`) };
  await sendNotices(ctx, members.map((m) => m.email), 'portal.mail.closingSoon.subject', 'portal.mail.closingSoon.body', params);

  return true;
}

/**
 * A published listing whose wage is below the minimum in force on the later of today and its
 * start date (a new rate took effect, or it was published before the rule): it goes back to
 * the desk's queue, and the employer and the region's desk are told why. Never silently: the
 * change and the notices go together; a lost race (someone changed it meanwhile) is skipped.
 */
async function sendBackForWage(deps: SweepDeps, ctx: ServiceContext | undefined, listing: Listing, now: Date): Promise<boolean> {
  const problem = wageProblem(listing, dayOf(now), deps.wageTable);
  return sendBack(deps, ctx, listing, now, 'wageBelowMinimum', (locale) => ({
    title: listing.title,
    wage: formatMoney(locale, listing.wagePerHour ?? 0),
    minimum: formatMoney(locale, Number(problem?.params?.minimum ?? 0)),
    date: String(problem?.params?.date ?? ''),
  }));
}

/**
 * Published volunteering whose organisation no longer holds a valid UWV volunteer declaration
 * (it expired after 3 years, or the desk removed it): back to the desk, the same way.
 */
async function sendBackForDeclaration(deps: SweepDeps, ctx: ServiceContext | undefined, listing: Listing, organisation: Organisation | undefined, now: Date): Promise<boolean> {
  const issuedOn = organisation?.volunteerDeclaration?.issuedOn;
  return sendBack(deps, ctx, listing, now, 'declarationLapsed', () => ({
    title: listing.title,
    organisation: organisation?.name ?? '',
    until: issuedOn ? declarationValidUntil(issuedOn) : '-',
  }));
}

/** Sends a published listing back to the desk's queue and tells the organisation and the desk why. */
async function sendBack(
  deps: SweepDeps,
  ctx: ServiceContext | undefined,
  listing: Listing,
  now: Date,
  action: 'wageBelowMinimum' | 'declarationLapsed',
  params: (locale: 'nl' | 'en') => Record<string, string>,
): Promise<boolean> {
  try {
    await changeStatus(deps.db, SYSTEM, listing.id, listing.version, action, { clock: { now: () => now } });
  } catch (e) {
    if (e instanceof ConflictError) return false;
    throw e;
  }
  if (ctx) {
    const members = await membershipsOfOrganisation(deps.db, listing.organisationId);
    const desk = await deskStaffOfRegion(deps.db, listing.regionId);
    const link = portalLink(ctx, `/portal/listings/${listing.id}`);
    await sendNotices(ctx, [...members, ...desk].map((m) => m.email), `portal.mail.${action}.subject`, `portal.mail.${action}.body`, (locale) => ({ ...params(locale), link }));
  }
  return true;
}

export async function sweep(deps: SweepDeps, now: Date = new Date()): Promise<SweepResult> {
  const { db } = deps;
  const ctx: ServiceContext | undefined = deps.mail ? { db, mail: deps.mail, clock: { now: () => now }, config: deps.config } : undefined;
  const result: SweepResult = { expired: [], belowMinimumWage: [], declarationLapsed: [], warned: [], peopleDeleted: 0, digestsSent: 0, twvRemindersSent: 0 };
  const inThreeDays = dayOf(new Date(now.getTime() + 3 * DAY));
  const { regions } = await getDirectory(db);
  const organisations = new Map<string, Promise<Organisation | undefined>>();
  const organisationOf = (id: string) => organisations.get(id) ?? organisations.set(id, getOrganisation(db, id)).get(id)!;
  for (const region of regions) {
    for (const listing of await allPublishedInRegion(db, region.id)) {
      if (isPastClosing(listing, now)) {
        try {
          await changeStatus(db, SYSTEM, listing.id, listing.version, 'expire', { clock: { now: () => now } });
          result.expired.push(listing.id);
        } catch (e) {
          if (!(e instanceof ConflictError)) throw e;
        }
      } else if (wageProblem(listing, dayOf(now), deps.wageTable)?.message === 'wage_below_minimum') {
        if (await sendBackForWage(deps, ctx, listing, now)) result.belowMinimumWage.push(listing.id);
      } else if (listing.kind === 'volunteering' && !hasValidDeclaration((await organisationOf(listing.organisationId)) ?? { kind: 'employer' }, dayOf(now))) {
        if (await sendBackForDeclaration(deps, ctx, listing, await organisationOf(listing.organisationId), now)) result.declarationLapsed.push(listing.id);
      } else if (ctx && listing.closingDate === inThreeDays && (await warnClosingSoon(ctx, listing, now))) {
        result.warned.push(listing.id);
      }
    }
    for (const due of await peopleDueForDeletion(db, region.id, now)) {
      await deletePerson(db, due.interestId, 'system', 'interest.data-expired', now);
      result.peopleDeleted++;
    }
  }
  if (ctx && (await claimOnce(db, keys.dailyRun('desk-digest', dayOf(now)), now))) {
    result.digestsSent = (await sendDeskDigests(ctx, SYSTEM)).reduce((n, d) => n + d.mailed.length, 0);
  }
  if (ctx && (await claimOnce(db, keys.dailyRun('twv-reminder', dayOf(now)), now))) {
    result.twvRemindersSent = (await sendTwvReminders(ctx, SYSTEM)).reduce((n, r) => n + r.mailed.length, 0);
  }
  return result;
}

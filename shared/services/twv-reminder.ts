import { addDays, daysBetween, dutchDay } from '../domain/dutch-time.js';
import { TWV_REMINDER_DAYS } from '../domain/ladder.js';
import { formatDate } from '../i18n/format.js';
import { getDirectory } from '../repositories/directory.js';
import { twvWaitingSince } from '../repositories/interests.js';
import { getListings } from '../repositories/listings.js';
import { deskStaffOfRegion } from '../repositories/users.js';
import { isAdmin, require, type Actor } from './actor.js';
import { portalLink, sendNotices, type ServiceContext } from './context.js';

export interface TwvReminder {
  regionId: string;
  /** Interests whose TWV application waits longer than 5 weeks. */
  overdue: string[];
  mailed: string[];
}

/**
 * UWV decides on a TWV in 2 to 5 weeks: once a day, the desk staff of each region hear which
 * applications wait longer (by listing and day applied, with a link; no resident named in the
 * mail). For the scheduled sweep (the system), or an admin.
 */
export async function sendTwvReminders(ctx: ServiceContext, actor: Actor): Promise<TwvReminder[]> {
  require(isAdmin(actor));
  const today = dutchDay(ctx.clock.now());
  const appliedBy = addDays(today, -(TWV_REMINDER_DAYS + 1));
  const { regions } = await getDirectory(ctx.db);
  const out: TwvReminder[] = [];
  for (const region of regions) {
    const waiting = await twvWaitingSince(ctx.db, region.id, appliedBy);
    const staff = waiting.length > 0 ? await deskStaffOfRegion(ctx.db, region.id) : [];
    if (waiting.length === 0 || staff.length === 0) {
      out.push({ regionId: region.id, overdue: waiting.map((i) => i.id), mailed: [] });
      continue;
    }
    const titles = new Map((await getListings(ctx.db, [...new Set(waiting.map((i) => i.listingId))])).map((l) => [l.id, l.title]));
    const lines = (locale: 'nl' | 'en') =>
      waiting
        .map((i) => {
          const applied = i.stages['twv-applied']!;
          return `- ${titles.get(i.listingId) ?? i.listingId} (${formatDate(locale, applied)}, ${daysBetween(applied, today)}): ${portalLink(ctx, `/portal/desk/${region.id}/interests/${i.id}`)}`;
        })
        .join('\n');
    const mailed = [...new Set(staff.map((m) => m.email))];
    await sendNotices(ctx, mailed, 'portal.mail.twvReminder.subject', 'portal.mail.twvReminder.body', (locale) => ({ count: waiting.length, region: region.name, applications: lines(locale) }));
    out.push({ regionId: region.id, overdue: waiting.map((i) => i.id), mailed });
  }
  return out;
}

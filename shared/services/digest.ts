import { formatDate } from '../i18n/format.js';
import { getDirectory } from '../repositories/directory.js';
import { pendingInRegion } from '../repositories/listings.js';
import { countPendingInRegion } from '../repositories/queue.js';
import { deskStaffOfRegion } from '../repositories/users.js';
import { isAdmin, require, type Actor } from './actor.js';
import { portalLink, type ServiceContext, sendNotices } from './context.js';

export interface RegionDigest {
  regionId: string;
  pending: number;
  mailed: string[];
}

/** How many of the oldest waiting listings a digest names; the rest are counted. */
const NAMED = 10;

/**
 * The digest of pending items for desk staff: per region with listings waiting for review, one
 * mail to each desk member of the region, oldest first. For the scheduled sweep (the system),
 * or an admin.
 */
export async function sendDeskDigests(ctx: ServiceContext, actor: Actor): Promise<RegionDigest[]> {
  require(isAdmin(actor));
  const { regions } = await getDirectory(ctx.db);
  const out: RegionDigest[] = [];
  for (const region of regions) {
    const pending = await countPendingInRegion(ctx.db, region.id);
    const staff = pending > 0 ? await deskStaffOfRegion(ctx.db, region.id) : [];
    if (pending === 0 || staff.length === 0) {
      out.push({ regionId: region.id, pending, mailed: [] });
      continue;
    }
    const oldest = (await pendingInRegion(ctx.db, region.id, { limit: NAMED })).items;
    const lines = (locale: 'nl' | 'en') => oldest.map((l) => `- ${l.title} (${formatDate(locale, l.submittedAt ?? l.updatedAt)})`).join('\n');
    const params = (locale: 'nl' | 'en') => ({ count: pending, region: region.name, link: portalLink(ctx, `/portal/desk/${region.id}`), listings: lines(locale) });
    const mailed = [...new Set(staff.map((m) => m.email))];
    await sendNotices(ctx, mailed, 'portal.mail.digest.subject', 'portal.mail.digest.body', params);

    out.push({ regionId: region.id, pending, mailed });
  }
  return out;
}

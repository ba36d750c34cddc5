import type { PortalLocale } from '../../shared/domain/session.js';
import { t } from '../../shared/i18n/index.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { deskRegions, employerOrganisations, isAdmin, managedRegions, type Actor } from '../../shared/services/actor.js';
import { getOrganisationFor } from '../../shared/services/accounts.js';
import { queueCount } from '../../shared/services/moderation.js';
import { translatorRegions } from '../../shared/services/summaries.js';
import type { NavItem, Portal } from './env.js';

/**
 * The person's navigation: their organisations, their regions' queues (with counts) and
 * interest inboxes (no count: counting new interest would read the region's every interest), admin.
 */
export async function navFor(p: Portal, actor: Actor, locale: PortalLocale): Promise<NavItem[]> {
  const items: NavItem[] = [];
  for (const id of employerOrganisations(actor)) {
    const organisation = await getOrganisationFor(p.deps.db, actor, id).catch(() => undefined);
    if (organisation) items.push({ href: `/portal/org/${id}`, label: organisation.name });
  }
  const regions = deskRegions(actor);
  if (regions.length > 0) {
    const names = new Map((await getDirectory(p.deps.db)).regions.map((r) => [r.id, r.name]));
    for (const regionId of regions) {
      items.push({
        href: `/portal/desk/${regionId}`,
        label: t(locale, 'portal.nav.queue', { region: names.get(regionId) ?? regionId }),
        count: await queueCount(p.deps.db, actor, regionId),
      });
      items.push({ href: `/portal/desk/${regionId}/interests`, label: t(locale, 'portal.nav.interests', { region: names.get(regionId) ?? regionId }) });
      items.push({ href: `/portal/translate/${regionId}`, label: t(locale, 'portal.nav.translations', { region: names.get(regionId) ?? regionId }) });
    }
  }
  const managed = managedRegions(actor).filter((r) => !regions.includes(r));
  if (managed.length > 0) {
    const names = new Map((await getDirectory(p.deps.db)).regions.map((r) => [r.id, r.name]));
    for (const regionId of managed) items.push({ href: `/portal/desk/${regionId}/report`, label: t(locale, 'portal.report.title', { region: names.get(regionId) ?? regionId }) });
  }
  // Volunteer translators: the listings of their regions to summarise.
  const translating = translatorRegions(actor).filter((r) => !regions.includes(r));
  if (translating.length > 0) {
    const names = new Map((await getDirectory(p.deps.db)).regions.map((r) => [r.id, r.name]));
    for (const regionId of translating) items.push({ href: `/portal/translate/${regionId}`, label: t(locale, 'portal.nav.translations', { region: names.get(regionId) ?? regionId }) });
  }
  if (isAdmin(actor)) items.push({ href: '/portal/admin', label: t(locale, 'portal.nav.admin') });
  return items;
}

import { ulid } from 'ulid';
import coa from '../../shared/data/coa-locations.json' with { type: 'json' };
import type { Db } from '../../shared/db/client.js';
import { Location, Region } from '../../shared/domain/region.js';
import { Organisation } from '../../shared/domain/organisation.js';
import type { Membership } from '../../shared/domain/user.js';
import { getDirectory, putLocation, putRegion } from '../../shared/repositories/directory.js';
import { putOrganisation } from '../../shared/repositories/organisations.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { changeStatus, createListing, type Clock } from '../../shared/services/listings.js';
import { findPlace } from '../../shared/services/places.js';
import { DEMO_LISTINGS, type DemoListing } from './listings.js';
import { DEMO_ORGANISATIONS } from './organisations.js';

/** The demo sign-ins `npm start` prints. Magic links arrive in the local mailbox. */
export const DEMO_LOGINS = [
  { email: 'admin@example.org', name: 'Ada Admin', what: 'admin: regions, locations, desk staff, trusted employers' },
  { email: 'desk-noord@example.org', name: 'Noor Noord', what: 'participation desk, region Noord' },
  { email: 'desk-oost@example.org', name: 'Otto Oost', what: 'participation desk, region Oost' },
  { email: 'desk-zuid@example.org', name: 'Zeynep Zuid', what: 'participation desk, region Zuid' },
  { email: 'desk-west@example.org', name: 'Willem West', what: 'participation desk, region West' },
  { email: 'werkgever@example.org', name: 'Wendy Werkgever', what: 'employer in region Zuid' },
] as const;

export async function isSeeded(db: Db) {
  return (await getDirectory(db)).regions.length > 0;
}

const day = 86_400_000;
const dateIn = (today: Date, days: number) => new Date(today.getTime() + days * day).toISOString().slice(0, 10);

/** Dates in the demo are relative to today, so the demo never goes stale. */
function listingInputOf(d: DemoListing, organisationId: string, today: Date) {
  const { organisationKey: _k, status: _s, startInDays, closesInDays, visitInDays, visitStartTime, visitHours, ...fields } = d;
  const place = findPlace(fields.workplace.city);
  if (!('found' in place)) throw new Error(`demo listing "${d.title}": no single place called ${fields.workplace.city}`);
  const out: Record<string, unknown> = { ...fields, organisationId, workplace: { ...fields.workplace, lat: place.found.lat, lon: place.found.lon } };
  if (startInDays !== undefined) out.startDate = dateIn(today, startInDays);
  if (closesInDays !== undefined) out.closingDate = dateIn(today, closesInDays);
  if (visitInDays !== undefined) {
    // Times are Dutch local times; the demo uses +01:00 (winter time) for simplicity.
    const start = `${dateIn(today, visitInDays)}T${visitStartTime ?? '10:00'}:00+01:00`;
    const end = new Date(new Date(start).getTime() + (visitHours ?? 2) * 3_600_000);
    out.startsAt = start;
    out.endsAt = end.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return out;
}

export async function seedDemo(db: Db, today = new Date(), log: (s: string) => void = () => {}) {
  const clock: Clock = { now: () => new Date() };
  for (const r of coa.regions) {
    await putRegion(db, Region.parse({ id: r.id, name: r.name }));
    for (const l of r.locations) {
      await putLocation(db, Location.parse({ ...l, regionId: r.id }));
    }
  }
  log(`${coa.regions.length} regions, ${coa.regions.reduce((n, r) => n + r.locations.length, 0)} locations`);

  const orgIds = new Map<string, string>();
  for (const { key, ...o } of DEMO_ORGANISATIONS) {
    const org = Organisation.parse({ ...o, id: ulid(), createdAt: new Date().toISOString() });
    await putOrganisation(db, org);
    orgIds.set(key, org.id);
  }
  log(`${orgIds.size} employers and partners`);

  const now = new Date().toISOString();
  const memberships: Membership[] = [
    { role: 'admin', email: 'admin@example.org' },
    ...coa.regions.map((r): Membership => ({ role: 'desk', email: `desk-${r.id}@example.org`, regionId: r.id, locationIds: [] })),
    { role: 'employer', email: 'werkgever@example.org', organisationId: orgIds.get('werkgever-zuid')!, owner: true },
  ];
  for (const login of DEMO_LOGINS) await putUser(db, { id: ulid(), email: login.email, name: login.name, createdAt: now });
  for (const m of memberships) await putMembership(db, m);

  let count = 0;
  for (const d of DEMO_LISTINGS) {
    const organisationId = orgIds.get(d.organisationKey);
    if (!organisationId) throw new Error(`demo listing "${d.title}" names unknown organisation ${d.organisationKey}`);
    const l = await createListing(db, SYSTEM, listingInputOf(d, organisationId, today), clock);
    if (d.status !== 'draft') {
      const submitted = await changeStatus(db, SYSTEM, l.id, l.version, 'submit', { clock });
      if (d.status === 'published' && submitted.status === 'pending') {
        await changeStatus(db, SYSTEM, l.id, submitted.version, 'approve', { clock });
      }
    }
    count++;
  }
  log(`${count} listings`);
}

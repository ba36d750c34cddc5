import { ulid } from 'ulid';
import type { Db } from '../shared/db/client.js';
import type { ListingInput } from '../shared/domain/listing.js';
import type { Organisation } from '../shared/domain/organisation.js';
import { putLocation, putRegion } from '../shared/repositories/directory.js';
import { putOrganisation } from '../shared/repositories/organisations.js';
import type { Actor } from '../shared/services/actor.js';
import type { ServiceContext } from '../shared/services/context.js';
import { Outbox } from '../shared/adapters/mail-outbox.js';

export const NOW = new Date('2026-11-23T10:00:00.000Z');
export const clock = { now: () => NOW };

/** What the portal's use cases get in tests: the table, mail into `mail`, the fixed clock, links to opweg.example.org. */
export const serviceContext = (db: Db, mail = new Outbox()): ServiceContext => ({ db, mail, clock, config: { PUBLIC_ORIGIN: 'https://opweg.example.org', SESSION_HOURS: 12 } });

/** Two regions, a location in each: Venlo (Zuid) and Assen (Noord). */
export async function seedDirectory(db: Db) {
  await putRegion(db, { id: 'zuid', name: 'Zuid' });
  await putRegion(db, { id: 'noord', name: 'Noord' });
  await putLocation(db, { id: 'venlo', regionId: 'zuid', name: 'Venlo', municipality: 'Venlo', province: 'Limburg', lat: 51.3704, lon: 6.1724 });
  await putLocation(db, { id: 'assen', regionId: 'noord', name: 'Assen', municipality: 'Assen', province: 'Drenthe', lat: 52.9929, lon: 6.5642 });
}

export async function seedOrganisation(db: Db, o: Partial<Organisation> = {}): Promise<Organisation> {
  const org: Organisation = {
    id: ulid(),
    kind: 'employer',
    name: 'Kwekerij De Zon',
    regionIds: ['zuid'],
    trusted: false,
    createdAt: NOW.toISOString(),
    ...o,
  };
  await putOrganisation(db, org);
  return org;
}

/**
 * A non-profit organisation whose UWV volunteer declaration the desk recorded (dated 2025-03-01,
 * valid until 2028-02-29): it may post volunteering.
 */
export const NON_PROFIT: Partial<Organisation> = {
  kind: 'non-profit',
  name: 'Stichting Buurtmoestuin',
  volunteerDeclaration: { issuedOn: '2025-03-01', recordedBy: 'desk-zuid@example.org', recordedAt: '2025-03-10T09:00:00.000Z' },
};

export function vacancy(organisationId: string, o: Partial<ListingInput> = {}): ListingInput {
  return {
    organisationId,
    regionId: 'zuid',
    kind: 'job',
    title: 'Productiemedewerker kassen',
    description: 'Oogsten en inpakken van tomaten in een moderne kas.',
    language: 'nl',
    openTo: 'permit-holders-and-asylum-seekers',
    helpsWithWorkPermit: true,
    dutchLevel: 'A1',
    englishOk: true,
    hoursPerWeek: 32,
    wagePerHour: 15.2,
    startDate: '2026-12-07',
    closingDate: '2026-12-20',
    workplace: { city: 'Venlo', lat: 51.39, lon: 6.15 },
    ...o,
  };
}

export function visit(organisationId: string, o: Partial<ListingInput> = {}): ListingInput {
  return vacancy(organisationId, {
    kind: 'company-visit',
    title: 'Bedrijfsbezoek distributiecentrum',
    openTo: 'everyone',
    wagePerHour: undefined,
    startDate: undefined,
    startsAt: '2026-12-02T09:00:00+01:00',
    endsAt: '2026-12-02T12:00:00+01:00',
    seats: 20,
    ...o,
  });
}

/** Volunteering open to everyone, by a non-profit with a declaration: no wage, no TWV. */
export function volunteering(organisationId: string, o: Partial<ListingInput> = {}): ListingInput {
  return vacancy(organisationId, {
    kind: 'volunteering',
    title: 'Helpen in de moestuin',
    description: 'Samen groente kweken voor de voedselbank.',
    openTo: 'everyone',
    helpsWithWorkPermit: false,
    wagePerHour: undefined,
    ...o,
  });
}

export const employerOf = (organisationId: string, email = 'werkgever@example.org'): Actor => ({
  kind: 'person',
  email,
  memberships: [{ role: 'employer', email, organisationId }],
});
export const deskOf = (regionId: string, email = `desk-${regionId}@example.org`): Actor => ({
  kind: 'person',
  email,
  memberships: [{ role: 'desk', email, regionId, locationIds: [] }],
});
export const admin: Actor = { kind: 'person', email: 'admin@example.org', memberships: [{ role: 'admin', email: 'admin@example.org' }] };

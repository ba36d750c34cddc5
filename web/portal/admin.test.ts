import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { Membership } from '../../shared/domain/user.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { membershipsOfUser, putMembership, putUser } from '../../shared/repositories/users.js';
import { createTestDb } from '../../test/db.js';
import { NOW, seedDirectory, seedOrganisation } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { signedIn, type PortalClient } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let adminClient: PortalClient;
let desk: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
  const memberships: Membership[] = [
    { role: 'admin', email: 'admin@example.org' },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ];
  for (const m of memberships) {
    await putUser(db, { id: ulid(), email: m.email, name: m.email, createdAt: NOW.toISOString() });
    await putMembership(db, m);
  }
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  adminClient = await signedIn(server.url, outbox, 'admin@example.org');
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

describe('admin pages', () => {
  it('shows admin in the navigation, with every region\'s queue; not to a desk', async () => {
    expect(await (await adminClient.get('/portal/')).text()).toContain('href="/portal/admin"');
    const overview = await (await adminClient.get('/portal/admin')).text();
    expect(overview).toContain('href="/portal/desk/zuid"');
    expect(overview).toContain('href="/portal/desk/noord"');
    expect((await desk.get('/portal/admin')).status).toBe(403);
    expect((await desk.get('/portal/admin/regions')).status).toBe(403);
    expect((await desk.post('/portal/admin/regions', { id: 'oost', name: 'Oost' })).status).toBe(403);
  });

  it('adds a region and a location, placed by its town (a postcode in front is fine), refusing a bad one with field messages and storing nothing', async () => {
    expect((await adminClient.post('/portal/admin/regions', { id: 'oost', name: 'Oost' })).status).toBe(303);
    const zeist = { id: 'zeist', regionId: 'oost', name: 'Zeist', municipality: 'Zeist', province: 'Utrecht' };
    const bad = await adminClient.post('/portal/admin/locations', { ...zeist, id: 'Zeist Kamp', place: 'Atlantis' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/id="f-location-id-error"/);
    expect(html).toMatch(/id="f-location-place-error"/);
    expect(html).toContain('We kennen geen plaats in Nederland die &quot;Atlantis&quot; heet');
    expect(html).toContain('value="Zeist Kamp"');
    // A postcode alone places nothing (no data set of postcode centres exists to ship); a shared name needs its province; a new location needs a place.
    const postcodeOnly = await adminClient.post('/portal/admin/locations', { ...zeist, place: '3701 AB' });
    expect(postcodeOnly.status).toBe(422);
    expect(await postcodeOnly.text()).toContain('Een postcode alleen (&quot;3701 AB&quot;) kunnen we niet opzoeken. Zet de plaats erbij, zoals 5361 AB Grave, of vul alleen de plaats in.');
    const shared = await adminClient.post('/portal/admin/locations', { ...zeist, place: 'Hengelo' });
    expect(await shared.text()).toContain('Hengelo (Gelderland), Hengelo (Overijssel)');
    expect(await (await adminClient.post('/portal/admin/locations', { ...zeist, place: ' ' })).text()).toMatch(/id="f-location-place-error"/);
    expect((await getDirectory(db)).locations.find((l) => l.id === 'zeist')).toBeUndefined();

    const saved = await adminClient.post('/portal/admin/locations', { ...zeist, place: '3701 AB zeist' });
    expect(saved.status).toBe(303);
    const stored = (await getDirectory(db)).locations.find((l) => l.id === 'zeist');
    expect(stored).toMatchObject({ regionId: 'oost', place: 'Zeist', lat: expect.closeTo(52.09, 1), lon: expect.closeTo(5.23, 1) });
    // The admin sees where the location now is: the centre of the place it resolved to.
    const after = await (await adminClient.get(saved.headers.get('location')!)).text();
    expect(after).toMatch(/data-done="locationCreated"[^>]*>De locatie is toegevoegd\. Positie voor de afstanden: het centrum van Zeist \(Utrecht\) \(52\.\d+, 5\.\d+\)/);
    const form = await (await adminClient.get('/portal/admin/regions?location=zeist')).text();
    expect(form).toContain('value="Zeist"');
    expect(form).toContain(`Nu: het centrum van Zeist (Utrecht) (${stored!.lat}, ${stored!.lon})`);
  });

  it('keeps a location\'s position when an edit names no place, and moves it when it names another', async () => {
    const venlo = { id: 'venlo', regionId: 'zuid', name: 'Venlo', municipality: 'Venlo', province: 'Limburg' };
    // The seeded Venlo has coordinates and no place: its form says so, and may stay empty.
    expect(await (await adminClient.get('/portal/admin/regions?location=venlo')).text()).toContain('Nu: 51.3704, 6.1724 (uit de COA-lijst)');
    expect((await adminClient.post('/portal/admin/locations', { ...venlo, place: '', deskHours: 'ma 9-12' })).status).toBe(303);
    expect((await getDirectory(db)).locations.find((l) => l.id === 'venlo')).toMatchObject({ lat: 51.3704, lon: 6.1724, deskHours: 'ma 9-12' });
    expect((await getDirectory(db)).locations.find((l) => l.id === 'venlo')?.place).toBeUndefined();
    // Zeist (added above) moves to Doorn's centre; an unknown place then leaves it there.
    const zeist = { id: 'zeist', regionId: 'oost', name: 'Zeist', municipality: 'Zeist', province: 'Utrecht' };
    expect((await adminClient.post('/portal/admin/locations', { ...zeist, place: 'doorn' })).status).toBe(303);
    const moved = (await getDirectory(db)).locations.find((l) => l.id === 'zeist')!;
    expect(moved).toMatchObject({ place: 'Doorn', lat: expect.closeTo(52.03, 1), lon: expect.closeTo(5.35, 1) });
    expect((await adminClient.post('/portal/admin/locations', { ...zeist, place: 'Nergenshuizen' })).status).toBe(422);
    expect((await getDirectory(db)).locations.find((l) => l.id === 'zeist')).toMatchObject({ place: 'Doorn', lat: moved.lat, lon: moved.lon });
  });

  it('gives a desk for some locations of a region, and takes it away', async () => {
    expect((await adminClient.post('/portal/admin/desks', { name: 'Vera', email: 'vera@example.org', regionId: 'zuid', locationIds: ['venlo'] })).status).toBe(303);
    expect(await membershipsOfUser(db, 'vera@example.org')).toEqual([{ role: 'desk', email: 'vera@example.org', regionId: 'zuid', locationIds: ['venlo'] }]);
    const wrong = await adminClient.post('/portal/admin/desks', { name: 'Vera', email: 'vera@example.org', regionId: 'zuid', locationIds: ['assen'] });
    expect(wrong.status).toBe(422);
    expect(await (await adminClient.get('/portal/admin/desks')).text()).toContain('vera@example.org');
    expect((await adminClient.post('/portal/admin/desks/remove', { email: 'vera@example.org', regionId: 'zuid' })).status).toBe(303);
    expect(await membershipsOfUser(db, 'vera@example.org')).toEqual([]);
  });

  it('marks an employer trusted and back', async () => {
    expect(await (await adminClient.get('/portal/admin/employers')).text()).toContain('Maasland Logistiek');
    await adminClient.post(`/portal/admin/employers/${org.id}/trust`, { trusted: 'yes' });
    expect((await getOrganisation(db, org.id))?.trusted).toBe(true);
    await adminClient.post(`/portal/admin/employers/${org.id}/trust`, { trusted: 'no' });
    expect((await getOrganisation(db, org.id))?.trusted).toBe(false);
    expect((await desk.post(`/portal/admin/employers/${org.id}/trust`, { trusted: 'yes' })).status).toBe(403);
  });
});

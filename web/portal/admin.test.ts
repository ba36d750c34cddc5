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

  it('adds a region and a location, refusing a bad one with field messages', async () => {
    expect((await adminClient.post('/portal/admin/regions', { id: 'oost', name: 'Oost' })).status).toBe(303);
    const bad = await adminClient.post('/portal/admin/locations', { id: 'Zeist Kamp', regionId: 'oost', name: 'Zeist', municipality: 'Zeist', province: 'Utrecht', lat: 'noord', lon: '5.23' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/id="f-location-id-error"/);
    expect(html).toMatch(/id="f-location-lat-error"/);
    expect(html).toContain('value="Zeist Kamp"');
    expect((await adminClient.post('/portal/admin/locations', { id: 'zeist', regionId: 'oost', name: 'Zeist', municipality: 'Zeist', province: 'Utrecht', lat: '52,09', lon: '5.23' })).status).toBe(303);
    expect((await getDirectory(db)).locations.find((l) => l.id === 'zeist')).toMatchObject({ regionId: 'oost', lat: 52.09 });
    expect(await (await adminClient.get('/portal/admin/regions?location=zeist')).text()).toContain('value="52.09"');
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

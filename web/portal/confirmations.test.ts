import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { auditHistory } from '../../shared/repositories/audit.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { createTestDb } from '../../test/db.js';
import { NOW, seedDirectory, seedOrganisation } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { seedPeople, signedIn, type PortalClient } from './testing.js';

/**
 * Every action confirms in its own words what it did, after its redirect; none answers a bare
 * "Opgeslagen."; an action that changed nothing says so.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let employer: PortalClient;
let desk: PortalClient;
let admin: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
  await seedPeople(db, [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'admin', email: 'admin@example.org' },
  ]);
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  admin = await signedIn(server.url, outbox, 'admin@example.org', 'en');
});
afterAll(() => server?.close());

/** Follows an action's redirect and returns the confirmation on the page it lands on. */
async function confirmation(client: PortalClient, res: Response): Promise<string> {
  expect(res.status).toBe(303);
  const html = await (await client.get(res.headers.get('location')!)).text();
  expect(html).not.toMatch(/>(Opgeslagen|Saved)\.</);
  const text = /<p class="notice" role="status" id="done"[^>]*>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
  return text.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

describe('confirmations', () => {
  it('the organisation profile: updated, or nothing changed (and then nothing is written)', async () => {
    const profile = { name: 'Maasland Logistiek', kvk: '12345678', sector: 'Logistiek', regionIds: ['zuid'] };
    expect(await confirmation(employer, await employer.post(`/portal/org/${org.id}/profile`, profile))).toBe('Het profiel van Maasland Logistiek is bijgewerkt.');
    const updates = async () => (await auditHistory(db, 'organisation', org.id)).filter((e) => e.action === 'organisation.updated').length;
    const before = await updates();
    expect(await confirmation(employer, await employer.post(`/portal/org/${org.id}/profile`, profile))).toBe('Er was niets anders aan het profiel, dus er is niets opgeslagen.');
    expect(await updates()).toBe(before);
    expect(await getOrganisation(db, org.id)).toMatchObject({ kvk: '12345678', sector: 'Logistiek' });
  });

  it('the declaration, the partner network', async () => {
    const stichting = await seedOrganisation(db, { name: 'Stichting Moestuin', kind: 'non-profit' });
    const declaration = { kind: 'non-profit', declarationIssuedOn: '2026-02-01' };
    expect(await confirmation(desk, await desk.post(`/portal/org/${stichting.id}/declaration`, declaration))).toMatch(/^De soort organisatie en de vrijwilligersverklaring zijn vastgelegd/);
    expect(await confirmation(desk, await desk.post(`/portal/org/${stichting.id}/declaration`, declaration))).toMatch(/al zo, dus er is niets veranderd/);

    const partner = { kind: 'ngo', name: 'Taalcafé Venlo', offers: 'Taalcoaching' };
    expect(await confirmation(desk, await desk.post('/portal/desk/zuid/partners', partner))).toBe('De partner staat nu in het netwerk van deze regio.');
    const list = await (await desk.get('/portal/desk/zuid/partners')).text();
    const id = /href="\/portal\/desk\/zuid\/partners\/([0-9A-Z]{26})"/.exec(list)![1]!;
    expect(await confirmation(desk, await desk.post(`/portal/desk/zuid/partners/${id}`, partner))).toBe('Er was niets anders aan de partner, dus er is niets opgeslagen.');
    expect(await confirmation(desk, await desk.post(`/portal/desk/zuid/partners/${id}`, { ...partner, offers: 'Taalcoaching en sollicitatietraining' }))).toBe('De gegevens van de partner zijn bijgewerkt.');
    expect(await confirmation(desk, await desk.post(`/portal/desk/zuid/partners/${id}/remove`, {}))).toBe('De partner staat niet meer in het netwerk van deze regio.');
    expect(await confirmation(desk, await desk.post('/portal/translate/zuid/translators', { name: 'Vera', email: 'vera@example.org' }))).toBe('De uitnodiging is per e-mail verstuurd, met een link om in te loggen. De vertaler kan samenvattingen schrijven zodra die de uitnodiging accepteert.');
  });

  it('the admin: regions and locations (added or updated), desk staff, region managers, trust', async () => {
    expect(await confirmation(admin, await admin.post('/portal/admin/regions', { id: 'west', name: 'West' }))).toBe('The region was added.');
    expect(await confirmation(admin, await admin.post('/portal/admin/regions', { id: 'west', name: 'West-Nederland' }))).toBe('The region\'s name was updated.');
    expect(await confirmation(admin, await admin.post('/portal/admin/desks', { name: 'Dirk', email: 'dirk@example.org', regionId: 'west' }))).toBe('The desk member was added: they can now sign in with this e-mail address.');
    expect(await confirmation(admin, await admin.post('/portal/admin/desks/remove', { email: 'dirk@example.org', regionId: 'west' }))).toBe('The desk member was taken off this region\'s desk.');
    expect(await confirmation(admin, await admin.post('/portal/admin/managers', { name: 'Mia', email: 'mia@example.org', regionId: 'west' }))).toMatch(/^The region manager was added/);
    expect(await confirmation(admin, await admin.post('/portal/admin/managers/remove', { email: 'mia@example.org', regionId: 'west' }))).toBe('The region manager no longer sees this region\'s report.');
    expect(await confirmation(admin, await admin.post(`/portal/admin/employers/${org.id}/trust`, { trusted: 'yes' }))).toMatch(/^This organisation is now trusted/);
    expect(await confirmation(admin, await admin.post(`/portal/admin/employers/${org.id}/trust`, { trusted: 'no' }))).toMatch(/^This organisation is no longer trusted/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { getListing } from '../../shared/repositories/listings.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { membershipsOfOrganisation } from '../../shared/repositories/users.js';
import { expressInterest } from '../../shared/services/interests.js';
import { createTestDb } from '../../test/db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { client, publishedListing, seedPeople, signedIn, signInMailSettled, type PortalClient } from './testing.js';

/** Admins: block and remove employer accounts (sessions end at once), region managers, the audit-log viewer, totals per region. */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let admin: PortalClient;
let zuid: PortalClient;
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  await seedPeople(db, [
    { role: 'admin', email: 'admin@example.org' },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ]);
  server = await startTestServer(db, { mail: outbox, clock });
  admin = await signedIn(server.url, outbox, 'admin@example.org');
  zuid = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

async function employerAccount(name: string, email: string) {
  const org = await seedOrganisation(db, { name });
  await seedPeople(db, [{ role: 'employer', email, organisationId: org.id }]);
  return { org, employer: await signedIn(server.url, outbox, email) };
}

describe('employer accounts', () => {
  it('blocks an account: the member\'s session ends at once, no sign-in link is sent; lifting the block lets them back in', async () => {
    const { org, employer } = await employerAccount('Blok BV', 'blok@example.org');
    expect((await employer.get(`/portal/org/${org.id}`)).status).toBe(200);
    expect((await employer.post(`/portal/admin/employers/${org.id}/block`, { blocked: 'yes' })).status).toBe(403);

    const res = await admin.post(`/portal/admin/employers/${org.id}/block`, { blocked: 'yes' });
    expect(res.status).toBe(303);
    expect(await (await admin.get(res.headers.get('location')!)).text()).toContain('Het account is geblokkeerd.');
    // The very next request: signed out.
    const after = await employer.get(`/portal/org/${org.id}`);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/portal/login');
    expect((await getOrganisation(db, org.id))?.blockedAt).toBe(NOW.toISOString());
    const sent = outbox.messages().length;
    expect((await client(server.url).post('/portal/login', { email: 'blok@example.org' })).status).toBe(200);
    await signInMailSettled(server.url);
    expect(outbox.messages()).toHaveLength(sent);

    await admin.post(`/portal/admin/employers/${org.id}/block`, { blocked: 'no' });
    const back = await signedIn(server.url, outbox, 'blok@example.org');
    expect((await back.get(`/portal/org/${org.id}`)).status).toBe(200);
  });

  it('removes an account: members lose it at once, its open listings close, its history stays', async () => {
    const { org, employer } = await employerAccount('Weg BV', 'weg@example.org');
    const listing = await publishedListing(db, vacancy(org.id, { title: 'Gaat dicht' }));
    const res = await admin.post(`/portal/admin/employers/${org.id}/remove`, {});
    expect(res.status).toBe(303);
    expect(await (await admin.get(res.headers.get('location')!)).text()).toContain('Het account is verwijderd: 1 leden, 1 keer aanbod gesloten.');
    expect((await employer.get(`/portal/org/${org.id}`)).status).toBe(302);
    expect(await membershipsOfOrganisation(db, org.id)).toEqual([]);
    expect((await getListing(db, listing.id))?.status).toBe('closed');
    expect((await admin.get(`/portal/admin/employers`)).status).toBe(200);
  });
});

describe('the audit log', () => {
  it('shows who saw which resident\'s data when, by resident and by person, for admins only', async () => {
    const { org } = await employerAccount('Kijk BV', 'kijk@example.org');
    const job = await publishedListing(db, vacancy(org.id, { title: 'Bekeken' }));
    const { interest, reference } = await expressInterest(db, { listingId: job.id, locationId: 'venlo', name: 'Rana', phone: '0612312312', age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', consent: true }, NOW, retention);
    expect((await zuid.get(`/portal/desk/zuid/interests/${interest.id}`)).status).toBe(200);

    const byResident = await (await admin.get(`/portal/admin/audit?resident=${reference}&from=2026-11-23&to=2026-11-23`)).text();
    expect(byResident).toMatch(/<tr data-action="interest.viewed">[\s\S]*?desk-zuid@example.org/);
    expect(byResident).toMatch(/<tr data-action="interest.created">[\s\S]*?resident/);
    const byPerson = await (await admin.get('/portal/admin/audit?who=desk-zuid@example.org&from=2026-11-17&to=2026-11-23')).text();
    expect(byPerson).toContain(`interest ${interest.id}`);
    const both = await (await admin.get(`/portal/admin/audit?who=admin@example.org&resident=${interest.id}&from=2026-11-23&to=2026-11-23`)).text();
    expect(both).toContain('id="audit-none"');
    const earlier = await (await admin.get(`/portal/admin/audit?resident=${reference}&from=2026-11-01&to=2026-11-22`)).text();
    expect(earlier).toContain('id="audit-none"');

    const empty = await admin.get('/portal/admin/audit?who=&resident=&from=2026-11-23&to=2026-11-23');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('value="2026-11-17"'.replace('2026-11-17', '2026-11-23'));
    expect((await admin.get('/portal/admin/audit?resident=ZZZZ-ZZZZ&from=2026-11-23&to=2026-11-23')).status).toBe(422);
    expect((await zuid.get(`/portal/admin/audit?resident=${reference}&from=2026-11-23&to=2026-11-23`)).status).toBe(403);
  });
});

describe('the admin\'s start page and region managers', () => {
  it('shows totals per region, and adds a region manager who reads the report only', async () => {
    const home = await (await admin.get('/portal/admin')).text();
    expect(home).toMatch(/<tr data-region="zuid">[\s\S]*?<td data-col="published">\d+<\/td>/);
    expect(home).toMatch(/<tr data-region="zuid">[\s\S]*?<td data-col="residents">1<\/td>/);
    expect(home).toContain('href="/portal/admin/audit"');

    expect((await admin.post('/portal/admin/managers', { name: 'Mila', email: 'mila@example.org', regionId: '' })).status).toBe(422);
    expect((await admin.post('/portal/admin/managers', { name: 'Mila', email: 'mila@example.org', regionId: 'zuid' })).status).toBe(303);
    expect(await (await admin.get('/portal/admin/managers')).text()).toContain('mila@example.org');
    const manager = await signedIn(server.url, outbox, 'mila@example.org');
    expect((await manager.get('/portal/desk/zuid/report')).status).toBe(200);
    expect((await manager.get('/portal/desk/zuid/interests')).status).toBe(403);
    expect((await zuid.post('/portal/admin/managers', { name: 'X', email: 'x@example.org', regionId: 'zuid' })).status).toBe(403);
    await admin.post('/portal/admin/managers/remove', { email: 'mila@example.org', regionId: 'zuid' });
    expect((await manager.get('/portal/desk/zuid/report')).status).toBe(302);
  });
});

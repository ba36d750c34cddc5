import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { listingsOfOrganisation } from '../../shared/repositories/listings.js';
import { createListing } from '../../shared/services/listings.js';
import { seedPeople, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * A desk posts on behalf of the organisations of its own region only, the same rule for the
 * form, the CSV import and the service underneath: not for another region's employer. A partner
 * of the region (an NGO) is posted for like an employer (issue 11: the desk posts an NGO's
 * volunteering); what it may post is up to the listing rules (docs/domain.md).
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let desk: PortalClient;
const orgs = {} as Record<'own' | 'otherRegion' | 'partner', Organisation>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  orgs.own = await seedOrganisation(db, { name: 'Kwekerij Zuid' });
  orgs.otherRegion = await seedOrganisation(db, { name: 'Bakkerij Noord', regionIds: ['noord'] });
  orgs.partner = await seedOrganisation(db, { name: 'Taalhuis Venlo', kind: 'ngo' });
  await seedPeople(db, [{ role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] }]);
  server = await startTestServer(db, { mail: outbox, clock });
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

const HEADER = 'organisation,locationId,kind,title,description,openTo,dutchLevel,hoursPerWeek,wagePerHour,startDate,closingDate,workplace.city';
const row = (org: Organisation, title: string) => `${org.id},venlo,job,${title},Werk in de kas,permit-holders,A1,32,15.50,2026-12-07,2026-12-20,Venlo`;
const stored = async (org: Organisation) => (await listingsOfOrganisation(db, org.id)).items.map((l) => l.title);

describe('posting on behalf of an organisation', () => {
  it('CSV import: only rows for an organisation of the desk’s region are stored', async () => {
    const csv = [HEADER, row(orgs.own, 'Eigen regio'), row(orgs.otherRegion, 'Andere regio'), row(orgs.partner, 'Partner')].join('\n');
    const body = new FormData();
    body.append('file', new Blob([csv], { type: 'text/csv' }), 'listings.csv');
    body.append('publish', 'on');
    const res = await fetch(`${server.url}/portal/desk/zuid/import`, { method: 'POST', body, headers: { cookie: desk.cookie, origin: server.url } });
    const html = await res.text();
    expect(html).toContain('2 geïmporteerd, 1 geweigerd');
    expect(await stored(orgs.own)).toEqual(['Eigen regio']);
    expect(await stored(orgs.otherRegion)).toEqual([]);
    expect(await stored(orgs.partner)).toEqual(['Partner']);
  });

  it('the form refuses the same organisations', async () => {
    for (const org of [orgs.otherRegion]) {
      const res = await desk.post('/portal/desk/zuid/listings', {
        organisationId: org.id, kind: 'job', title: 'Via het formulier', description: 'Werk', language: 'nl', locationId: 'venlo', openTo: 'permit-holders',
        dutchLevel: 'A1', hoursPerWeek: '32', wagePerHour: '15.50', startDate: '2026-12-07', closingDate: '2026-12-20', 'workplace.city': 'Venlo',
      });
      expect(res.status).toBe(422);
      expect(await stored(org)).toEqual([]);
    }
  });

  it('the service underneath refuses it too, whoever calls it', async () => {
    await expect(createListing(db, deskOf('zuid'), vacancy(orgs.otherRegion.id), clock)).rejects.toMatchObject({ fields: [{ field: 'organisationId' }] });
    expect(await stored(orgs.otherRegion)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { auditHistory } from '../../shared/repositories/audit.js';
import { putLocation } from '../../shared/repositories/directory.js';
import { getPerson } from '../../shared/repositories/interests.js';
import { expressInterest } from '../../shared/services/interests.js';
import { publishedListing, seedPeople, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * A desk member limited to some locations of a region reaches only the residents of those
 * locations, also by reference code (looking up and deleting), not every resident of the region.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let venloOnly: PortalClient;
let wholeRegion: PortalClient;
const residents = {} as Record<'venlo' | 'weert', { id: string; reference: string }>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  await putLocation(db, { id: 'weert', regionId: 'zuid', name: 'Weert', municipality: 'Weert', province: 'Limburg', lat: 51.2517, lon: 5.7061 });
  const org = await seedOrganisation(db);
  const job = await publishedListing(db, vacancy(org.id));
  for (const locationId of ['venlo', 'weert'] as const) {
    const { interest, reference } = await expressInterest(
      db,
      { listingId: job.id, locationId, name: `Bewoner ${locationId}`, phone: '06 1111 2222', age: '18-plus', eligibility: 'not-sure', dutchLevel: 'none', consent: true, keepLonger: false },
      NOW,
      { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 },
    );
    residents[locationId] = { id: interest.id, reference };
  }
  await seedPeople(db, [
    { role: 'desk', email: 'balie-venlo@example.org', regionId: 'zuid', locationIds: ['venlo'] },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ]);
  server = await startTestServer(db, { mail: outbox, clock });
  venloOnly = await signedIn(server.url, outbox, 'balie-venlo@example.org');
  wholeRegion = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

describe('a desk limited to one location', () => {
  it('looks up its own location’s resident by reference code, not another location’s', async () => {
    const own = await venloOnly.post('/portal/desk/privacy', { reference: residents.venlo.reference });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('Bewoner venlo');
    const other = await venloOnly.post('/portal/desk/privacy', { reference: residents.weert.reference });
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('Bewoner weert');
    expect((await auditHistory(db, 'interest', residents.weert.id)).map((e) => e.actor)).not.toContain('balie-venlo@example.org');
    // The desk of the whole region still can.
    expect((await wholeRegion.post('/portal/desk/privacy', { reference: residents.weert.reference })).status).toBe(200);
  });

  it('cannot delete another location’s resident; the details stay', async () => {
    const res = await venloOnly.post('/portal/desk/privacy/delete', { reference: residents.weert.reference, confirm: 'yes' });
    expect(res.status).toBe(403);
    expect(await getPerson(db, residents.weert.id, NOW)).toBeDefined();
    expect((await auditHistory(db, 'interest', residents.weert.id)).map((e) => e.action)).not.toContain('interest.data-deleted');
  });

  it('does not see the other location’s resident in the inbox either', async () => {
    const inbox = await (await venloOnly.get('/portal/desk/zuid/interests')).text();
    expect(inbox).toContain(residents.venlo.id);
    expect(inbox).not.toContain(residents.weert.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { seedPeople, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, seedDirectory } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * report.csv names its file and its scope after the query: a crafted link must not choose the
 * file name (report.html), put markup in the body, or break the response with CR/LF.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let desk: PortalClient;
let admin: PortalClient;

beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  await seedPeople(db, [
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'admin', email: 'admin@example.org' },
  ]);
  server = await startTestServer(db, { mail: outbox, clock });
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  admin = await signedIn(server.url, outbox, 'admin@example.org');
});
afterAll(() => server?.close());

const csv = (who: PortalClient, region: string, locationId: string) =>
  who.get(`/portal/desk/${region}/report.csv?from=2026-11-01&to=2026-11-30&locationId=${encodeURIComponent(locationId)}`);

describe('report.csv', () => {
  it('names a known location of the region in its file name and body', async () => {
    const res = await csv(desk, 'zuid', 'venlo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="opweg-zuid-venlo-2026-11-01-2026-11-30.csv"');
    expect(await res.text()).toContain('Venlo');
  });

  it('refuses a crafted location: no file name of its choosing, no markup in the body', async () => {
    for (const crafted of ['x.html"; filename="report.html', '<script>alert(1)</script>', 'assen']) {
      const res = await csv(desk, 'zuid', crafted);
      expect(res.status, crafted).toBe(422);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).not.toContain('<script>alert(1)');
    }
  });

  it('answers CR/LF in the location, or a made-up region, with a clear refusal instead of a 500', async () => {
    const res = await csv(desk, 'zuid', 'venlo\r\nSet-Cookie: x=1');
    expect(res.status).toBe(422);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await csv(admin, 'nergens', 'venlo')).status).toBe(404);
    expect((await csv(admin, encodeURIComponent('zuid"\r\nx: 1'), 'venlo')).status).toBe(404);
  });
});

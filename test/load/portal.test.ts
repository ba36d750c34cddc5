import autocannon from 'autocannon';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * A short burst of load on the local portal (loopback, bounded connections, ~3 s per target):
 * it asserts that every answer is a 2xx and nothing errors or times out, never how fast.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let desk: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db);
  await putUser(db, { id: ulid(), email: 'desk-zuid@example.org', name: 'Desk', createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
  for (let i = 0; i < 5; i++) {
    const l = await createListing(db, SYSTEM, vacancy(org.id, { title: `Vacature ${i}` }), clock);
    await changeStatus(db, SYSTEM, l.id, l.version, 'submit', { clock });
  }
  server = await startTestServer(db, { mail: outbox, clock });
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

function burst(path: string, cookie = '') {
  return autocannon({ url: `${server.url}${path}`, connections: 8, duration: 3, headers: cookie ? { cookie } : {} });
}

describe('the portal under a short burst of load', () => {
  it.each([
    ['/healthz', false],
    ['/portal/login', false],
    ['/portal/desk/zuid', true],
  ])('answers GET %s with 2xx only, no errors or timeouts', async (path, signedInAsDesk) => {
    const result = await burst(path, signedInAsDesk ? desk.cookie : '');
    expect(result.requests.total).toBeGreaterThan(0);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, '5xx': result['5xx'] }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, '5xx': 0 });
  }, 20_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { auditHistory } from '../../shared/repositories/audit.js';
import { membershipsOfOrganisation, membershipsOfUser } from '../../shared/repositories/users.js';
import { INVITATION_LIMITS } from '../../shared/services/accounts.js';
import { client, seedPeople, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, seedDirectory, seedOrganisation } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * Nobody joins an organisation without saying yes: an employer invites, the invitee accepts or
 * declines after signing in. Owners and the admin remove members. Invitations are limited.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let owner: PortalClient;
let desk: PortalClient;
let admin: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland B.V.' });
  await seedPeople(db, [
    { role: 'employer', email: 'eigenaar@example.org', organisationId: org.id, owner: true },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'admin', email: 'admin@example.org' },
  ]);
  server = await startTestServer(db, { mail: outbox, clock });
  owner = await signedIn(server.url, outbox, 'eigenaar@example.org');
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  admin = await signedIn(server.url, outbox, 'admin@example.org');
});
afterAll(() => server?.close());

const members = async () => (await membershipsOfOrganisation(db, org.id)).map((m) => m.email).sort();

describe('joining an organisation', () => {
  it('an invitation adds nobody: the desk worker and the admin stay outside until they accept', async () => {
    for (const email of ['desk-zuid@example.org', 'admin@example.org']) {
      const res = await owner.post(`/portal/org/${org.id}/members`, { name: 'Iemand', email });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain(`Uitnodiging gestuurd naar ${email}`);
    }
    expect(await members()).toEqual(['eigenaar@example.org']);
    expect((await membershipsOfUser(db, 'desk-zuid@example.org')).map((m) => m.role)).toEqual(['desk']);
    expect((await desk.get(`/portal/org/${org.id}`)).status).toBe(403);
    expect(await (await owner.get(`/portal/org/${org.id}/members`)).text()).toMatch(/data-invited="desk-zuid@example.org"/);
  });

  it('the invitee sees the invitation and decides: decline leaves nothing, accept makes a member', async () => {
    const home = await (await desk.get('/portal/')).text();
    expect(home).toContain('Maasland B.V. nodigt u uit als collega');
    // Nobody else can answer for them.
    expect((await owner.post(`/portal/invitations/${org.id}/accept`, {})).status).toBe(404);
    expect((await admin.post(`/portal/invitations/${org.id}/decline`, {})).status).toBe(200);
    expect(await (await admin.get('/portal/')).text()).not.toContain('Maasland B.V. nodigt u uit');

    const accepted = await desk.post(`/portal/invitations/${org.id}/accept`, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe(`/portal/org/${org.id}?done=joined`);
    expect(await members()).toEqual(['desk-zuid@example.org', 'eigenaar@example.org']);
    expect((await desk.post(`/portal/invitations/${org.id}/accept`, {})).status).toBe(404);
    const actions = (await auditHistory(db, 'organisation', org.id)).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['eigenaar@example.org organisation.member-invited', 'desk-zuid@example.org organisation.member-joined', 'admin@example.org organisation.invitation-declined']));
  });

  it('someone new signs in with the invitation’s link and accepts', async () => {
    await owner.post(`/portal/org/${org.id}/members`, { name: 'Nieuw', email: 'nieuw@example.org' });
    const newcomer = await signedIn(server.url, outbox, 'nieuw@example.org');
    expect((await newcomer.post(`/portal/invitations/${org.id}/accept`, {})).status).toBe(303);
    expect(await members()).toContain('nieuw@example.org');
  });
});

describe('removing a member', () => {
  it('only owners and the admin remove; a plain member or the desk cannot', async () => {
    const member = await signedIn(server.url, outbox, 'nieuw@example.org');
    expect((await member.post(`/portal/org/${org.id}/members/remove`, { email: 'desk-zuid@example.org' })).status).toBe(403);
    expect((await client(server.url).post(`/portal/org/${org.id}/members/remove`, { email: 'desk-zuid@example.org' })).status).toBe(303);
    expect(await members()).toContain('desk-zuid@example.org');

    const removed = await owner.post(`/portal/org/${org.id}/members/remove`, { email: 'desk-zuid@example.org' });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('desk-zuid@example.org is hier geen collega meer');
    expect((await desk.get(`/portal/org/${org.id}`)).status).toBe(403);
    expect((await admin.post(`/portal/org/${org.id}/members/remove`, { email: 'nieuw@example.org' })).status).toBe(200);
    expect(await members()).toEqual(['eigenaar@example.org']);
    expect((await auditHistory(db, 'organisation', org.id)).map((e) => `${e.actor} ${e.action}`)).toContain('eigenaar@example.org organisation.member-removed');
  });
});

describe('invitation limits', () => {
  it('refuses invitations to one address past its limit, and sends no more mail', async () => {
    const email = 'gespamd@example.org';
    for (let i = 0; i < INVITATION_LIMITS.invitee.max; i++) expect((await owner.post(`/portal/org/${org.id}/members`, { name: 'X', email })).status).toBe(200);
    const count = outbox.messages().filter((m) => m.to === email).length;
    const refused = await owner.post(`/portal/org/${org.id}/members`, { name: 'X', email });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('te veel uitnodigingen');
    expect(outbox.messages().filter((m) => m.to === email)).toHaveLength(count);
  });
});

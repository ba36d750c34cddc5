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

describe('a desk invites a volunteer translator', () => {
  it('gives nobody the role without their yes: an existing account is invited, sees the invitation, and declines', async () => {
    const invited = await desk.post('/portal/translate/zuid/translators', { name: 'Beheer', email: 'admin@example.org' });
    expect(invited.status).toBe(303);
    expect(invited.headers.get('location')).toBe('/portal/translate/zuid?done=translatorInvited#translators');
    expect((await membershipsOfUser(db, 'admin@example.org')).map((m) => m.role)).toEqual(['admin']);
    expect(await (await desk.get('/portal/translate/zuid')).text()).toContain('admin@example.org: uitgenodigd, nog niet geaccepteerd');

    const home = await (await admin.get('/portal/')).text();
    expect(home).toContain('De Meedoenbalie van regio Zuid nodigt u uit als vrijwillige vertaler (verstuurd door desk-zuid@example.org)');
    // Nobody else can answer for them.
    expect((await owner.post('/portal/invitations/translate/zuid/accept', {})).status).toBe(404);
    const declined = await admin.post('/portal/invitations/translate/zuid/decline', {});
    expect(declined.status).toBe(200);
    expect(await declined.text()).toContain('U hebt de uitnodiging om te vertalen voor regio Zuid geweigerd.');
    expect((await membershipsOfUser(db, 'admin@example.org')).map((m) => m.role)).toEqual(['admin']);
    expect((await admin.post('/portal/invitations/translate/zuid/accept', {})).status).toBe(404);
  });

  it('someone new signs in with the invitation’s link, cannot translate yet, and accepts', async () => {
    expect((await desk.post('/portal/translate/zuid/translators', { name: 'Vera', email: 'vertaler@example.org' })).status).toBe(303);
    expect(outbox.latestTo('vertaler@example.org')?.text).toContain('kies daarna of u de uitnodiging accepteert of weigert');
    const vera = await signedIn(server.url, outbox, 'vertaler@example.org');
    expect((await vera.get('/portal/translate/zuid')).status).toBe(403);
    expect(await membershipsOfUser(db, 'vertaler@example.org')).toEqual([]);

    const accepted = await vera.post('/portal/invitations/translate/zuid/accept', {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/portal/translate/zuid?done=translatorJoined');
    const page = await vera.get(accepted.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('U bent nu vrijwillige vertaler voor deze regio');
    expect((await membershipsOfUser(db, 'vertaler@example.org')).map((m) => m.role)).toEqual(['translator']);
    // Invited again once they are one: nothing is sent.
    const sent = outbox.messages().length;
    const again = await desk.post('/portal/translate/zuid/translators', { name: 'Vera', email: 'vertaler@example.org' });
    expect(again.headers.get('location')).toBe('/portal/translate/zuid?done=translatorAlready#translators');
    expect(outbox.messages()).toHaveLength(sent);
    const actions = (await auditHistory(db, 'region', 'zuid')).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['desk-zuid@example.org region.translator-invited', 'vertaler@example.org region.translator-joined', 'admin@example.org region.translator-invitation-declined']));
  });
});

describe('an invitation of a blocked organisation', () => {
  it('cannot be accepted: the invitee is told the organisation is blocked, and joins nothing', async () => {
    const blocked = await seedOrganisation(db, { name: 'Dicht B.V.' });
    await seedPeople(db, [{ role: 'employer', email: 'baas@example.org', organisationId: blocked.id, owner: true }]);
    const boss = await signedIn(server.url, outbox, 'baas@example.org');
    expect((await boss.post(`/portal/org/${blocked.id}/members`, { name: 'Kim', email: 'kandidaat@example.org' })).status).toBe(200);
    expect((await admin.post(`/portal/admin/employers/${blocked.id}/block`, { blocked: 'yes' })).status).toBe(303);

    const kim = await signedIn(server.url, outbox, 'kandidaat@example.org');
    const refused = await kim.post(`/portal/invitations/${blocked.id}/accept`, {});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Dicht B.V. is geblokkeerd door de beheerder van OpWeg. U kunt de uitnodiging nu niet accepteren; er is niets veranderd.');
    expect((await membershipsOfOrganisation(db, blocked.id)).map((m) => m.email)).toEqual(['baas@example.org']);
    expect(await membershipsOfUser(db, 'kandidaat@example.org')).toEqual([]);
    expect((await kim.get(`/portal/org/${blocked.id}`)).status).toBe(403);
  });
});

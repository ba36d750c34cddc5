import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { inviteColleague } from '../../shared/services/accounts.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { expressInterest } from '../../shared/services/interests.js';
import { introduce } from '../../shared/services/introductions.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, employerOf, NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { askForLink, client, seedPeople, signedIn, type PortalClient } from './testing.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let jobId = '';
let draftId = '';
let dutch: PortalClient;
let english: PortalClient;

beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
  const other = await seedOrganisation(db, { name: 'Kwekerij De Zon' });
  await seedPeople(db, [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'employer', email: 'zon@example.org', organisationId: other.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ]);
  const ctx = { db, mail: new Outbox(), clock, config: { PUBLIC_ORIGIN: 'https://opweg.example.org', SESSION_HOURS: 12 } };
  await inviteColleague(ctx, employerOf(other.id, 'zon@example.org'), other.id, { name: 'Werkgever', email: 'werkgever@example.org' }, 'nl');
  const employer = employerOf(org.id);
  const draft = await createListing(db, employer, vacancy(org.id, { title: 'Heftruckchauffeur' }), clock);
  draftId = draft.id;
  const job = await createListing(db, employer, vacancy(org.id, { title: 'Orderpicker' }), clock);
  const pending = await changeStatus(db, employer, job.id, job.version, 'submit', { clock });
  await changeStatus(db, deskOf('zuid'), job.id, pending.version, 'approve', { clock });
  jobId = job.id;
  const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
  const resident = (name: string, email: string) => ({ listingId: job.id, locationId: 'venlo', name, email, age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', consent: true });
  const samira = await expressInterest(db, resident('Samira', 'samira@example.org'), NOW, retention);
  await expressInterest(db, resident('Yonas', 'yonas@example.org'), NOW, retention);
  await expressInterest(db, resident('Amal', 'amal@example.org'), NOW, retention);
  await introduce(db, SYSTEM, samira.interest.id, 1, 'Ervaren', NOW);
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
});
afterAll(() => server?.close());

describe('the employer dashboard over HTTP', () => {
  it('is where an employer lands after signing in: every listing with its status, counts and next step in words; invitations on it', async () => {
    const anonymous = client(server.url, 'opweg_lang=nl');
    const token = await askForLink(anonymous, outbox, 'werkgever@example.org');
    const confirmed = await anonymous.post('/portal/login/confirm', { token });
    expect(confirmed.headers.get('location')).toBe('/portal/');

    dutch = await signedIn(server.url, outbox, 'werkgever@example.org');
    const html = await (await dutch.get('/portal/')).text();
    expect(html).toContain('<h1>Overzicht</h1>');
    // The invitation stays visible on the dashboard itself.
    expect(html).toMatch(/id="invitations"[\s\S]*Kwekerij De Zon/);
    const card = (id: string) => new RegExp(`<li data-listing="${id}"[\\s\\S]*?</li>`).exec(html)![0];
    const job = card(jobId);
    expect(job).toContain('data-reacted="3" data-introduced="1"');
    expect(job).toContain('Status: gepubliceerd');
    expect(job).toContain('3 bewoners reageerden');
    expect(job).toContain('1 voorgesteld door de balie');
    expect(job).toContain('De balie stelde 1 bewoner aan u voor: neem contact op.');
    expect(job).toContain(`href="/portal/listings/${jobId}/introductions"`);
    // Never who reacted.
    expect(html).not.toMatch(/Samira|Yonas|Amal/);
    const draft = card(draftId);
    expect(draft).toContain('Status: concept');
    expect(draft).toContain('controleer het en dien het in ter beoordeling');
    expect(draft).not.toContain('reageerde');

    english = await signedIn(server.url, outbox, 'werkgever@example.org', 'en');
    const en = await (await english.get('/portal/')).text();
    expect(en).toContain('<h1>Dashboard</h1>');
    expect(en).toContain('Status: published');
    expect(en).toContain('3 residents reacted');
    expect(en).toContain('The desk introduced 1 resident to you: contact them.');
    expect(en).toContain('Status: draft');
    // The organisation's own page is the same dashboard, with the invitations.
    const own = await (await english.get(`/portal/org/${org.id}`)).text();
    expect(own).toContain(`<h1>Maasland Logistiek</h1>`);
    expect(own).toContain('3 residents reacted');
    expect(own).toContain('id="invitations"');
  });

  it('shows the employer the listing\'s history in words, in the viewer\'s language: colleagues by address, the desk as the desk', async () => {
    const nl = await (await dutch.get(`/portal/listings/${jobId}/history`)).text();
    expect(nl).toContain('werkgever@example.org heeft het aanbod gemaakt, als concept.');
    expect(nl).toContain('werkgever@example.org heeft het ter beoordeling ingediend.');
    expect(nl).toContain('De Meedoenbalie heeft het goedgekeurd: het kwam op de site.');
    expect(nl).not.toContain('desk-zuid@example.org');
    expect(nl).not.toMatch(/>[^<]*listing\.[a-z]/);
    const en = await (await english.get(`/portal/listings/${jobId}/history`)).text();
    expect(en).toContain('werkgever@example.org made the listing, as a draft.');
    expect(en).toContain('The participation desk approved it: it went on the site.');
    expect(en).not.toMatch(/>[^<]*listing\.[a-z]/);
    // The listing page links to it for the employer.
    const page = await (await dutch.get(`/portal/listings/${jobId}`)).text();
    expect(page).toContain(`href="/portal/listings/${jobId}/history"`);
  });
});

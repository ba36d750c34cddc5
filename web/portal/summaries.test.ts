import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Listing } from '../../shared/domain/listing.js';
import { t } from '../../shared/i18n/index.js';
import { summariesOfListing } from '../../shared/repositories/summaries.js';
import { createTestDb } from '../../test/db.js';
import { NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { publishedListing, seedPeople, signedIn, type PortalClient } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let listing: Listing;
let desk: PortalClient;
let employer: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db);
  listing = await publishedListing(db, vacancy(org.id));
  await seedPeople(db, [
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
  ]);
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org', 'en');
  employer = await signedIn(server.url, outbox, 'werkgever@example.org', 'en');
});
afterAll(async () => {
  await server?.close();
});

describe('translations in the portal', () => {
  it('lets the desk invite a volunteer translator, who then sees the region’s listings and writes a summary, and nothing of the desk', async () => {
    const page = await (await desk.get('/portal/translate/zuid')).text();
    expect(page).toContain(listing.title);
    expect(page).toContain(t('en', 'portal.translators.empty'));

    // Bad input: a message, nobody invited.
    const bad = await desk.post('/portal/translate/zuid/translators', { name: '', email: 'not an address' });
    expect(bad.status).toBe(422);
    expect(outbox.latestTo('not an address')).toBeUndefined();

    const invited = await desk.post('/portal/translate/zuid/translators', { name: 'Vera', email: 'vera@example.org' });
    expect(invited.status).toBe(303);
    const listed = await (await desk.get(invited.headers.get('location')!)).text();
    expect(listed).toContain(t('en', 'portal.done.translatorInvited'));
    expect(listed).toContain(t('en', 'portal.translators.pending', { email: 'vera@example.org' }));
    expect(outbox.latestTo('vera@example.org')?.subject).toBe(t('en', 'portal.mail.translator.subject', { region: 'Zuid' }));

    // She translates once she has said yes (test/security/membership-consent.test.ts has the rest).
    const vera = await signedIn(server.url, outbox, 'vera@example.org', 'en');
    expect((await vera.get('/portal/translate/zuid')).status).toBe(403);
    expect((await vera.post('/portal/invitations/translate/zuid/accept', {})).status).toBe(303);
    const home = await (await vera.get('/portal/')).text();
    expect(home).toContain('href="/portal/translate/zuid"');
    expect(home).not.toContain('href="/portal/desk/zuid"');
    expect((await vera.get('/portal/desk/zuid')).status).toBe(403);
    expect((await vera.get('/portal/translate/noord')).status).toBe(403);

    const form = await (await vera.get(`/portal/listings/${listing.id}/summaries/so`)).text();
    // Locally there is no machine translation, and the form says so instead of offering one.
    expect(form).toContain(t('en', 'portal.summary.machineNone', { language: 'Somali' }));
    expect(form).not.toContain('?machine=1');
    const saved = await vera.post(`/portal/listings/${listing.id}/summaries/so`, { title: 'Shaqo beerta', text: 'Waxaad gurataa yaanyada.' });
    expect(saved.status).toBe(303);
    expect(await summariesOfListing(db, listing.id)).toMatchObject([{ language: 'so', writtenBy: 'vera@example.org', machineDraft: false }]);
    expect(await (await vera.get(`/portal/listings/${listing.id}/summaries`)).text()).toContain(t('en', 'portal.summaries.written', { by: 'vera@example.org', date: '23 November 2026' }));
  });

  it('refuses the employer, the listing’s own language and an empty summary', async () => {
    expect((await employer.get(`/portal/listings/${listing.id}/summaries`)).status).toBe(403);
    expect((await employer.post(`/portal/listings/${listing.id}/summaries/ar`, { title: 'x', text: 'y' })).status).toBe(403);
    expect((await desk.get(`/portal/listings/${listing.id}/summaries/nl`)).status).toBe(404);
    const empty = await desk.post(`/portal/listings/${listing.id}/summaries/ar`, { title: ' ', text: '' });
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain('lang="ar" dir="rtl"');
    expect((await summariesOfListing(db, listing.id)).map((s) => s.language)).toEqual(['so']);
  });
});

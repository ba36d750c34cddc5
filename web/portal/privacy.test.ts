import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Membership } from '../../shared/domain/user.js';
import { auditHistory } from '../../shared/repositories/audit.js';
import { getInterest, getPerson, interestIdByReference } from '../../shared/repositories/interests.js';
import { expressInterest } from '../../shared/services/interests.js';
import { createTestDb } from '../../test/db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { client, publishedListing, seedPeople, signedIn, type PortalClient } from './testing.js';

/** The desk's privacy page: a resident's details shown, or deleted after a confirmation, by reference code. */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
let orgId = '';
let zuid: PortalClient;
let noord: PortalClient;
let employer: PortalClient;

const published = (kind: 'job' | 'visit') => publishedListing(db, kind === 'job' ? vacancy(orgId, { title: 'Schoonmaker' }) : visit(orgId, { title: 'Open dag', seats: 1 }));
const interested = (listingId: string, name: string) =>
  expressInterest(db, { listingId, locationId: 'venlo', name, phone: '06 1111 2222', age: '18-plus', eligibility: 'not-sure', dutchLevel: 'none', consent: true, keepLonger: true, message: 'Bel mij na 12 uur.' }, NOW, retention);

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  orgId = (await seedOrganisation(db, { name: 'Schoonmaakbedrijf Maas' })).id;
  const memberships: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: orgId },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] },
  ];
  await seedPeople(db, memberships);
  server = await startTestServer(db, { mail: outbox, clock });
  zuid = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  noord = await signedIn(server.url, outbox, 'desk-noord@example.org');
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
});
afterAll(() => server?.close());

describe('the privacy page', () => {
  it('is for desks and admins; asks for a code and says when it is missing or unknown', async () => {
    expect((await client(server.url).get('/portal/desk/privacy')).status).toBe(302);
    expect((await employer.get('/portal/desk/privacy')).status).toBe(403);
    expect((await employer.post('/portal/desk/privacy', { reference: 'AAAA-AAAA' })).status).toBe(403);
    const form = await zuid.get('/portal/desk/privacy');
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form method="post" action="\/portal\/desk\/privacy"/);
    expect(await (await zuid.get('/portal/desk/zuid')).text()).toContain('href="/portal/desk/privacy"');

    const empty = await zuid.post('/portal/desk/privacy', { reference: ' ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/id="f-reference-error"/);
    const unknown = await zuid.post('/portal/desk/privacy', { reference: 'ZZZZ-ZZZZ' });
    // 422, the form with its message: CloudFront shows the site's 404 page for any 404.
    expect(unknown.status).toBe(422);
    const html = await unknown.text();
    expect(html).toMatch(/id="f-reference-error"[^>]*>We kennen deze referentiecode niet/);
    expect(html).toContain('value="ZZZZ-ZZZZ"');
  });

  it('shows the details to the desk of the region only, audited; the code stays out of addresses', async () => {
    const job = await published('job');
    const { interest, reference } = await interested(job.id, 'Khadija Mansour');
    expect((await noord.post('/portal/desk/privacy', { reference })).status).toBe(403);
    // Typed in lower case without the dash, as people read it out.
    const res = await zuid.post('/portal/desk/privacy', { reference: reference.toLowerCase().replace('-', '') });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const shown of [`Gegevens bij ${reference}`, 'Khadija Mansour', '06\u00a01111\u00a02222', 'Bel mij na 12 uur.', 'Weet het niet', 'Schoonmaker', 'Gegevens mogen 12 maanden blijven']) expect(html).toContain(shown);
    expect(html).toContain(`<input type="hidden" name="reference" value="${reference}"/>`);
    expect(html).not.toMatch(new RegExp(`href="[^"]*${reference}`));
    const actions = (await auditHistory(db, 'interest', interest.id)).map((e) => `${e.actor} ${e.action}`);
    expect(actions).toContain('desk-zuid@example.org interest.data-shown');
    expect(actions).not.toContain('desk-noord@example.org interest.data-shown');
  });

  it('deletes only after the confirmation; the facts stay, the details and the code go, and a seat is given up', async () => {
    const tour = await published('visit');
    const { interest, reference } = await interested(tour.id, 'Lemlem Tesfaye');
    const next = (await interested(tour.id, 'Mohammed Ali')).interest;
    expect([interest.seat, next.seat]).toEqual(['confirmed', 'waiting']);

    expect((await noord.post('/portal/desk/privacy/delete', { reference, confirm: 'yes' })).status).toBe(403);
    const ask = await zuid.post('/portal/desk/privacy/delete', { reference });
    expect(ask.status).toBe(200);
    const question = await ask.text();
    expect(question).toContain('Gegevens verwijderen?');
    expect(question).toContain('<input type="hidden" name="confirm" value="yes"/>');
    expect(await getPerson(db, interest.id, NOW)).toBeDefined();

    const done = await zuid.post('/portal/desk/privacy/delete', { reference, confirm: 'yes' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`De gegevens bij referentiecode ${reference} zijn verwijderd.`);
    expect(await getPerson(db, interest.id, NOW)).toBeUndefined();
    expect(await interestIdByReference(db, reference, NOW)).toBeUndefined();
    expect(await getInterest(db, interest.id)).toMatchObject({ seat: 'cancelled', personDeletedAt: NOW.toISOString() });
    expect((await getInterest(db, next.id))?.seat).toBe('confirmed');
    expect((await auditHistory(db, 'interest', interest.id)).map((e) => `${e.actor} ${e.action}`)).toContain('desk-zuid@example.org interest.data-deleted');

    // The inbox keeps the facts and says the details are gone; the code no longer works.
    const inbox = await (await zuid.get(`/portal/desk/zuid/interests?listingId=${tour.id}`)).text();
    const card = inbox.slice(inbox.indexOf(`data-interest="${interest.id}"`));
    expect(card.slice(0, card.indexOf('</li>'))).toContain('Gegevens verwijderd');
    expect(inbox).not.toContain('Lemlem');
    expect((await zuid.post('/portal/desk/privacy', { reference })).status).toBe(422);
  });
});

describe('a resident who lost the reference code', () => {
  it('is found by the desk of the region by phone number or e-mail address, and every match is audited', async () => {
    const job = await published('job');
    const { interest, reference } = await expressInterest(db, { listingId: job.id, locationId: 'venlo', name: 'Kidane', phone: '+31 6 4444 5555', age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A1', consent: true }, NOW, retention);
    const form = await (await zuid.get('/portal/desk/privacy')).text();
    expect(form).toContain('action="/portal/desk/privacy/find"');

    // The same number written the Dutch way finds them; the region's other desk finds nobody.
    const found = await (await zuid.post('/portal/desk/privacy/find', { regionId: 'zuid', contact: '06-44445555' })).text();
    expect(found).toContain(reference);
    expect((await auditHistory(db, 'interest', interest.id)).filter((e) => e.action === 'interest.found-by-contact').map((e) => e.actor)).toEqual(['desk-zuid@example.org']);
    expect((await noord.post('/portal/desk/privacy/find', { regionId: 'zuid', contact: '06-44445555' })).status).toBe(403);
    const none = await (await zuid.post('/portal/desk/privacy/find', { regionId: 'zuid', contact: 'nobody@example.org' })).text();
    expect(none).toContain('Niemand in deze regio');
    const empty = await zuid.post('/portal/desk/privacy/find', { regionId: 'zuid', contact: '' });
    expect(empty.status).toBe(422);
  });
});

describe('the portal privacy notice', () => {
  it('is open to everyone, in Dutch and English, with the controller, the retention as configured and every right', async () => {
    const anonymous = client(server.url);
    const nl = await anonymous.get('/portal/privacy');
    expect(nl.status).toBe(200);
    const html = await nl.text();
    for (const shown of ['OpWeg (demo deployment)', 'privacy@opweg.example.org', '28 dagen', '12 maanden', '12 uur', '730 dagen', '30 dagen', '35 dagen', 'Amazon Web Services', 'Autoriteit Persoonsgegevens', 'inzage', 'bezwaar', 'href="/nl/privacy/"']) {
      expect(html, shown).toContain(shown);
    }
    expect(await (await zuid.get('/portal/')).text()).toContain('href="/portal/privacy"');
    const en = await (await client(server.url, 'opweg_lang=en').get('/portal/privacy')).text();
    expect(en).toContain('Privacy notice');
    expect(en).toContain('href="/en/privacy/"');
  });
});

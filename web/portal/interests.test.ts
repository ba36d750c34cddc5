import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { ListingInput } from '../../shared/domain/listing.js';
import type { Membership } from '../../shared/domain/user.js';
import { auditHistory } from '../../shared/repositories/audit.js';
import { putLocation } from '../../shared/repositories/directory.js';
import { getInterest, getPerson } from '../../shared/repositories/interests.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { expressInterest } from '../../shared/services/interests.js';
import { introduce } from '../../shared/services/introductions.js';
import { createTestDb } from '../../test/db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { publishedListing, seedPeople, signedIn, type PortalClient } from './testing.js';

/**
 * The desk's interest inbox and interest page, the warm introduction with its mail, outcomes,
 * cancelling a seat, and the employer's page of residents introduced for one listing.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
let orgA = '';
let zuid: PortalClient;
let noord: PortalClient;
let employer: PortalClient;
let other: PortalClient;

const published = (input: ListingInput) => publishedListing(db, input);
const resident = (listingId: string, name: string, o: Record<string, unknown> = {}) => ({
  listingId, locationId: 'venlo', name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.org`, age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', consent: true, ...o,
});
/** "I'm interested", `minutes` after NOW: ids made in the same millisecond do not sort by time. */
const interested = (listingId: string, name: string, o: Record<string, unknown> = {}, minutes = 0) =>
  expressInterest(db, resident(listingId, name, o), new Date(NOW.getTime() + minutes * 60_000), retention);

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  await putLocation(db, { id: 'weert', regionId: 'zuid', name: 'Weert', municipality: 'Weert', province: 'Limburg', lat: 51.25, lon: 5.71 });
  orgA = (await seedOrganisation(db, { name: 'Kwekerij De Zon', sector: 'Glastuinbouw' })).id;
  const orgB = (await seedOrganisation(db, { name: 'Bouwbedrijf B' })).id;
  const memberships: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: orgA },
    { role: 'employer', email: 'collega@example.org', organisationId: orgA },
    { role: 'employer', email: 'andere@example.org', organisationId: orgB },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] },
  ];
  await seedPeople(db, memberships);
  server = await startTestServer(db, { mail: outbox, clock });
  zuid = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  noord = await signedIn(server.url, outbox, 'desk-noord@example.org');
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
  other = await signedIn(server.url, outbox, 'andere@example.org');
});
afterAll(() => server?.close());

const text = async (res: Response | Promise<Response>) => (await res).text();
/** The interest ids listed on an inbox page, in order. */
const listed = (html: string) => [...html.matchAll(/data-interest="([0-9A-Z]{26})"/g)].map((m) => m[1]!);

describe('the desk inbox', () => {
  it('lists the region\'s interest newest first with the resident\'s details, for the desk of the region only', async () => {
    const job = await published(vacancy(orgA, { title: 'Tomaten oogsten' }));
    const first = (await interested(job.id, 'Samira Haddad', { phone: '+31 6 1234 5678', age: '18-plus', eligibility: 'asylum-6-months', dutchLevel: 'A1', languages: ['ar', 'en'], message: 'Ik werkte in de kas.' })).interest;
    const second = (await interested(job.id, 'Yonas Tesfay', {}, 1)).interest;

    const home = await text(zuid.get('/portal/'));
    expect(home).toContain('href="/portal/desk/zuid/interests"');
    const html = await text(zuid.get('/portal/desk/zuid/interests'));
    const order = listed(html);
    expect(order.indexOf(second.id)).toBeLessThan(order.indexOf(first.id));
    const card = html.slice(html.indexOf(`data-interest="${first.id}"`), html.indexOf('</li>', html.indexOf(`data-interest="${first.id}"`)));
    for (const shown of ['Tomaten oogsten', 'Venlo', 'op 23 november 2026', 'nieuw', 'Samira Haddad', 'href="tel:+31612345678"', 'samirahaddad@example.org', 'Asielzoeker, aanvraag minstens 6 maanden oud', '<dd>A1</dd>', 'Arabisch, Engels', 'Ik werkte in de kas.']) {
      expect(card).toContain(shown);
    }
    // Each view of a person is audited.
    expect((await auditHistory(db, 'interest', first.id)).map((e) => `${e.actor} ${e.action}`)).toContain('desk-zuid@example.org interest.viewed');

    expect((await noord.get('/portal/desk/zuid/interests')).status).toBe(403);
    expect((await employer.get('/portal/desk/zuid/interests')).status).toBe(403);
    expect(listed(await text(noord.get('/portal/desk/noord/interests')))).toEqual([]);
  });

  it('filters by listing, location and status with a plain GET form, and pages with a signed cursor that keeps the filters', async () => {
    const a = await published(vacancy(orgA, { title: 'Filter A' }));
    const b = await published(vacancy(orgA, { title: 'Filter B' }));
    const inVenlo = (await interested(a.id, 'Amal')).interest;
    const inWeert = (await interested(a.id, 'Berhane', { locationId: 'weert' }, 1)).interest;
    const onB = (await interested(b.id, 'Chiara', { locationId: 'weert' })).interest;
    await introduce(db, SYSTEM, onB.id, onB.version, 'Voorgesteld', NOW);

    const form = await text(zuid.get('/portal/desk/zuid/interests'));
    expect(form).toMatch(/<form method="get" action="\/portal\/desk\/zuid\/interests"/);
    expect(form).toContain(`<option value="${a.id}">Filter A</option>`);
    expect(form).toContain('<option value="weert">Weert</option>');
    expect(form).not.toContain('<option value="assen">');

    expect(listed(await text(zuid.get(`/portal/desk/zuid/interests?listingId=${a.id}`)))).toEqual([inWeert.id, inVenlo.id]);
    expect(listed(await text(zuid.get(`/portal/desk/zuid/interests?listingId=${a.id}&locationId=weert`)))).toEqual([inWeert.id]);
    expect(listed(await text(zuid.get('/portal/desk/zuid/interests?locationId=weert&status=introduced')))).toEqual([onB.id]);
    const filtered = await text(zuid.get(`/portal/desk/zuid/interests?listingId=${a.id}&status=new`));
    expect(listed(filtered)).toEqual([inWeert.id, inVenlo.id]);
    expect(filtered).toContain(`<option value="${a.id}" selected="">Filter A</option>`);
    expect(filtered).toContain('<option value="new" selected="">nieuw</option>');
    // A listing of another region is not the desk's to filter on.
    const north = await published(vacancy(orgA, { regionId: 'noord', locationId: 'assen', title: 'Noord' }));
    expect((await zuid.get(`/portal/desk/zuid/interests?listingId=${north.id}`)).status).toBe(404);

    // 25 on one listing: the first page has 20, "more" brings the other 5 with the filter kept.
    const many = await published(vacancy(orgA, { title: 'Veel reacties' }));
    const ids: string[] = [];
    for (let n = 0; n < 25; n++) ids.push((await interested(many.id, `Bewoner ${n}`, {}, n)).interest.id);
    const page1 = await text(zuid.get(`/portal/desk/zuid/interests?listingId=${many.id}`));
    expect(listed(page1)).toEqual([...ids].reverse().slice(0, 20));
    const next = /href="(\/portal\/desk\/zuid\/interests\?[^"]*cursor=[^"]*)"/.exec(page1)![1]!.replace(/&amp;/g, '&');
    expect(new URL(next, server.url).searchParams.get('listingId')).toBe(many.id);
    expect(listed(await text(zuid.get(next)))).toEqual([...ids].reverse().slice(20));
    // A changed cursor, or one taken to another query, is refused.
    const cursor = new URL(next, server.url).searchParams.get('cursor')!;
    expect((await zuid.get(`/portal/desk/zuid/interests?listingId=${many.id}&cursor=${encodeURIComponent(`x${cursor}`)}`)).status).toBe(400);
    expect((await zuid.get(`/portal/desk/zuid/interests?cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);
  });
});

describe('an interest, introduced by the desk', () => {
  it('shows everything to the desk, introduces with a note, mails the employer\'s members, and refuses a stale form with 409', async () => {
    const job = await published(vacancy(orgA, { title: 'Inpakker' }));
    const { interest, reference } = await interested(job.id, 'Dawit Gebre', { message: 'Graag ochtendwerk.' });
    const page = `/portal/desk/zuid/interests/${interest.id}`;

    expect((await noord.get(page)).status).toBe(403);
    expect((await noord.get(`/portal/desk/noord/interests/${interest.id}`)).status).toBe(403);
    expect((await employer.get(page)).status).toBe(403);
    expect((await noord.post(`${page}/introduce`, { version: '1', note: 'Nee' })).status).toBe(403);

    const html = await text(zuid.get(page));
    for (const shown of ['Reactie op &quot;Inpakker&quot;', 'Dawit Gebre', 'Graag ochtendwerk.', reference, 'Voorstellen aan de werkgever']) expect(html).toContain(shown);

    const empty = await zuid.post(`${page}/introduce`, { version: '1', note: '  ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toMatch(/id="f-note-error"/);
    expect((await getInterest(db, interest.id))?.status).toBe('new');

    const mailsBefore = outbox.messages().length;
    const res = await zuid.post(`${page}/introduce`, { version: '1', note: 'Dawit is betrouwbaar en wil graag leren.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page}?done=introduced`);
    expect(await getInterest(db, interest.id)).toMatchObject({ status: 'introduced', version: 2 });
    expect((await getPerson(db, interest.id, NOW))?.introductionNote).toBe('Dawit is betrouwbaar en wil graag leren.');
    const mails = outbox.messages().slice(0, outbox.messages().length - mailsBefore);
    expect(mails.map((m) => m.to).sort()).toEqual(['collega@example.org', 'werkgever@example.org']);
    expect(mails[0]!.subject).toBe('Een bewoner voor "Inpakker"');
    expect(mails[0]!.text).toContain(`${server.url}/portal/listings/${job.id}/introductions`);
    // The mail names nobody: the portal shows the resident, behind sign-in.
    expect(mails[0]!.text).not.toMatch(/Dawit|betrouwbaar|@example\.org/);

    const after = await text(zuid.get(`${page}?done=introduced`));
    expect(after).toContain('Voorgesteld. De werkgever heeft een e-mail gekregen.');
    expect(after).not.toContain('action="/portal/desk/zuid/interests/' + interest.id + '/introduce"');

    const stale = await zuid.post(`${page}/introduce`, { version: '1', note: 'Nog eens' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Open de pagina opnieuw');
  });

  it('says so when no e-mail went to the employer (an organisation without members): no claim of a mail that did not go', async () => {
    const lonely = (await seedOrganisation(db, { name: 'Zonder Leden' })).id;
    const job = await published(vacancy(lonely, { title: 'Schoonmaker' }));
    const { interest } = await interested(job.id, 'Ruth');
    const page = `/portal/desk/zuid/interests/${interest.id}`;
    const mailsBefore = outbox.messages().length;
    const res = await zuid.post(`${page}/introduce`, { version: '1', note: 'Ruth wil graag ochtenden werken.' });
    expect(res.headers.get('location')).toBe(`${page}?done=introducedNoMail`);
    expect(outbox.messages().length).toBe(mailsBefore);
    const after = await text(zuid.get(res.headers.get('location')!));
    expect(after).toContain('Voorgesteld, maar er ging geen e-mail naar de werkgever');
    expect(after).not.toContain('De werkgever heeft een e-mail gekregen');
  });

  it('re-renders a bad outcome with a message per field and what was typed, and stores nothing', async () => {
    const job = await published(vacancy(orgA, { title: 'Heftruckchauffeur' }));
    const { interest } = await interested(job.id, 'Ehsan');
    await introduce(db, SYSTEM, interest.id, 1, 'Heeft een heftruckcertificaat.', NOW);
    const page = `/portal/desk/zuid/interests/${interest.id}`;

    const bad = await zuid.post(`${page}/outcome`, { version: '2', status: '', on: '', reason: 'bijna' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toMatch(/id="f-status-error"/);
    expect(html).toMatch(/id="f-on-error"/);
    // A stop reason is a code from a list: free text is refused.
    expect(html).toMatch(/id="f-reason-error"/);
    expect(html).toContain('<option value="care-duties">zorg voor gezin</option>');
    const stopped = await text(zuid.post(`${page}/outcome`, { version: '2', status: 'stopped', on: '2026-11-23', reason: '' }));
    expect(stopped).toMatch(/id="f-reason-error"/);
    expect(stopped).toContain('<option value="stopped" selected="">gestopt</option>');
    const future = await zuid.post(`${page}/outcome`, { version: '2', status: 'interview', on: '2026-11-24' });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('Deze dag ligt in de toekomst.');
    expect(await getInterest(db, interest.id)).toMatchObject({ status: 'introduced', version: 2, outcomes: [{ status: 'introduced' }] });

    expect((await noord.post(`${page}/outcome`, { version: '2', status: 'interview', on: '2026-11-23' })).status).toBe(403);
    expect((await zuid.post(`${page}/outcome`, { version: '2', status: 'interview', on: '2026-11-23' })).status).toBe(303);
    expect((await zuid.post(`${page}/outcome`, { version: '2', status: 'matched', on: '2026-11-23' })).status).toBe(409);
    const history = await text(zuid.get(page));
    expect(history).toMatch(/<time datetime="2026-11-23">23 november 2026<\/time> gesprek/);
    expect(await getInterest(db, interest.id)).toMatchObject({ status: 'interview', version: 3 });
  });

  it('cancels a seat on a visit: the first on the waiting list moves up', async () => {
    const tour = await published(visit(orgA, { title: 'Rondleiding kas', seats: 1 }));
    const seated = (await interested(tour.id, 'Farah')).interest;
    const waiting = (await interested(tour.id, 'Goitom')).interest;
    expect([seated.seat, waiting.seat]).toEqual(['confirmed', 'waiting']);

    const inbox = await text(zuid.get(`/portal/desk/zuid/interests?listingId=${tour.id}`));
    expect(inbox).toContain('plaats bevestigd');
    expect(inbox).toContain('op de wachtlijst');
    expect((await noord.post(`/portal/desk/zuid/interests/${seated.id}/cancel-seat`, {})).status).toBe(403);
    expect((await getInterest(db, seated.id))?.seat).toBe('confirmed');

    const res = await zuid.post(`/portal/desk/zuid/interests/${seated.id}/cancel-seat`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/desk/zuid/interests/${seated.id}?done=promoted`);
    expect((await getInterest(db, seated.id))?.seat).toBe('cancelled');
    expect((await getInterest(db, waiting.id))?.seat).toBe('confirmed');
    const page = await text(zuid.get(`/portal/desk/zuid/interests/${seated.id}?done=promoted`));
    expect(page).toContain('data-seat="cancelled"');
    expect(page).not.toContain('/cancel-seat');
  });
});

describe('the employer\'s introduced residents', () => {
  it('shows only the residents introduced for that listing, to that employer only, and takes their outcomes', async () => {
    const job = await published(vacancy(orgA, { title: 'Kassier' }));
    const otherJob = await published(vacancy(orgA, { title: 'Vakkenvuller' }));
    const introduced = (await interested(job.id, 'Hana Idris', { phone: '0612345678' })).interest;
    const notYet = (await interested(job.id, 'Ismail Noor')).interest;
    const elsewhere = (await interested(otherJob.id, 'Jamal Omar')).interest;
    await zuid.post(`/portal/desk/zuid/interests/${introduced.id}/introduce`, { version: '1', note: 'Spreekt goed Engels.' });
    await zuid.post(`/portal/desk/zuid/interests/${elsewhere.id}/introduce`, { version: '1', note: 'Voor het andere aanbod.' });
    const page = `/portal/listings/${job.id}/introductions`;

    const listing = await text(employer.get(`/portal/listings/${job.id}`));
    expect(listing).toContain(`href="${page}"`);
    const html = await text(employer.get(page));
    expect(html).toContain('Hana Idris');
    expect(html).toContain('0612345678');
    expect(html).toContain('Spreekt goed Engels.');
    expect(html).not.toContain('Ismail Noor');
    expect(html).not.toContain('Jamal Omar');
    expect(listed(html)).toEqual([introduced.id]);
    expect(listed(await text(employer.get(`/portal/listings/${otherJob.id}/introductions`)))).toEqual([elsewhere.id]);

    // Another employer, and desks, do not get this page; nor may another employer record.
    expect((await other.get(page)).status).toBe(403);
    expect((await noord.get(page)).status).toBe(403);
    expect((await other.post(`${page}/${introduced.id}/outcome`, { version: '2', status: 'interview', on: '2026-11-23' })).status).toBe(403);
    expect((await employer.post(`${page}/${notYet.id}/outcome`, { version: '1', status: 'interview', on: '2026-11-23' })).status).toBe(404);

    const bad = await employer.post(`${page}/${introduced.id}/outcome`, { version: '2', status: 'stopped', on: '26-11-2026' });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(new RegExp(`id="f-${introduced.id}-on-error"`));
    expect(badHtml).toMatch(new RegExp(`id="f-${introduced.id}-reason-error"`));
    expect(badHtml).toContain('value="26-11-2026"');
    expect((await getInterest(db, introduced.id))?.outcomes.map((o) => o.status)).toEqual(['introduced']);

    const res = await employer.post(`${page}/${introduced.id}/outcome`, { version: '2', status: 'interview', on: '2026-11-23' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page}?done=outcome&interest=${introduced.id}#i-${introduced.id}`);
    expect((await getInterest(db, introduced.id))?.outcomes).toMatchObject([{ status: 'introduced', by: 'desk' }, { status: 'interview', on: '2026-11-23', by: 'employer' }]);
    expect(await text(employer.get(page))).toMatch(/<time datetime="2026-11-23">23 november 2026<\/time> gesprek/);
    // The desk sees it too: who recorded it as a role, not an e-mail address.
    const deskView = await text(zuid.get(`/portal/desk/zuid/interests/${introduced.id}`));
    expect(deskView).toContain('vastgelegd door de werkgever');
    expect(deskView).not.toContain('vastgelegd door werkgever@example.org');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { getListing, listingsOfOrganisation, publishedInRegion } from '../../shared/repositories/listings.js';
import { listOrganisations } from '../../shared/repositories/organisations.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, employerOf, NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { signedIn, type PortalClient } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let zuid: PortalClient;
let noord: PortalClient;

async function user(email: string, m: Parameters<typeof putMembership>[1]) {
  await putUser(db, { id: ulid(), email, name: email, createdAt: NOW.toISOString() });
  await putMembership(db, m);
}
async function pending(title: string) {
  const employer = employerOf(org.id);
  const l = await createListing(db, employer, vacancy(org.id, { title }), clock);
  return changeStatus(db, employer, l.id, 1, 'submit', { clock });
}

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland Logistiek', kvk: '68450213' });
  await user('werkgever@example.org', { role: 'employer', email: 'werkgever@example.org', organisationId: org.id });
  await user('desk-zuid@example.org', { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
  await user('desk-noord@example.org', { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] });
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  zuid = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  noord = await signedIn(server.url, outbox, 'desk-noord@example.org');
});
afterAll(() => server?.close());

const idIn = (res: Response) => /listings\/([0-9A-Z]{26})/.exec(res.headers.get('location') ?? '')![1]!;

describe('desk pages', () => {
  it('shows the region\'s queue oldest first with its count in the navigation; approves; mails the employer', async () => {
    const first = await pending('Eerste');
    const second = await pending('Tweede');
    const home = await (await zuid.get('/portal/')).text();
    expect(home).toMatch(/href="\/portal\/desk\/zuid">Balie Zuid<span class="count"> \(2\)<\/span>/);
    const queue = await (await zuid.get('/portal/desk/zuid')).text();
    expect(queue).toContain('<span id="queue-count">2</span>');
    expect(queue.indexOf(first.id)).toBeLessThan(queue.indexOf(second.id));

    expect((await zuid.post(`/portal/listings/${first.id}/approve`, { version: '2' })).status).toBe(303);
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).toContain(first.id);
    expect(outbox.latestTo('werkgever@example.org')?.subject).toBe('Gepubliceerd op OpWeg: Eerste');
    expect(await (await zuid.get('/portal/desk/zuid')).text()).toContain('<span id="queue-count">1</span>');
  });

  it('lets the desk of another region neither see nor act', async () => {
    const l = await pending('Niet voor Noord');
    expect((await noord.get('/portal/desk/zuid')).status).toBe(403);
    expect(await (await noord.get('/portal/desk/noord')).text()).not.toContain(l.id);
    expect((await noord.get(`/portal/listings/${l.id}`)).status).toBe(403);
    expect((await noord.post(`/portal/listings/${l.id}/approve`, { version: '2' })).status).toBe(403);
    expect((await noord.post(`/portal/listings/${l.id}/reject`, { version: '2', reason: 'x' })).status).toBe(403);
    expect((await getListing(db, l.id))?.status).toBe('pending');
  });

  it('rejects only with a reason, which the employer reads; asks for changes; features and hides', async () => {
    const l = await pending('Met reden');
    const noReason = await zuid.post(`/portal/listings/${l.id}/reject`, { version: '2', reason: '' });
    expect(noReason.status).toBe(422);
    expect(await noReason.text()).toMatch(/id="f-reject-reason-error"/);
    expect((await getListing(db, l.id))?.status).toBe('pending');
    await zuid.post(`/portal/listings/${l.id}/reject`, { version: '2', reason: 'Het uurloon ontbreekt in de tekst.' });
    expect(outbox.latestTo('werkgever@example.org')?.text).toContain('Het uurloon ontbreekt in de tekst.');
    const employer = await signedIn(server.url, outbox, 'werkgever@example.org');
    const page = await (await employer.get(`/portal/listings/${l.id}`)).text();
    expect(page).toContain('Niet goedgekeurd, omdat:');
    expect(page).toContain('Het uurloon ontbreekt in de tekst.');

    const c = await pending('Aanpassen graag');
    await zuid.post(`/portal/listings/${c.id}/requestChanges`, { version: '2', reason: 'Noem de werktijden.' });
    expect(await getListing(db, c.id)).toMatchObject({ status: 'draft', rejectionReason: 'Noem de werktijden.' });

    const f = await pending('Uitgelicht');
    await zuid.post(`/portal/listings/${f.id}/approve`, { version: '2' });
    await zuid.post(`/portal/listings/${f.id}/feature`, { version: '3' });
    await zuid.post(`/portal/listings/${f.id}/hide`, { version: '4' });
    expect(await getListing(db, f.id)).toMatchObject({ featured: true, hidden: true, version: 5 });
    expect((await publishedInRegion(db, 'zuid')).items.map((x) => x.id)).not.toContain(f.id);
    const history = await (await zuid.get(`/portal/listings/${f.id}/history`)).text();
    // In words, in the reader's language, not the audit log's keys.
    expect(history).toContain('desk-zuid@example.org heeft het goedgekeurd: het kwam op de site.');
    expect(history).toContain('desk-zuid@example.org heeft het uitgelicht.');
    expect(history).toContain('desk-zuid@example.org heeft het verborgen voor bewoners.');
    expect(history).not.toMatch(/>[^<]*listing\.(created|submit|approve|curated)/);
    // The employer reads it too, with the desk's staff as "the desk" (their addresses stay with the desk).
    const theirs = await employer.get(`/portal/listings/${f.id}/history`);
    expect(theirs.status).toBe(200);
    const read = await theirs.text();
    expect(read).toContain('De Meedoenbalie heeft het uitgelicht.');
    expect(read).not.toContain('desk-zuid@example.org');
  });

  it('posts on behalf of an employer of the region, and edits it', async () => {
    const form = await (await zuid.get('/portal/desk/zuid/listings/new')).text();
    expect(form).toContain(`<option value="${org.id}">Maasland Logistiek</option>`);
    expect(form).not.toContain('value="assen"');
    const missing = await zuid.post('/portal/desk/zuid/listings', { kind: 'internship', title: 'Tuinieren', description: 'Helpen in de moestuin.', locationId: 'venlo', openTo: 'permit-holders', dutchLevel: 'none', 'workplace.city': 'Venlo' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toMatch(/id="f-organisationId-error"/);
    const res = await zuid.post('/portal/desk/zuid/listings', { organisationId: org.id, kind: 'internship', title: 'Tuinieren', description: 'Helpen in de moestuin.', locationId: 'venlo', openTo: 'permit-holders', dutchLevel: 'none', 'workplace.city': 'Venlo' });
    expect(res.status).toBe(303);
    const id = idIn(res);
    expect(await getListing(db, id)).toMatchObject({ organisationId: org.id, status: 'draft', kind: 'internship' });
    expect((await zuid.post(`/portal/listings/${id}`, { kind: 'internship', title: 'Tuinieren in Venlo', description: 'Helpen in de moestuin.', locationId: 'venlo', openTo: 'permit-holders', dutchLevel: 'none', 'workplace.city': 'Venlo', version: '1' })).status).toBe(303);
    expect((await getListing(db, id))?.title).toBe('Tuinieren in Venlo');
  });

  it('imports a CSV upload and reports each refused row with its reasons', async () => {
    const csv = [
      'organisation,locationId,kind,title,description,openTo,dutchLevel,wagePerHour,closingDate,workplace.city',
      '68450213,venlo,job,Chauffeur,Rijden,permit-holders,A2,16.00,2026-12-31,Venlo',
      '68450213,venlo,job,Goedkoop,Rijden,permit-holders,A2,10.00,2026-12-31,Venlo',
    ].join('\n');
    const body = new FormData();
    body.append('file', new Blob([csv], { type: 'text/csv' }), 'listings.csv');
    body.append('publish', 'on');
    const res = await fetch(`${server.url}/portal/desk/zuid/import`, { method: 'POST', body, headers: { cookie: zuid.cookie, origin: server.url } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('1 geïmporteerd, 1 geweigerd');
    expect(html).toMatch(/data-line="3"[\s\S]*wagePerHour[\s\S]*minimumloon/);
    expect((await listingsOfOrganisation(db, org.id, { limit: 100 })).items.filter((l) => l.title === 'Goedkoop')).toEqual([]);
    expect((await noord.get('/portal/desk/zuid/import')).status).toBe(403);
  });

  it('lists what each import column may hold, offers a template, and names the options in a refusal', async () => {
    const page = await (await zuid.get('/portal/desk/zuid/import')).text();
    expect(page).toContain('href="/portal/desk/zuid/import/template.csv"');
    expect(page).toMatch(/<tr data-column="kind">[\s\S]*?<code>job<\/code>, <code>internship<\/code>/);
    expect(page).toMatch(/<tr data-column="locationId">[\s\S]*?<code>venlo<\/code><\/td>/);
    expect(page).toMatch(/<tr data-column="organisation">[\s\S]*?<code>Maasland Logistiek<\/code>/);
    expect(page).toMatch(/<tr data-column="startDate">[\s\S]*?JJJJ-MM-DD/);

    const template = await zuid.get('/portal/desk/zuid/import/template.csv');
    expect(template.status).toBe(200);
    expect(template.headers.get('content-disposition')).toBe('attachment; filename="opweg-import-zuid.csv"');
    const bytes = new Uint8Array(await template.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')[1]).toMatch(/^Maasland Logistiek;job;/);
    expect((await noord.get('/portal/desk/zuid/import/template.csv')).status).toBe(403);

    const body = new FormData();
    body.append('file', new Blob(['organisation,locationId,kind,title,description,openTo,dutchLevel,workplace.city\n68450213,venlo,baan,Fout,Werk,permit-holders,A2,Venlo\n'], { type: 'text/csv' }), 'listings.csv');
    const res = await fetch(`${server.url}/portal/desk/zuid/import`, { method: 'POST', body, headers: { cookie: zuid.cookie, origin: server.url } });
    expect(await res.text()).toContain('Kies een van: job, internship, workplace-learning, apprenticeship, volunteering, company-visit, event.');
  });

  it('keeps the region\'s partner network: add, edit, remove', async () => {
    const bad = await zuid.post('/portal/desk/zuid/partners', { kind: 'uwv', name: '', website: 'javascript:alert(1)' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/id="f-website-error"/);
    expect((await zuid.post('/portal/desk/zuid/partners', { kind: 'employer-service-point', name: 'WSP Noord-Limburg', offers: 'Werkgeversdienstverlening' })).status).toBe(303);
    const partner = (await listOrganisations(db)).find((o) => o.name === 'WSP Noord-Limburg')!;
    expect(await (await zuid.get('/portal/desk/zuid/partners')).text()).toContain('WSP Noord-Limburg');
    expect((await noord.get(`/portal/desk/zuid/partners/${partner.id}`)).status).toBe(403);
    expect((await zuid.post(`/portal/desk/zuid/partners/${partner.id}`, { kind: 'employer-service-point', name: 'WSP Venlo' })).status).toBe(303);
    expect((await zuid.post(`/portal/desk/zuid/partners/${partner.id}/remove`, {})).status).toBe(303);
    expect(await (await zuid.get('/portal/desk/zuid/partners')).text()).not.toContain('WSP Venlo');
  });

  it('finds a listing by the number a resident reads out: one goes straight to it, none and twins are said, a wrong number is the field\'s error', async () => {
    const l = await pending('Heftruckchauffeur');
    const number = l.id.slice(-8);
    // Typed the way it is heard: lower case, with a space in the middle.
    const spoken = `${number.slice(0, 4)} ${number.slice(4)}`.toLowerCase();
    const one = await zuid.get(`/portal/desk/zuid/find?number=${encodeURIComponent(spoken)}`);
    expect(one.status).toBe(303);
    expect(one.headers.get('location')).toBe(`/portal/listings/${l.id}`);
    expect(await (await zuid.get(`/portal/listings/${l.id}`)).text()).toContain(`nummer ${number}`);

    // Another region's desk finds nothing in its own region and may not search this one.
    const none = await noord.get(`/portal/desk/noord/find?number=${number}`);
    expect(none.status).toBe(200);
    expect(await none.text()).toMatch(/id="find-none"[^>]*>Geen aanbod met nummer/);
    expect((await noord.get(`/portal/desk/zuid/find?number=${number}`)).status).toBe(403);

    // Opened without a number: the field, no error.
    const empty = await zuid.get('/portal/desk/zuid/find');
    expect(empty.status).toBe(200);
    expect(await empty.text()).not.toContain('field-error');
    expect((await noord.get('/portal/desk/zuid/find')).status).toBe(403);

    const wrong = await zuid.get('/portal/desk/zuid/find?number=12-3');
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Een nummer heeft acht letters en cijfers');

    // Two listings whose ids end alike (a very rare chance): the desk chooses by title.
    const employer = employerOf(org.id);
    const twin = await createListing(db, employer, vacancy(org.id, { title: 'Orderpicker' }), clock, { id: `${ulid().slice(0, 18)}${number}` });
    const both = await zuid.get(`/portal/desk/zuid/find?number=${number}`);
    expect(both.status).toBe(200);
    const page = await both.text();
    expect(page).toContain(`data-listing="${l.id}"`);
    expect(page).toContain(`data-listing="${twin.id}"`);
  });
});

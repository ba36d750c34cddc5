import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { getListing, listingsOfOrganisation } from '../../shared/repositories/listings.js';
import { distanceKm } from '../../shared/services/geo.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { createTestDb } from '../../test/db.js';
import { NOW, seedDirectory, seedOrganisation } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { signedIn, type PortalClient } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let other: Organisation;
let employer: PortalClient;

const job = {
  kind: 'job', title: 'Orderpicker', description: 'Orders verzamelen in het magazijn.', language: 'nl', locationId: 'venlo',
  openTo: 'permit-holders-and-asylum-seekers', helpsWithWorkPermit: 'on', dutchLevel: 'A1', hoursPerWeek: '32', wagePerHour: '15,25',
  startDate: '2026-12-07', closingDate: '2026-12-20', 'workplace.city': 'Venlo', 'workplace.postcode': '5928 rc',
};

async function member(email: string, organisationId: string) {
  await putUser(db, { id: ulid(), email, name: email, createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email, organisationId });
}

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
  other = await seedOrganisation(db, { name: 'Ander Bedrijf' });
  await member('werkgever@example.org', org.id);
  await member('ander@example.org', other.id);
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
});
afterAll(() => server?.close());

describe('employer pages', () => {
  it('lists the organisation in the navigation and shows its dashboard', async () => {
    const home = await (await employer.get('/portal/')).text();
    expect(home).toContain(`href="/portal/org/${org.id}"`);
    const dashboard = await employer.get(`/portal/org/${org.id}`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('Nog geen aanbod');
  });

  it('creates a listing from the form: a draft with its region from the location, shown as residents see it', async () => {
    const res = await employer.post(`/portal/org/${org.id}/listings`, job);
    expect(res.status).toBe(303);
    const id = /\/portal\/listings\/([0-9A-Z]{26})/.exec(res.headers.get('location')!)![1]!;
    const stored = await getListing(db, id);
    expect(stored).toMatchObject({ status: 'draft', regionId: 'zuid', locationId: 'venlo', wagePerHour: 15.25, helpsWithWorkPermit: true, englishOk: false, workplace: { postcode: '5928 RC', city: 'Venlo', lat: 51.37, lon: 6.1681 } });
    const page = await (await employer.get(`/portal/listings/${id}`)).text();
    expect(page).toContain('data-status="draft"');
    expect(page).toContain('Zoals bewoners het zien');
    // Money the Dutch way: the euro sign, a (non-breaking) space and a decimal comma.
    expect(page).toContain('€\u00a015,25');
    expect(page).not.toContain('15.25');
    expect(page).toContain(`action="/portal/listings/${id}/submit"`);
    expect(page).not.toContain('/approve"'); // not the desk's buttons
  });

  it('places the workplace by its place name: coordinates from the places data set, never typed, so the distance is right', async () => {
    const res = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Magazijn Weert', 'workplace.city': ' weert ', 'workplace.postcode': '' });
    expect(res.status).toBe(303);
    const stored = await getListing(db, /\/portal\/listings\/([0-9A-Z]{26})/.exec(res.headers.get('location')!)![1]!);
    // Stored as the place spells itself; coordinates from the data set.
    expect(stored!.workplace).toEqual({ city: 'Weert', lat: 51.2517, lon: 5.7069 });
    // Offered to the Venlo location: about 35 km away, not the location's own spot.
    expect(Math.round(distanceKm(stored!.workplace, { lat: 51.3704, lon: 6.1724 }))).toBe(35);
    const form = await (await employer.get(`/portal/org/${org.id}/listings/new`)).text();
    expect(form).toContain('name="workplace.city"');
    expect(form).not.toMatch(/name="workplace\.(lat|lon)"/);
    expect(form).toContain('Hengelo (Gelderland)');
    // A postcode in front of the place, as an address line writes it, is left aside.
    const grave = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Magazijn Grave', 'workplace.city': '5361AB grave', 'workplace.postcode': '5361 AB' });
    expect(grave.status).toBe(303);
    expect((await getListing(db, /\/portal\/listings\/([0-9A-Z]{26})/.exec(grave.headers.get('location')!)![1]!))!.workplace).toEqual({ postcode: '5361 AB', city: 'Grave', lat: 51.759, lon: 5.7388 });
  });

  it('refuses an unknown or ambiguous place with a message naming what was typed and what would do; nothing is stored', async () => {
    const before = (await listingsOfOrganisation(db, org.id, { limit: 100 })).items.length;
    const unknown = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Nergens', 'workplace.city': 'Atlantis' });
    expect(unknown.status).toBe(422);
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain('We kennen geen plaats in Nederland die &quot;Atlantis&quot; heet');
    expect(unknownPage).toContain('id="f-workplace-city-error"');
    const twice = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Twee Hengelo', 'workplace.city': 'Hengelo' });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain('Er zijn meer plaatsen die &quot;Hengelo&quot; heten: Hengelo (Gelderland), Hengelo (Overijssel)');
    const english = await (await signedIn(server.url, outbox, 'werkgever@example.org', 'en')).post(`/portal/org/${org.id}/listings`, { ...job, title: 'Nowhere', 'workplace.city': 'Atlantis' });
    expect(english.status).toBe(422);
    expect(await english.text()).toContain('We know no place in the Netherlands called &quot;Atlantis&quot;');
    // A postcode alone places nothing (no data set of postcode centres exists to ship): its own message says to add the town.
    const postcode = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Alleen postcode', 'workplace.city': '5361 AB' });
    expect(postcode.status).toBe(422);
    expect(await postcode.text()).toContain('Een postcode alleen (&quot;5361 AB&quot;) kunnen we niet opzoeken. Zet de plaats erbij, zoals 5361 AB Grave');
    expect((await listingsOfOrganisation(db, org.id, { limit: 100 })).items.length).toBe(before);
    const fixed = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Twee Hengelo', 'workplace.city': 'Hengelo (Overijssel)' });
    expect(fixed.status).toBe(303);
    expect(await getListing(db, /\/portal\/listings\/([0-9A-Z]{26})/.exec(fixed.headers.get('location')!)![1]!)).toMatchObject({ workplace: { city: 'Hengelo (Overijssel)', lat: 52.2658 } });
  });

  it('makes one listing of a form sent twice (a retry after "try again"); the form carries its new id, kept when it comes back with errors', async () => {
    const form = await (await employer.get(`/portal/org/${org.id}/listings/new`)).text();
    const newId = /name="newId" value="([0-9A-Z]{26})"/.exec(form)![1]!;
    const again = await (await employer.post(`/portal/org/${org.id}/listings`, { ...job, newId, title: '' })).text();
    expect(again).toContain(`name="newId" value="${newId}"`);
    const first = await employer.post(`/portal/org/${org.id}/listings`, { ...job, newId, title: 'Twee keer verstuurd' });
    const second = await employer.post(`/portal/org/${org.id}/listings`, { ...job, newId, title: 'Twee keer verstuurd' });
    expect(first.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(first.headers.get('location')).toContain(newId);
    const titles = (await listingsOfOrganisation(db, org.id, { limit: 100 })).items.map((l) => l.title);
    expect(titles.filter((t) => t === 'Twee keer verstuurd')).toHaveLength(1);
    // Another organisation's employer cannot use an id that is taken to reach that listing.
    const stranger = await signedIn(server.url, outbox, 'ander@example.org');
    const taken = await stranger.post(`/portal/org/${other.id}/listings`, { ...job, newId, title: 'Overgenomen?' });
    expect(taken.status).toBe(409);
    expect((await getListing(db, newId))?.title).toBe('Twee keer verstuurd');
  });

  it('refuses a wage below the minimum, a closing date in the past and a visit without seats; keeps what was typed; stores nothing', async () => {
    const before = (await listingsOfOrganisation(db, org.id)).items.length;
    const low = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Te goedkoop', wagePerHour: '9,50' });
    expect(low.status).toBe(422);
    const html = await low.text();
    expect(html).toMatch(/onder het wettelijk minimumloon: €\s14,71 bruto per uur/);
    expect(html).toContain('value="Te goedkoop"');
    expect(html).toContain('value="9,50"');
    expect(html).toMatch(/<option value="venlo" selected/);

    const late = await (await employer.post(`/portal/org/${org.id}/listings`, { ...job, closingDate: '2026-01-01' })).text();
    expect(late).toContain('Deze datum ligt in het verleden');
    const visit = await employer.post(`/portal/org/${org.id}/listings`, { ...job, kind: 'company-visit', openTo: 'everyone', wagePerHour: '', startsAt: '2026-12-02T09:00', endsAt: '2026-12-02T11:00', seats: '' });
    expect(visit.status).toBe(422);
    expect(await visit.text()).toMatch(/id="f-seats-error"/);
    const noLocation = await (await employer.post(`/portal/org/${org.id}/listings`, { ...job, locationId: '', title: '' })).text();
    expect(noLocation).toMatch(/id="f-locationId-error"/);
    expect(noLocation).toMatch(/id="f-title-error"/);
    expect((await listingsOfOrganisation(db, org.id)).items).toHaveLength(before);
  });

  it('shows messages in English for an English-speaking employer', async () => {
    const english = await signedIn(server.url, outbox, 'werkgever@example.org', 'en');
    const html = await (await english.post(`/portal/org/${org.id}/listings`, { ...job, wagePerHour: '9' })).text();
    expect(html).toContain('below the statutory minimum wage: €14.71');
    expect(html).toContain('Gross wage per hour');
  });

  it('edits with the version it was opened at; a stale form gets a 409 and stores nothing', async () => {
    const created = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Versie 1' });
    const id = /listings\/([0-9A-Z]{26})/.exec(created.headers.get('location')!)![1]!;
    const form = await (await employer.get(`/portal/listings/${id}/edit`)).text();
    expect(form).toContain('name="version" value="1"');
    expect(form).toContain('value="Versie 1"');
    expect((await employer.post(`/portal/listings/${id}`, { ...job, title: 'Versie 2', version: '1' })).status).toBe(303);
    const stale = await employer.post(`/portal/listings/${id}`, { ...job, title: 'Versie 2b', version: '1' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Iemand anders heeft dit intussen gewijzigd');
    expect(await getListing(db, id)).toMatchObject({ title: 'Versie 2', version: 2 });
  });

  it('submits for review, duplicates into a new form, closes; another employer can neither see nor act', async () => {
    const created = await employer.post(`/portal/org/${org.id}/listings`, { ...job, title: 'Heftruckchauffeur' });
    const id = /listings\/([0-9A-Z]{26})/.exec(created.headers.get('location')!)![1]!;
    expect((await employer.post(`/portal/listings/${id}/submit`, { version: '1' })).status).toBe(303);
    expect(await getListing(db, id)).toMatchObject({ status: 'pending', version: 2 });
    const dashboard = await (await employer.get(`/portal/org/${org.id}`)).text();
    expect(dashboard).toMatch(/id="status-pending"[\s\S]*Heftruckchauffeur/);

    const copy = await (await employer.get(`/portal/org/${org.id}/listings/new?from=${id}`)).text();
    expect(copy).toContain('value="Heftruckchauffeur"');
    expect(copy).toContain(`action="/portal/org/${org.id}/listings"`);

    const stranger = await signedIn(server.url, outbox, 'ander@example.org');
    expect((await stranger.get(`/portal/listings/${id}`)).status).toBe(403);
    expect((await stranger.post(`/portal/listings/${id}/close`, { version: '2' })).status).toBe(403);
    expect((await stranger.get(`/portal/org/${org.id}`)).status).toBe(403);
    expect((await stranger.post(`/portal/org/${org.id}/listings`, job)).status).toBe(403);

    expect((await employer.post(`/portal/listings/${id}/close`, { version: '2' })).status).toBe(303);
    expect((await getListing(db, id))?.status).toBe('closed');
  });

  it('invites a colleague by e-mail, and edits the profile', async () => {
    const invite = await employer.post(`/portal/org/${org.id}/members`, { name: 'Carla', email: 'carla@example.org' });
    expect(await invite.text()).toContain('Uitnodiging gestuurd naar carla@example.org');
    expect(outbox.latestTo('carla@example.org')?.text).toContain('/portal/login/confirm?token=');
    const wrong = await employer.post(`/portal/org/${org.id}/profile`, { name: 'Maasland Logistiek', kvk: '123', website: 'javascript:alert(1)', regionIds: ['zuid'] });
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain('Een KvK-nummer heeft 8 cijfers');
    expect(html).toMatch(/id="f-website-error"/);
    expect((await employer.post(`/portal/org/${org.id}/profile`, { name: 'Maasland Logistiek', kvk: '12345678', sector: 'Logistiek', regionIds: ['zuid', 'noord'] })).status).toBe(303);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { Listing } from '../../shared/domain/listing.js';
import { formatMoney } from '../../shared/i18n/format.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { getListing, listingsOfOrganisation, writeListing } from '../../shared/repositories/listings.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { createTestDb } from '../../test/db.js';
import { NON_PROFIT, NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { client, seedPeople, signedIn, type PortalClient } from './testing.js';

/** The listing rules of docs/domain.md through the portal's forms: 422, a message per field, nothing stored. */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let factory: Organisation;
let ngo: Organisation;
let employer: PortalClient;
let desk: PortalClient;

const form = {
  kind: 'job', title: 'Orderpicker', description: 'Orders verzamelen in het magazijn.', language: 'nl', locationId: 'venlo',
  openTo: 'permit-holders-and-asylum-seekers', dutchLevel: 'A1', hoursPerWeek: '32', wagePerHour: '15,25',
  startDate: '2026-12-07', closingDate: '2026-12-20', 'workplace.city': 'Venlo',
};
const volunteeringForm = { ...form, kind: 'volunteering', title: 'Moestuin', openTo: 'everyone', wagePerHour: '' };
const errorOf = (html: string, field: string) => new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html)?.[1];

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  factory = await seedOrganisation(db, { name: 'Fabriek Venlo' });
  ngo = await seedOrganisation(db, { ...NON_PROFIT, kind: 'ngo', name: 'VluchtelingenWerk Venlo' });
  await seedPeople(db, [
    { role: 'employer', email: 'fabriek@example.org', organisationId: factory.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'admin', email: 'admin@example.org' },
  ]);
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  employer = await signedIn(server.url, outbox, 'fabriek@example.org');
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

describe('the listing form refuses what the law forbids', () => {
  it('refuses the €9 job starting in 2019, far-off dates, a BBL without wage and volunteering by a factory; stores nothing', async () => {
    const post = (fields: Record<string, string>) => employer.post(`/portal/org/${factory.id}/listings`, { ...form, ...fields });
    const cheap = await post({ wagePerHour: '9,00', startDate: '2019-06-01' });
    expect(cheap.status).toBe(422);
    const cheapHtml = await cheap.text();
    expect(errorOf(cheapHtml, 'wagePerHour')).toContain(formatMoney('nl', 14.71));
    expect(errorOf(cheapHtml, 'startDate')).toBe('Deze datum ligt in het verleden.');

    const far = await (await post({ closingDate: '9999-12-31' })).text();
    expect(errorOf(far, 'closingDate')).toBe('Deze datum ligt te ver vooruit. Kies een datum tot en met 2027-11-23.');
    const visit = await (await post({ kind: 'company-visit', openTo: 'everyone', wagePerHour: '', startsAt: '9999-12-02T09:00', endsAt: '9999-12-02T12:00', seats: '10' })).text();
    expect(errorOf(visit, 'startsAt')).toContain('2027-11-23');

    const bbl = await post({ kind: 'apprenticeship', wagePerHour: '' });
    expect(bbl.status).toBe(422);
    expect(errorOf(await bbl.text(), 'wagePerHour')).toBe('Een baan of leerbaan (BBL) heeft een uurloon nodig.');

    const volunteering = await employer.post(`/portal/org/${factory.id}/listings`, volunteeringForm);
    expect(volunteering.status).toBe(422);
    expect(errorOf(await volunteering.text(), 'kind')).toContain('Alleen een organisatie zonder winstoogmerk');
    expect((await listingsOfOrganisation(db, factory.id)).items).toEqual([]);
  });

  it('links the employer guide from the form; the guide is open in Dutch and English without signing in', async () => {
    expect(await (await employer.get(`/portal/org/${factory.id}/listings/new`)).text()).toContain('href="/portal/guide"');
    for (const [lang, words] of [['nl', ['TWV', 'cao', 'W-document', 'Wet arbeid vreemdelingen', formatMoney('nl', 14.71), 'eigen bijdrage']], ['en', ['TWV', 'CAO', 'W-document', 'Wet arbeid vreemdelingen', formatMoney('en', 14.71), 'eigen bijdrage']]] as const) {
      const res = await client(server.url, `opweg_lang=${lang}`).get('/portal/guide');
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const w of words) expect(html).toContain(w);
    }
  });
});

describe('volunteering by a non-profit, posted by the desk on its behalf', () => {
  it('offers the NGO with a declaration in the on-behalf form and saves its volunteering', async () => {
    expect(await (await desk.get('/portal/desk/zuid/listings/new')).text()).toContain(`<option value="${ngo.id}">VluchtelingenWerk Venlo</option>`);
    const res = await desk.post('/portal/desk/zuid/listings', { ...volunteeringForm, organisationId: ngo.id });
    expect(res.status).toBe(303);
    const id = /listings\/([0-9A-Z]{26})/.exec(res.headers.get('location')!)![1]!;
    expect(await getListing(db, id)).toMatchObject({ organisationId: ngo.id, kind: 'volunteering', openTo: 'everyone', status: 'draft' });
  });

  it('lets the desk record a declaration on the organisation page, with a message per field', async () => {
    const stichting = await seedOrganisation(db, { name: 'Stichting Samen' });
    const list = await (await desk.get('/portal/desk/zuid/organisations')).text();
    expect(list).toContain(`href="/portal/org/${stichting.id}/declaration"`);
    const page = await (await desk.get(`/portal/org/${stichting.id}/declaration`)).text();
    expect(page).toContain('id="declaration"');
    const future = await desk.post(`/portal/org/${stichting.id}/declaration`, { kind: 'non-profit', declarationIssuedOn: '2027-01-01' });
    expect(future.status).toBe(422);
    expect(await future.text()).toMatch(/id="f-declaration-declarationIssuedOn-error">Deze datum ligt in de toekomst/);
    expect((await getOrganisation(db, stichting.id))?.kind).toBe('employer');
    const saved = await desk.post(`/portal/org/${stichting.id}/declaration`, { kind: 'non-profit', declarationIssuedOn: '2026-02-01' });
    expect(saved.status).toBe(303);
    expect(await getOrganisation(db, stichting.id)).toMatchObject({ kind: 'non-profit', volunteerDeclaration: { issuedOn: '2026-02-01', recordedBy: 'desk-zuid@example.org' } });
    expect(await (await desk.get(`/portal/org/${stichting.id}/declaration`)).text()).toContain('geldig tot en met 2029-01-31');
    // The employer sees it, but may not record it.
    expect((await employer.post(`/portal/org/${factory.id}/declaration`, { kind: 'non-profit' })).status).toBe(403);
  });
});

describe('submitting a listing saved before the rules', () => {
  it('answers 422 with what to fix, and the listing stays a draft', async () => {
    const at = NOW.toISOString();
    const old = Listing.parse({ ...vacancy(factory.id, { wagePerHour: 9 }), id: ulid(), status: 'draft', version: 1, createdAt: at, updatedAt: at });
    await writeListing(db, old, undefined, []);
    const res = await employer.post(`/portal/listings/${old.id}/submit`, { version: '1' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="listing-invalid"');
    expect(html).toContain(formatMoney('nl', 14.71));
    expect((await getListing(db, old.id))?.status).toBe('draft');
  });
});

describe('the admin home', () => {
  it('warns when the minimum-wage table has no rate for today or the next half year', async () => {
    const admin = await signedIn(server.url, outbox, 'admin@example.org');
    const html = await (await admin.get('/portal/admin')).text();
    expect(html).toContain('id="wage-table-warning"');
    expect(html).toContain('2026-07-01, 2027-01-01');
    expect(html).toContain(formatMoney('nl', 14.71));
  });
});

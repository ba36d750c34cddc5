import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HtmlValidate } from 'html-validate';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Membership } from '../../shared/domain/user.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { expressInterest } from '../../shared/services/interests.js';
import { introduce } from '../../shared/services/introductions.js';
import { contentOf } from '../../shared/domain/listing.js';
import { changeStatus, createListing, updateListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, employerOf, NOW, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { nuErrors } from '../../test/vnu.js';
import { client, publishedListing, signedIn } from './testing.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let orgId = '';
let listingId = '';
/** A published job with one resident introduced and one new; a visit with a seat taken. */
let jobId = '';
let introducedId = '';
let newId = '';
let seatedId = '';
let reference = '';
/** A published listing with an employer's change waiting for review. */
let changedId = '';

beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
  orgId = org.id;
  await seedOrganisation(db, { name: 'WSP', kind: 'employer-service-point', regionIds: ['zuid'] });
  const memberships: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'admin', email: 'admin@example.org' },
  ];
  for (const m of memberships) {
    await putUser(db, { id: ulid(), email: m.email, name: m.email, createdAt: NOW.toISOString() });
    await putMembership(db, m);
  }
  const l = await createListing(db, employerOf(org.id), vacancy(org.id), clock);
  listingId = (await changeStatus(db, employerOf(org.id), l.id, 1, 'submit', { clock })).id;
  const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
  const resident = (id: string, name: string) => ({ listingId: id, locationId: 'venlo', name, email: 'r@example.org', phone: '+31 6 12345678', age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', languages: ['ar'], message: 'Hallo', consent: true });
  jobId = (await publishedListing(db, vacancy(org.id))).id;
  const first = await expressInterest(db, resident(jobId, 'Samira'), NOW, retention);
  introducedId = (await introduce(db, SYSTEM, first.interest.id, 1, 'Goede kandidaat', NOW)).id;
  newId = (await expressInterest(db, resident(jobId, 'Yonas'), NOW, retention)).interest.id;
  const tour = await publishedListing(db, visit(org.id));
  const seated = await expressInterest(db, resident(tour.id, 'Farah'), NOW, retention);
  seatedId = seated.interest.id;
  reference = seated.reference;
  const live = await publishedListing(db, vacancy(org.id, { title: 'Heftruckchauffeur' }));
  changedId = (await updateListing(db, employerOf(org.id), live.id, live.version, { ...contentOf(live), title: 'Heftruckchauffeur (nacht)', hoursPerWeek: 24 }, clock)).id;
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
});
afterAll(() => server?.close());

const residentForm = (listingId: string, o: Record<string, string> = {}) => ({
  listingId, locale: 'ar', locationId: 'venlo', name: 'سامر', phone: '+31 6 1234 5678', age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', 'languages[]': 'ar', consent: 'yes', ...o,
});

describe('portal HTML', () => {
  it('is valid on every page, with and without errors, and carries no script', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      // hono/jsx writes void elements self-closed and boolean attributes as `hidden=""`.
      rules: {
        'void-style': ['error', { style: 'selfclose' }],
        'attribute-boolean-style': ['error', { style: 'empty' }],
        'attribute-empty-style': ['error', { style: 'empty' }],
        // A group of checkboxes shares one name (regions, locations), as HTML intends.
        'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
      },
    });
    const anonymous = client(server.url);
    const employer = await signedIn(server.url, outbox, 'werkgever@example.org');
    const desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
    const admin = await signedIn(server.url, outbox, 'admin@example.org');
    const pages: [string, Promise<Response>][] = [
      ['login', anonymous.get('/portal/login')],
      ['login error', anonymous.post('/portal/login', { email: 'x' })],
      ['signup', anonymous.get('/portal/signup')],
      ['signup error', anonymous.post('/portal/signup', { name: '', regionIds: 'zuid' })],
      ['confirm', anonymous.get('/portal/login/confirm?token=abc')],
      ['dev mail', anonymous.get('/dev/mail')],
      ['home', employer.get('/portal/')],
      ['dashboard', employer.get(`/portal/org/${orgId}`)],
      ['new listing', employer.get(`/portal/org/${orgId}/listings/new`)],
      ['new listing error', employer.post(`/portal/org/${orgId}/listings`, { kind: 'company-visit', title: '' })],
      ['members', employer.get(`/portal/org/${orgId}/members`)],
      ['profile', employer.get(`/portal/org/${orgId}/profile`)],
      ['employer guide', anonymous.get('/portal/guide')],
      ['declaration', desk.get(`/portal/org/${orgId}/declaration`)],
      ['declaration error', desk.post(`/portal/org/${orgId}/declaration`, { kind: 'non-profit', declarationIssuedOn: '2099-01-01' })],
      ['listing (desk)', desk.get(`/portal/listings/${listingId}`)],
      ['reject error', desk.post(`/portal/listings/${listingId}/reject`, { version: '2', reason: '' })],
      ['edit', desk.get(`/portal/listings/${listingId}/edit`)],
      ['history', desk.get(`/portal/listings/${listingId}/history`)],
      ['review (new)', desk.get(`/portal/listings/${listingId}/review`)],
      ['review (change)', desk.get(`/portal/listings/${changedId}/review`)],
      ['review error', desk.post(`/portal/listings/${changedId}/requestChanges`, { version: '4', reason: '' })],
      ['review (nothing waits)', desk.get(`/portal/listings/${jobId}/review`)],
      ['preview (resident page, ar)', desk.get(`/portal/listings/${changedId}/preview/ar`)],
      ['listing with a change (employer)', employer.get(`/portal/listings/${changedId}?done=changeSubmitted`)],
      ['edit with a change (employer)', employer.get(`/portal/listings/${changedId}/edit`)],
      ['history with a change', desk.get(`/portal/listings/${changedId}/history`)],
      ['queue', desk.get('/portal/desk/zuid')],
      ['find by number: none', desk.get('/portal/desk/zuid/find?number=7K3M9QXA')],
      ['find by number: wrong', desk.get('/portal/desk/zuid/find?number=12-3')],
      ['on behalf', desk.get('/portal/desk/zuid/listings/new')],
      ['import', desk.get('/portal/desk/zuid/import')],
      ['partners', desk.get('/portal/desk/zuid/partners')],
      ['organisations of the region', desk.get('/portal/desk/zuid/organisations')],
      ['inbox', desk.get('/portal/desk/zuid/interests')],
      ['inbox filtered', desk.get(`/portal/desk/zuid/interests?listingId=${jobId}&locationId=venlo&status=new`)],
      ['interest (new)', desk.get(`/portal/desk/zuid/interests/${newId}`)],
      ['introduce error', desk.post(`/portal/desk/zuid/interests/${newId}/introduce`, { version: '1', note: '' })],
      ['interest (visit)', desk.get(`/portal/desk/zuid/interests/${seatedId}`)],
      ['interest (introduced)', desk.get(`/portal/desk/zuid/interests/${introducedId}`)],
      ['outcome error', desk.post(`/portal/desk/zuid/interests/${introducedId}/outcome`, { version: '2', status: 'stopped', on: '' })],
      ['introductions', employer.get(`/portal/listings/${jobId}/introductions`)],
      ['introductions error', employer.post(`/portal/listings/${jobId}/introductions/${introducedId}/outcome`, { version: '2', status: '' })],
      ['listing (employer)', employer.get(`/portal/listings/${jobId}`)],
      ['history (employer)', employer.get(`/portal/listings/${jobId}/history`)],
      ['report', desk.get('/portal/desk/zuid/report')],
      ['report error', desk.get('/portal/desk/zuid/report?from=2026-12-01&to=2026-11-01')],
      ['privacy', desk.get('/portal/desk/privacy')],
      ['privacy error', desk.post('/portal/desk/privacy', { reference: 'ZZZZ-ZZZZ' })],
      ['privacy shown', desk.post('/portal/desk/privacy', { reference })],
      ['privacy confirm', desk.post('/portal/desk/privacy/delete', { reference })],
      ['new partner', desk.get('/portal/desk/zuid/partners/new')],
      ['admin', admin.get('/portal/admin')],
      ['regions', admin.get('/portal/admin/regions')],
      ['location (edit)', admin.get('/portal/admin/regions?location=venlo')],
      ['location saved', admin.get('/portal/admin/regions?done=locationUpdated&saved=venlo')],
      ['location error', admin.post('/portal/admin/locations', { id: 'Ter Apel', regionId: 'zuid', name: '', municipality: 'Vlagtwedde', province: 'Groningen', place: 'Hengelo' })],
      ['desks', admin.get('/portal/admin/desks')],
      ['employers', admin.get('/portal/admin/employers')],
      ['forbidden', employer.get('/portal/admin')],
      ['not found', employer.get('/portal/nothing-here')],
      // The residents' form replies come from the portal too, in their language and direction.
      ['resident reply', anonymous.post('/portal/interest', residentForm(jobId))],
      ['resident reply error', anonymous.post('/portal/interest', residentForm(jobId, { name: '', consent: '' }))],
      ['resident cancel', anonymous.get('/portal/cancel?locale=ar')],
      ['resident cancel error', anonymous.post('/portal/cancel', { locale: 'ar', reference: 'ZZZZ-ZZZZ' })],
    ];
    const problems: string[] = [];
    // Read every body before validating: a response left unread while others are checked may be
    // cut off when the server closes the idle keep-alive connection.
    const bodies = await Promise.all(pages.map(async ([name, response]) => [name, await (await response).text()] as const));
    for (const [name, html] of bodies) {
      // No script that runs (the resident page's JSON-LD data is no script that runs).
      expect(html, name).not.toMatch(/<script(?! type="application\/ld\+json")|\son[a-z]+=|style="/i);
      // Standards mode, not quirks mode.
      expect(html.slice(0, 15), name).toBe('<!DOCTYPE html>');
      const report = await validator.validateString(html);
      problems.push(...report.results.flatMap((r) => r.messages.map((m) => `${name}: ${m.ruleId} ${m.message}`)));
    }
    expect(problems).toEqual([]);
    // The W3C's Nu Html Checker too, over every page at once (one Java start).
    expect(await nuErrors(bodies)).toEqual([]);
    // Generous: two validators over fifty pages and a Java start on a busy machine (no speed is checked).
  }, 240_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { contentOf, type Listing } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { getListing } from '../../shared/repositories/listings.js';
import { fieldsOfListing } from '../../shared/services/listing-fields.js';
import { updateListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, employerOf, NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { createSiteApp } from '../site/app.js';
import { paths } from '../site/paths.js';
import { publishedListing, seedPeople, signedIn, type PortalClient } from './testing.js';

/**
 * Edits to a published listing wait for the desk while the published version stays live; the
 * desk reviews from the preview (a field-by-field difference, two languages) and decides there.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let trustedOrg: Organisation;
let employer: PortalClient;
let desk: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
  trustedOrg = await seedOrganisation(db, { name: 'Vertrouwd BV', trusted: true });
  await seedPeople(db, [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'employer', email: 'vertrouwd@example.org', organisationId: trustedOrg.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ]);
  server = await startTestServer(db, { mail: outbox, clock: { now: () => NOW } });
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

const text = async (r: Promise<Response>) => (await r).text();
const residentPage = async (id: string) => (await createSiteApp({ db, config: server.config, clock }).request(paths.listing('nl', id))).text();
const editForm = (l: Listing, o: Record<string, string> = {}) => ({ ...fieldsOfListing(l), locationId: 'venlo', version: String(l.version), ...o });
/** Published: a trusted employer's goes live on submit, others the desk approves. */
const onSite = (input: ReturnType<typeof vacancy>) => publishedListing(db, { ...input, locationId: 'venlo' });

describe('an employer edits a published listing', () => {
  it('is told the change waits for review; residents keep the published text; the listing page shows the difference', async () => {
    const live = await onSite(vacancy(org.id, { title: 'Orderpicker', description: 'Orders verzamelen in het magazijn.' }));
    const form = await text(employer.get(`/portal/listings/${live.id}/edit`));
    expect(form).toContain('data-effect="review"');
    expect(form).toContain('bewoners blijven de huidige versie zien tot de balie ze goedkeurt');
    expect(form).toContain('Wijzigingen ter beoordeling sturen');

    const res = await employer.post(`/portal/listings/${live.id}`, editForm(live, { title: 'Orderpicker (parttime)', wagePerHour: '16,50' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/listings/${live.id}?done=changeSubmitted`);
    const stored = (await getListing(db, live.id))!;
    expect(stored).toMatchObject({ status: 'published', title: 'Orderpicker', revision: { status: 'pending', content: { title: 'Orderpicker (parttime)', wagePerHour: 16.5 } } });
    expect(await residentPage(live.id)).toContain('Orderpicker');
    expect(await residentPage(live.id)).not.toContain('parttime');

    const page = await text(employer.get(`/portal/listings/${live.id}?done=changeSubmitted`));
    expect(page).toContain('Uw wijzigingen zijn naar de Meedoenbalie gestuurd');
    expect(page).toContain('data-status="published"');
    expect(page).toContain('data-revision="pending"');
    expect(page).toMatch(/<tr data-field="title"><th scope="row">Titel<\/th><td class="before"><span lang="nl" class="text">Orderpicker<\/span><\/td><td class="after"><span lang="nl" class="text">Orderpicker \(parttime\)<\/span>/);
    expect(page).toMatch(/data-field="wagePerHour".*€\u00a015,20.*€\u00a016,50/);
    expect(page).not.toContain('data-field="description"');
    // The dashboard says, per listing, what happens next.
    const dashboard = await text(employer.get(`/portal/org/${org.id}`));
    expect(dashboard).toMatch(new RegExp(`<li data-listing="${live.id}"[^>]*>.*?<span class="next-step" data-next="portal.next.changeWaits">Staat op de site; uw wijzigingen wachten op de Meedoenbalie.</span>`));
    // Editing again continues from the waiting change, not from the published text.
    expect(await text(employer.get(`/portal/listings/${live.id}/edit`))).toContain('value="Orderpicker (parttime)"');
  });

  it('can withdraw the waiting change: the published version stays', async () => {
    const live = await onSite(vacancy(org.id, { title: 'Heftruckchauffeur' }));
    await employer.post(`/portal/listings/${live.id}`, editForm(live, { title: 'Heftruckchauffeur (nacht)' }));
    const waiting = (await getListing(db, live.id))!;
    const res = await employer.post(`/portal/listings/${live.id}/withdrawChange`, { version: String(waiting.version) });
    expect(res.headers.get('location')).toBe(`/portal/listings/${live.id}?done=changeWithdrawn`);
    expect(await getListing(db, live.id)).toMatchObject({ title: 'Heftruckchauffeur', version: waiting.version + 1 });
    expect((await getListing(db, live.id))?.revision).toBeUndefined();
    // Nothing different: nothing saved, and the page says so.
    const same = await employer.post(`/portal/listings/${live.id}`, editForm((await getListing(db, live.id))!));
    expect(same.headers.get('location')).toContain('done=unchanged');
  });

  it("a trusted employer's edit goes live at once, and the form says so", async () => {
    const trusted = await signedIn(server.url, outbox, 'vertrouwd@example.org');
    const live = await onSite(vacancy(trustedOrg.id, { title: 'Monteur' }));
    expect(await text(trusted.get(`/portal/listings/${live.id}/edit`))).toContain('data-effect="live"');
    const res = await trusted.post(`/portal/listings/${live.id}`, editForm(live, { title: 'Monteur zonnepanelen' }));
    expect(res.headers.get('location')).toContain('done=savedLive');
    expect(await getListing(db, live.id)).toMatchObject({ title: 'Monteur zonnepanelen', status: 'published' });
    expect(await residentPage(live.id)).toContain('Monteur zonnepanelen');
  });

  it('closing stays immediate while a change waits', async () => {
    const live = await onSite(vacancy(org.id, { title: 'Inpakker' }));
    await employer.post(`/portal/listings/${live.id}`, editForm(live, { title: 'Inpakker (tijdelijk)' }));
    const waiting = (await getListing(db, live.id))!;
    const res = await employer.post(`/portal/listings/${live.id}/close`, { version: String(waiting.version) });
    expect(res.headers.get('location')).toBe(`/portal/listings/${live.id}?done=close`);
    expect(await getListing(db, live.id)).toMatchObject({ status: 'closed', title: 'Inpakker' });
    expect(await residentPage(live.id)).toContain('Dit aanbod is gesloten');
  });
});

describe('the desk reviews from the preview', () => {
  it('finds the change in the queue, linked to the review page: the difference, two languages, the decisions', async () => {
    const live = await onSite(vacancy(org.id, { title: 'Kassamedewerker' }));
    const waiting = await updateListing(db, employerOf(org.id), live.id, live.version, { ...contentOf(live), title: 'Kassamedewerker weekend', hoursPerWeek: 12 }, clock);
    const queue = await text(desk.get('/portal/desk/zuid'));
    expect(queue).toContain(`<li data-listing="${live.id}" data-kind="change"><a href="/portal/listings/${live.id}/review">Kassamedewerker</a>`);
    // No deciding from the queue without seeing the listing.
    expect(queue).not.toContain('/approve"');

    const review = await text(desk.get(`/portal/listings/${live.id}/review`));
    expect(review).toContain('data-kind="change"');
    expect(review).toContain('gestuurd op 23 november 2026 door werkgever@example.org');
    expect(review).toMatch(/data-field="title".*Kassamedewerker<\/span>.*Kassamedewerker weekend<\/span>/);
    expect(review).toMatch(/data-field="hoursPerWeek"/);
    expect(review).toContain(`action="/portal/listings/${live.id}/approve"`);
    expect(review).toContain(`action="/portal/listings/${live.id}/requestChanges"`);
    expect(review).toContain(`action="/portal/listings/${live.id}/reject"`);
    expect(review).toContain(`<input type="hidden" name="version" value="${waiting.version}"/>`);
    // The preview shows the proposed version, in Dutch and in English.
    expect(review).toContain('<div lang="nl"><h3>Nederlands</h3>');
    expect(review).toContain('<div lang="en"><h3>English</h3>');
    expect(review).toContain('Uren per week');
    expect(review).toContain('Hours per week');
    // And the whole resident page, rendered by the site, in any resident language.
    const arabic = await desk.get(`/portal/listings/${live.id}/preview/ar`);
    expect(arabic.status).toBe(200);
    const html = await arabic.text();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('Kassamedewerker weekend');
    expect(html).toContain('bewoners zien deze versie nog niet');
    // The residents' form is there to see, but inert: it posts nowhere, nothing in it can be
    // typed or sent, and a note says why (a desk trying it must not make a fake interest).
    expect(html).not.toContain('action="/portal/interest"');
    expect(html).toMatch(/id="preview-form-note"[^>]*>Het formulier hieronder werkt niet in dit voorbeeld/);
    expect(html).toMatch(/<form class="interest" novalidate=""><fieldset disabled=""><legend>[\s\S]*name="listingId"[\s\S]*<button type="submit">[\s\S]*<\/fieldset><\/form>/);
    // The page residents get keeps its working form.
    expect(await residentPage(live.id)).toContain('action="/portal/interest"');
    expect((await employer.get(`/portal/listings/${live.id}/review`)).status).toBe(403);
  });

  it('approves there: the new text goes live, the employer gets a mail, the page confirms it', async () => {
    const live = await onSite(vacancy(org.id, { title: 'Bezorger' }));
    const waiting = await updateListing(db, employerOf(org.id), live.id, live.version, { ...contentOf(live), title: 'Bezorger op de fiets' }, clock);
    const res = await desk.post(`/portal/listings/${live.id}/approve`, { version: String(waiting.version) });
    expect(res.headers.get('location')).toBe(`/portal/listings/${live.id}?done=approveChange`);
    expect(await getListing(db, live.id)).toMatchObject({ title: 'Bezorger op de fiets', status: 'published' });
    expect(outbox.latestTo('werkgever@example.org')?.subject).toBe('Uw wijzigingen staan op OpWeg: Bezorger op de fiets');
    expect(await residentPage(live.id)).toContain('Bezorger op de fiets');
    expect(await text(desk.get(`/portal/listings/${live.id}?done=approveChange`))).toContain('Wijzigingen goedgekeurd: bewoners zien de nieuwe versie.');
    const history = await text(desk.get(`/portal/listings/${live.id}/history`));
    expect(history).toContain('werkgever@example.org heeft wijzigingen ter beoordeling gestuurd: Titel.');
    expect(history).toContain('desk-zuid@example.org heeft de wijzigingen goedgekeurd (Titel): bewoners zien de nieuwe versie.');
  });

  it('asks for changes only with a reason (the review page again, with the error); the employer reads it; the published version stays', async () => {
    const live = await onSite(vacancy(org.id, { title: 'Schoonmaker' }));
    const waiting = await updateListing(db, employerOf(org.id), live.id, live.version, { ...contentOf(live), title: 'Schoonmaker kantoor' }, clock);
    const noReason = await desk.post(`/portal/listings/${live.id}/requestChanges`, { version: String(waiting.version), reason: ' ' });
    expect(noReason.status).toBe(422);
    const again = await noReason.text();
    expect(again).toContain('id="f-requestChanges-reason-error"');
    expect(again).toContain('data-field="title"');
    const res = await desk.post(`/portal/listings/${live.id}/requestChanges`, { version: String(waiting.version), reason: 'Welk kantoor?' });
    expect(res.headers.get('location')).toBe(`/portal/listings/${live.id}?done=requestChangesChange`);
    expect(await getListing(db, live.id)).toMatchObject({ title: 'Schoonmaker', status: 'published', revision: { status: 'changes-requested', reason: 'Welk kantoor?' } });
    expect(outbox.latestTo('werkgever@example.org')?.text).toContain('Welk kantoor?');
    const page = await text(employer.get(`/portal/listings/${live.id}`));
    expect(page).toContain('De Meedoenbalie vraagt u uw wijzigingen aan te passen');
    expect(page).toContain('Welk kantoor?');
  });

  it('reviews a new listing the same way, and says when nothing waits', async () => {
    const l = await onSite(vacancy(org.id, { title: 'Al gepubliceerd' }));
    expect(await text(desk.get(`/portal/listings/${l.id}/review`))).toContain('id="review-nothing"');
  });
});

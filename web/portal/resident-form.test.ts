import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { t } from '../../shared/i18n/index.js';
import { auditHistory } from '../../shared/repositories/audit.js';
import { getInterest, getPerson, interestIdByReference, interestsOfRegion } from '../../shared/repositories/interests.js';
import { clock } from '../../test/fixtures.js';
import { interestForm, referenceIn, signedIn, startResidentsPortal, type ResidentsPortal } from './testing.js';

/**
 * The residents' form and the reference code, through the portal as the static site posts to
 * it: withdrawing an interest or cancelling a seat says what happened and only that; the form
 * asks the age and the location without choosing for the resident.
 */
let { db, server, resident, job, tour } = {} as ResidentsPortal;
const outbox = new Outbox();
beforeAll(async () => ({ db, server, resident, job, tour } = await startResidentsPortal({ seats: 5, outbox })));
afterAll(() => server?.close());

const form = (listingId: string, o: Record<string, string | string[]> = {}) => interestForm(listingId, { locale: 'en', name: 'Samir', ...o });

describe('withdrawing by reference code', () => {
  it('withdraws a job interest for real: the desk sees it, the answer says so, and a second try says nothing changed', async () => {
    const code = referenceIn(await (await resident.post('/portal/interest', form(job.id, { locale: 'en' }))).text());
    const id = (await interestIdByReference(db, code, clock.now()))!;
    const res = await resident.post('/portal/cancel', { locale: 'en', reference: code });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(t('en', 'cancel.withdrawn'));
    expect(html).not.toContain(t('en', 'cancel.done'));
    expect((await getInterest(db, id))?.withdrawnAt).toBe(clock.now().toISOString());
    expect((await auditHistory(db, 'interest', id)).map((e) => e.action)).toContain('interest.withdrawn');
    const desk = await signedIn(server.url, outbox, 'desk-zuid@example.org', 'en');
    const inbox = await (await desk.get('/portal/desk/zuid/interests')).text();
    expect(inbox).toContain(t('en', 'portal.interest.withdrawn', { date: '' }).trim());
    const detail = await (await desk.get(`/portal/desk/zuid/interests/${id}`)).text();
    expect(detail).not.toContain('id="introduce"');

    const again = await (await resident.post('/portal/cancel', { locale: 'en', reference: code })).text();
    expect(again).toContain(t('en', 'cancel.already'));
    expect(again).not.toContain(t('en', 'cancel.withdrawn'));
  });

  it('asks for a code when none was given, and never says a cancelled seat was cancelled again', async () => {
    const empty = await resident.post('/portal/cancel', { locale: 'nl', reference: '  ' });
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain('id="error-reference"');
    expect(html).toContain(t('nl', 'error.required'));

    const code = referenceIn(await (await resident.post('/portal/interest', form(tour.id, { locale: 'nl' }))).text());
    expect(await (await resident.post('/portal/cancel', { locale: 'nl', reference: code })).text()).toContain(t('nl', 'cancel.done'));
    const twice = await (await resident.post('/portal/cancel', { locale: 'nl', reference: code })).text();
    expect(twice).toContain(t('nl', 'cancel.already'));
    expect(twice).not.toContain(t('nl', 'cancel.done'));
  });
});

describe('the interest form asks, and refuses with a message', () => {
  it('has no preselected location, the age question and "less than 6 months"', async () => {
    const res = await resident.post('/portal/interest', form(job.id, { locale: 'en', locationId: '', age: '' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/<option value="" selected="">[^<]*<\/option>/);
    expect(html).toContain('id="error-locationId"');
    expect(html).toContain('id="error-age"');
    expect(html).toContain(t('en', 'interest.age'));
    expect(html).toContain('value="asylum-under-6-months"');
  });

  it('asks the Dutch level without answering for the resident, in the resident’s words', async () => {
    const before = (await interestsOfRegion(db, 'zuid', { limit: 100 })).items.length;
    const res = await resident.post('/portal/interest', form(job.id, { locale: 'ar', dutchLevel: '' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('id="error-dutchLevel"');
    expect(html).toContain(`<option value="" selected="">${t('ar', 'interest.dutchChoose')}</option>`);
    // "No Dutch needed" is what a listing asks; the resident answers "I don't speak Dutch (yet)".
    expect(html).toContain(`<option value="none">${t('ar', 'interest.dutchNone')}</option>`);
    expect(html).not.toContain(t('ar', 'level.none'));
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before);
    // What the resident chose comes back chosen.
    const again = await (await resident.post('/portal/interest', form(job.id, { locale: 'ar', dutchLevel: 'B1', name: '' }))).text();
    expect(again).toContain(`<option value="B1" selected="">${t('ar', 'level.B1')}</option>`);
    expect(again).toMatch(/<select id="f-dutch"[^>]*><option value="">/);

    // The desk reads the answer as the resident gave it.
    const code = referenceIn(await (await resident.post('/portal/interest', form(job.id, { locale: 'ar', dutchLevel: 'none' }))).text());
    const id = (await interestIdByReference(db, code, clock.now()))!;
    const desk = await signedIn(server.url, outbox, 'desk-zuid@example.org', 'en');
    const detail = await (await desk.get(`/portal/desk/zuid/interests/${id}`)).text();
    expect(detail).toContain(`<dd>${t('en', 'portal.person.dutchNone')}</dd>`);
    expect(detail).not.toContain(t('en', 'portal.level.none'));
  });

  it('needs a guardian under 16, and refuses a paid job to an asylum seeker under 18 (no TWV before 18)', async () => {
    const before = (await interestsOfRegion(db, 'zuid', { limit: 100 })).items.length;
    const young = await resident.post('/portal/interest', form(tour.id, { locale: 'en', age: 'under-16' }));
    expect(young.status).toBe(422);
    expect(await young.text()).toContain(t('en', 'error.guardian_required'));
    const minor = await resident.post('/portal/interest', form(job.id, { locale: 'en', age: '16-17', eligibility: 'asylum-6-months' }));
    expect(minor.status).toBe(422);
    expect(await minor.text()).toContain(t('en', 'error.twv_adult'));
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before);

    // With a guardian's consent a 15-year-old may sign up for a visit; a 17-year-old permit holder may react to a job.
    expect((await resident.post('/portal/interest', form(tour.id, { locale: 'en', age: 'under-16', guardianConsent: 'yes' }))).status).toBe(200);
    const holder = await resident.post('/portal/interest', form(job.id, { locale: 'en', age: '16-17' }));
    expect(holder.status).toBe(200);
    const person = await getPerson(db, (await interestIdByReference(db, referenceIn(await holder.text()), clock.now()))!, clock.now());
    expect(person).toMatchObject({ age: '16-17', locale: 'en' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { getPerson, interestIdByReference, interestsOfRegion, seatsTaken } from '../../shared/repositories/interests.js';
import { clock, deskOf, seedOrganisation, visit } from '../../test/fixtures.js';
import { formatDateTime } from '../../shared/i18n/format.js';
import { saveSummary } from '../../shared/services/summaries.js';
import { startTestServer } from '../../test/server.js';
import { client, formBody, interestForm, publishedListing, referenceIn, startResidentsPortal, type ResidentsPortal } from './testing.js';
import { createDb } from '../../shared/db/client.js';
import { t } from '../../shared/i18n/index.js';
import { freePort } from '../../scripts/dynamodb-local.js';

let { db, server, resident, job, tour } = {} as ResidentsPortal;
const outbox = new Outbox();
beforeAll(async () => ({ db, server, resident, job, tour } = await startResidentsPortal({ seats: 1, outbox })));
afterAll(() => server?.close());

const form = (listingId: string, o: Record<string, string | string[]> = {}) => interestForm(listingId, { locale: 'ar', name: 'سامر', 'languages[]': ['ar', 'en'], ...o });

describe('residents react through the portal', () => {
  it('stores a good interest and answers in the resident\'s language with a reference code', async () => {
    const res = await resident.post('/portal/interest', form(job.id));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('lang="ar"');
    const id = await interestIdByReference(db, referenceIn(html), clock.now());
    expect((await getPerson(db, id!, clock.now()))?.name).toBe('سامر');
  });

  it('answers bad input with the form again, typed values kept, messages in Arabic, and stores nothing', async () => {
    const before = (await interestsOfRegion(db, 'zuid', { limit: 100 })).items.length;
    const res = await resident.post('/portal/interest', form(job.id, { name: '<script>alert(1)</script>', phone: '', consent: '' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('lang="ar"');
    // The listing's Dutch title keeps its language and direction on the Arabic page.
    expect(html).toContain(`<h1><span lang="${job.language}" dir="ltr">${job.title}</span></h1>`);
    expect(html).toContain('يرجى'); // "please", from the Arabic catalogue
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('id="error-consent"');
    expect(html).toContain('id="error-phone"');
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before);
  });

  it('stores nothing when the hidden field is filled in (a bot), and refuses a cross-site post', async () => {
    const before = (await interestsOfRegion(db, 'zuid', { limit: 100 })).items.length;
    expect((await resident.post('/portal/interest', form(job.id, { website: 'http://spam.example' }))).status).toBe(200);
    const crossSite = await fetch(`${server.url}/portal/interest`, { method: 'POST', body: formBody(form(job.id)), headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before);
  });

  it("takes a post with `Origin: null` and no Sec-Fetch-Site from the site's own page (Referer), and refuses one from elsewhere", async () => {
    const before = (await interestsOfRegion(db, 'zuid', { limit: 100 })).items.length;
    // What a browser without Sec-Fetch-Site sends from a page that was served with no-referrer, or with privacy settings.
    const post = (headers: Record<string, string>) => fetch(`${server.url}/portal/interest`, { method: 'POST', body: formBody(form(job.id)), headers });
    const own = await post({ origin: 'null', referer: `${server.url}/ar/listings/${job.id}/` });
    expect(own.status).toBe(200);
    expect(await own.text()).toMatch(/class="reference">[0-9A-Z]{4}-[0-9A-Z]{4}</);
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before + 1);
    const foreign: Record<string, string>[] = [{ origin: 'null' }, { origin: 'null', referer: 'https://evil.example/page' }, { origin: 'null', referer: 'not a url' }];
    for (const headers of foreign) {
      expect((await post(headers)).status, JSON.stringify(headers)).toBe(403);
    }
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before + 1);
  });

  it('gives the last seat of a visit, puts the next on the waiting list, and moves them up when the first cancels', async () => {
    const first = await (await resident.post('/portal/interest', form(tour.id, { locale: 'nl' }))).text();
    expect(first).toContain('Je hebt een plaats');
    const second = await (await resident.post('/portal/interest', form(tour.id, { locale: 'nl', name: 'Tweede' }))).text();
    expect(second).toContain('nummer 1 op de wachtlijst');
    expect(await seatsTaken(db, tour.id)).toBe(1);

    const code = referenceIn(first);
    const cancelled = await resident.post('/portal/cancel', { locale: 'nl', reference: code });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('geannuleerd');
    expect(await seatsTaken(db, tour.id)).toBe(1);
    const mail = outbox.latestTo('desk-zuid@example.org');
    expect(mail?.subject).toContain('plaats vrijgekomen');
    expect(mail?.text).toContain(referenceIn(second));
    // The one who moved up gave no e-mail: the desk is asked to call.
    expect(mail?.text).toContain(t('nl', 'portal.mail.seatFreed.promotedCall', { reference: referenceIn(second) }));

    const unknown = await resident.post('/portal/cancel', { locale: 'nl', reference: 'ZZZZ-ZZZZ' });
    // 422, the form with its message: CloudFront shows the site's 404 page for any 404.
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('referentiecode');
  });
});

describe('a waiting-list place becomes a seat', () => {
  it('mails the resident who gave an e-mail address, in their language, and tells the desk they were mailed', async () => {
    const full = await publishedListing(db, visit((await seedOrganisation(db)).id, { seats: 1 }));
    const first = referenceIn(await (await resident.post('/portal/interest', form(full.id, { locale: 'nl' }))).text());
    const waiting = await (await resident.post('/portal/interest', form(full.id, { locale: 'tr', name: 'Ayşe', phone: '', email: 'ayse@example.org' }))).text();
    expect(waiting).toContain(t('tr', 'interest.waiting', { position: 1 }));
    await resident.post('/portal/cancel', { locale: 'nl', reference: first });

    const mail = outbox.latestTo('ayse@example.org');
    expect(mail?.subject).toBe(t('tr', 'mail.seatPromoted.subject', { title: full.title }));
    expect(mail?.text).toContain(referenceIn(waiting));
    expect(mail?.text).toContain(`${server.url}/portal/cancel?locale=tr`);
    expect(outbox.latestTo('desk-zuid@example.org')?.text).toContain(t('nl', 'portal.mail.seatFreed.promotedMailed', { reference: referenceIn(waiting) }));
  });
});

describe('the mail about a seat, in the resident’s words', () => {
  it('names the visit by the summary in the resident’s language and gives the Dutch time their way, not the stored instant', async () => {
    // Stored in UTC: 08:30 UTC is 09:30 in the Netherlands in December.
    const full = await publishedListing(db, visit((await seedOrganisation(db)).id, { seats: 1, title: 'Rondleiding kassen', startsAt: '2026-12-03T08:30:00Z', endsAt: '2026-12-03T10:00:00Z' }));
    const summary = { title: 'Seraları gezme', text: 'Domatesin nasıl yetiştiğini görürsün.' };
    await saveSummary({ db, mail: outbox, clock, config: { PUBLIC_ORIGIN: server.url, SESSION_HOURS: 12 } }, deskOf('zuid'), full.id, 'tr', summary);
    // A form sent back to be fixed is headed by the title the resident read: the Turkish summary's.
    const again = await resident.post('/portal/interest', form(full.id, { locale: 'tr', consent: '' }));
    expect(again.status).toBe(422);
    expect(await again.text()).toContain(`<h1><span lang="tr" dir="ltr">${summary.title}</span></h1>`);
    const first = referenceIn(await (await resident.post('/portal/interest', form(full.id, { locale: 'nl' }))).text());
    await resident.post('/portal/interest', form(full.id, { locale: 'tr', name: 'Ayşe', phone: '', email: 'ayse.tr@example.org' }));
    await resident.post('/portal/interest', form(full.id, { locale: 'ar', name: 'سامر', phone: '', email: 'samer@example.org' }));
    await resident.post('/portal/cancel', { locale: 'nl', reference: first });

    const mail = outbox.latestTo('ayse.tr@example.org');
    expect(mail?.subject).toBe(t('tr', 'mail.seatPromoted.subject', { title: summary.title }));
    expect(mail?.text).toContain(formatDateTime('tr', '2026-12-03T08:30:00Z'));
    expect(mail?.text).toContain('09:30');
    expect(mail?.text).not.toContain('08:30');
    // The desk's mail names the organisation's own title, in Dutch time too.
    const desk = outbox.latestTo('desk-zuid@example.org')?.text ?? '';
    expect(desk).toContain('Rondleiding kassen');
    expect(desk).toContain('09:30');
  });
});

describe('residents when the database cannot be reached', () => {
  it('answers 503 in the resident\'s language and direction, saying to try again', async () => {
    // Nothing listens on this port: every call is refused.
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const down = await startTestServer({ ...createDb({ tableName: db.tableName, endpoint, cursorSecret: db.cursorSecret }), endpoint }, { mail: outbox, clock });
    try {
      const res = await client(down.url).post('/portal/interest', form(job.id));
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('dir="rtl"');
      expect(html).toContain(t('ar', 'error.unavailable'));
      const cancel = await client(down.url).post('/portal/cancel', { locale: 'ti', reference: 'K7QM-3XP2' });
      expect(cancel.status).toBe(503);
      expect(await cancel.text()).toContain(t('ti', 'error.unavailable'));
    } finally {
      await down.close();
    }
  });
});

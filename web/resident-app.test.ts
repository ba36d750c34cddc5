import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../shared/adapters/mail-outbox.js';
import { loadConfig } from '../shared/config/index.js';
import { ORIGIN_SECRET_HEADER } from '../shared/config/origin.js';
import { createDb } from '../shared/db/client.js';
import type { Listing } from '../shared/domain/listing.js';
import { t } from '../shared/i18n/index.js';
import { interestIdByReference, interestsOfRegion } from '../shared/repositories/interests.js';
import { freePort } from '../scripts/dynamodb-local.js';
import { createTestDb } from '../test/db.js';
import { clock, seedDirectory, seedOrganisation, vacancy } from '../test/fixtures.js';
import { formBody, interestForm, publishedListing, referenceIn } from './portal/testing.js';
import { createResidentApp } from './resident-app.js';

/**
 * The residents' form function's app (what functions/residents.ts serves on AWS), against
 * DynamoDB Local: the same answers as the whole app gives for these routes, the same guards,
 * and nothing of the staff portal. functions/handlers.test.ts runs its bundle.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let job: Listing;
const ORIGIN = 'https://opweg.example.org';
const outbox = new Outbox();
const configFor = (o: Record<string, string> = {}) =>
  loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, LOCAL_DEV: '1', PUBLIC_ORIGIN: ORIGIN, ...o });
let app: ReturnType<typeof createResidentApp>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  job = await publishedListing(db, vacancy((await seedOrganisation(db)).id));
  app = createResidentApp({ db, config: configFor(), mail: outbox, clock });
});
afterAll(() => db.doc.destroy());

let client = 0;
/** A form post from the site's own page, each from another client address (the rate limit). */
const post = (path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = { origin: ORIGIN }, on = app) =>
  on.request(path, { method: 'POST', body: formBody(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } }, { incoming: { socket: { remoteAddress: `198.51.100.${++client}` } } });

describe("the residents' form function", () => {
  it('stores an interest posted in Arabic and answers in Arabic, with its reference code, not to be cached', async () => {
    const res = await post('/portal/interest', interestForm(job.id, { name: 'Samer', locale: 'ar' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain(t('ar', 'interest.thanks'));
    expect(await interestIdByReference(db, referenceIn(html), clock.now())).toBeDefined();
  });

  it('answers bad input with the form again in the resident\'s language, and stores nothing', async () => {
    const before = (await interestsOfRegion(db, job.regionId, { limit: 100 })).items.length;
    const res = await post('/portal/interest', interestForm(job.id, { locale: 'so', name: '', phone: '', consent: '' }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(t('so', 'error.required'));
    expect((await interestsOfRegion(db, job.regionId, { limit: 100 })).items).toHaveLength(before);
  });

  it('refuses a post from another site, takes `Origin: null` with the site\'s own page as Referer', async () => {
    const crossSite = await post('/portal/interest', interestForm(job.id, { name: 'Samer', locale: 'fa' }), { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain(t('nl', 'error.forbidden'));
    const nullOrigin = await post('/portal/interest', interestForm(job.id, { name: 'Samer', locale: 'fa' }), { origin: 'null', referer: `${ORIGIN}/fa/listings/${job.id}/` });
    expect(nullOrigin.status).toBe(200);
    expect(await nullOrigin.text()).toContain(t('fa', 'interest.thanks'));
  });

  it('serves the cancel form in the language asked for, and nothing of the staff portal', async () => {
    const form = await app.request('/portal/cancel?locale=ti');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain(t('ti', 'cancel.title'));
    for (const path of ['/portal/login', '/portal/', '/healthz']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain(t('nl', 'error.not_found'));
    }
  });

  it('refuses a request without the origin secret once one is configured (behind CloudFront)', async () => {
    const behind = createResidentApp({ db, config: configFor({ ORIGIN_SECRETS: 'secret-one' }), mail: outbox, clock });
    expect((await post('/portal/cancel', { locale: 'nl', reference: 'K7QM-3XP2' }, { origin: ORIGIN }, behind)).status).toBe(403);
    const through = await post('/portal/cancel', { locale: 'nl', reference: 'K7QM-3XP2' }, { origin: ORIGIN, [ORIGIN_SECRET_HEADER]: 'secret-one' }, behind);
    expect(through.status).toBe(422);
    expect(await through.text()).toContain(t('nl', 'error.reference_unknown'));
  });

  it('answers 503 in the resident\'s language and direction when the database cannot be reached', async () => {
    // Nothing listens on this port: every call is refused.
    const endpoint = `http://127.0.0.1:${await freePort()}`;
    const down = createResidentApp({ db: createDb({ tableName: db.tableName, endpoint, cursorSecret: db.cursorSecret }), config: configFor({ DYNAMODB_ENDPOINT: endpoint }), mail: outbox, clock });
    const res = await post('/portal/interest', interestForm(job.id, { name: 'Samer', locale: 'ckb' }), { origin: ORIGIN }, down);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain(t('ckb', 'error.unavailable'));
  });
});

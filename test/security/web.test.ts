import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { Membership } from '../../shared/domain/user.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { listingsOfOrganisation } from '../../shared/repositories/listings.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { changeStatus } from '../../shared/services/listings.js';
import { createApp } from '../../web/app.js';
import { createSiteApp } from '../../web/site/app.js';
import { paths } from '../../web/site/paths.js';
import { askForLink, client, formBody, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, NOW, seedDirectory, seedOrganisation } from '../fixtures.js';
import { startTestServer } from '../server.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let org: Organisation;
let employer: PortalClient;
let desk: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Kwekerij De Zon', website: 'https://dezon.example.nl' });
  const people: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ];
  for (const m of people) {
    await putUser(db, { id: ulid(), email: m.email, name: m.email, createdAt: NOW.toISOString() });
    await putMembership(db, m);
  }
  server = await startTestServer(db, { mail: outbox, clock });
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
  desk = await signedIn(server.url, outbox, 'desk-zuid@example.org');
});
afterAll(() => server?.close());

const SCRIPT = (where: string) => `"><script>alert("${where}")</script><img src=x onerror=alert("${where}")>`;
/** Nothing of a payload survives as markup: no script element, no element with an event handler. */
function expectInert(html: string, where: string) {
  expect(html).not.toContain(`<script>alert("${where}")`);
  expect(html).not.toMatch(new RegExp(`<img src=x onerror=alert\\(("|&quot;)${where}`));
}

const listingForm = (o: Record<string, string> = {}) => ({
  kind: 'job', title: 'Productiemedewerker', description: 'Oogsten en inpakken van tomaten.', language: 'nl', locationId: 'venlo',
  openTo: 'permit-holders-and-asylum-seekers', dutchLevel: 'A1', hoursPerWeek: '32', wagePerHour: '15.20', startDate: '2026-12-07', closingDate: '2026-12-20',
  'workplace.city': 'Venlo', ...o,
});

describe('cross-site requests', () => {
  it('refuses form posts whose Origin is another site, signed in or not, and stores nothing', async () => {
    const before = (await listingsOfOrganisation(db, org.id)).items.length;
    const evil = { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' };
    const post = (path: string, cookie: string, body: Record<string, string>) => fetch(`${server.url}${path}`, { method: 'POST', headers: { ...evil, cookie }, body: formBody(body), redirect: 'manual' });
    const created = await post(`/portal/org/${org.id}/listings`, employer.cookie, listingForm());
    expect(created.status).toBe(403);
    expect(await created.text()).toContain('<h1');
    expect((await post('/portal/login', '', { email: 'werkgever@example.org' })).status).toBe(403);
    expect((await post('/portal/logout', desk.cookie, {})).status).toBe(403);
    expect((await listingsOfOrganisation(db, org.id)).items).toHaveLength(before);
    expect((await desk.get('/portal/')).status).toBe(200);
  });
});

describe('script in what people type is shown as text', () => {
  it('escapes every text field of the listing form on the portal pages and the resident page', async () => {
    // The place name must be a real place: a payload there comes back in its message, as text.
    const refused = await employer.post(`/portal/org/${org.id}/listings`, listingForm({ 'workplace.city': SCRIPT('city') }));
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expectInert(refusedHtml, 'city');
    expect(refusedHtml).toContain('&lt;script&gt;alert(&quot;city&quot;)&lt;/script&gt;');
    // Each stored field's payload is marked with a short name.
    const marks: Record<string, string> = { title: 'title', description: 'description', 'workplace.street': 'street', contactNote: 'note' };
    const fields = Object.values(marks);
    const res = await employer.post(`/portal/org/${org.id}/listings`, listingForm(Object.fromEntries(Object.entries(marks).map(([f, m]) => [f, SCRIPT(m)]))));
    expect(res.status, (await res.clone().text()).match(/error-summary[\s\S]{0,300}/)?.[0]).toBe(303);
    const id = /listings\/([0-9A-Z]{26})/.exec(res.headers.get('location')!)![1]!;
    const pages = [`/portal/listings/${id}`, `/portal/listings/${id}/edit`, `/portal/org/${org.id}`, `/portal/org/${org.id}/listings/new?from=${id}`];
    for (const page of pages) {
      const html = await (await employer.get(page)).text();
      for (const f of fields) expectInert(html, f);
    }
    expect(await (await employer.get(`/portal/listings/${id}`)).text()).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    // Submitted, it waits in the desk's queue; approved, residents see it.
    expect((await employer.post(`/portal/listings/${id}/submit`, { version: '1' })).status).toBe(303);
    const queue = await (await desk.get('/portal/desk/zuid')).text();
    expectInert(queue, 'title');
    expect(queue).toContain('&lt;script&gt;alert(&quot;title&quot;)');
    expect((await desk.post(`/portal/listings/${id}/approve`, { version: '2' })).status).toBe(303);
    for (const page of [`/portal/listings/${id}/history`]) {
      const html = await (await desk.get(page)).text();
      for (const f of fields) expectInert(html, f);
    }
    const site = createSiteApp({ db, config: server.config, clock });
    for (const path of [paths.listing('nl', id), paths.region('nl', 'zuid'), paths.location('nl', 'venlo')]) {
      const html = await (await site.request(path)).text();
      for (const f of fields) expectInert(html, f);
    }
  });

  it('escapes what a resident types in the interest form (POST /portal/interest) on the desk\'s pages', async () => {
    const hasForm = (await fetch(`${server.url}/portal/interest`, { method: 'POST', headers: { origin: server.url }, body: formBody({}), redirect: 'manual' })).status !== 302;
    expect(hasForm, 'POST /portal/interest answers (the resident interest form exists)').toBe(true);
    const draft = await employer.post(`/portal/org/${org.id}/listings`, listingForm({ title: 'Inpakker' }));
    const id = /listings\/([0-9A-Z]{26})/.exec(draft.headers.get('location')!)![1]!;
    await changeStatus(db, SYSTEM, id, 1, 'submit', { clock });
    await changeStatus(db, SYSTEM, id, 2, 'approve', { clock });
    const resident = client(server.url);
    const sent = await resident.post('/portal/interest', {
      locale: 'nl', listingId: id, locationId: 'venlo', name: SCRIPT('name'), phone: '+31 6 1234 5678', email: '', age: '18-plus', eligibility: 'asylum-6-months',
      dutchLevel: 'A1', languages: 'ti', message: SCRIPT('message'), consent: 'yes',
    });
    expect(sent.status).toBe(200);
    expectInert(await sent.text(), 'name');
    const inbox = await (await desk.get('/portal/desk/zuid/interests')).text();
    const interestId = /data-interest="([0-9A-Z]{26})"/.exec(inbox)![1]!;
    expectInert(inbox, 'name');
    expectInert(inbox, 'message');
    const page = await (await desk.get(`/portal/desk/zuid/interests/${interestId}`)).text();
    expectInert(page, 'name');
    expectInert(page, 'message');
    expect(page).toContain('&lt;script&gt;alert(&quot;name&quot;)');
  });
});

describe('links people give', () => {
  it('refuses javascript: and other non-web addresses as an organisation\'s website', async () => {
    for (const website of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'ftp://dezon.example.nl', 'file:///etc/passwd']) {
      const res = await employer.post(`/portal/org/${org.id}/profile`, { name: org.name, sector: 'Glastuinbouw', address: 'Venlo', website, regionIds: 'zuid' });
      expect(res.status, website).toBe(422);
    }
    expect((await getOrganisation(db, org.id))?.website).toBe('https://dezon.example.nl');
    const signup = await client(server.url).post('/portal/signup', { name: 'X', sector: 'Bouw', address: 'Venlo', website: 'javascript:alert(1)', regionIds: 'zuid', personName: 'X', email: 'x@example.org' });
    expect(signup.status).toBe(422);
  });
});

describe('headers', () => {
  it('sends the security headers on every kind of response', async () => {
    const responses = await Promise.all([
      fetch(`${server.url}/healthz`),
      fetch(`${server.url}/portal/login`),
      fetch(`${server.url}/portal/desk/zuid`, { redirect: 'manual' }),
      desk.get('/portal/desk/noord'),
      desk.get('/portal/nothing-here'),
      fetch(`${server.url}/portal/login`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a' }),
      employer.post('/portal/login', { email: 'x'.repeat(300 * 1024) }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 302, 403, 404, 403, 413]);
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc, res.url).toBeTruthy();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('sessions and sign-in links', () => {
  it('gives a new session at sign-in: a cookie planted before is not the one after, and opens nothing', async () => {
    const planted = 'opweg_session=planted-by-someone-else-0123456789';
    const browser = client(server.url, planted);
    const token = await askForLink(browser, outbox, 'desk-zuid@example.org');
    const res = await browser.post('/portal/login/confirm', { token });
    expect(res.status).toBe(303);
    const session = res.headers.getSetCookie().find((c) => c.startsWith('opweg_session='))!.split(';')[0]!;
    expect(session).not.toBe(planted);
    expect(session.length).toBeGreaterThan('opweg_session='.length + 40);
    expect((await client(server.url, planted).get('/portal/desk/zuid')).status).toBe(302);
    expect((await client(server.url, session).get('/portal/desk/zuid')).status).toBe(200);
    // Signing in again in the same browser: another session, and the one it had ends.
    const same = client(server.url, session);
    const again = await same.post('/portal/login/confirm', { token: await askForLink(same, outbox, 'desk-zuid@example.org') });
    const next = again.headers.getSetCookie().find((c) => c.startsWith('opweg_session='))!.split(';')[0]!;
    expect(next).not.toBe(session);
    expect((await client(server.url, session).get('/portal/desk/zuid')).status).toBe(302);
    expect((await client(server.url, next).get('/portal/desk/zuid')).status).toBe(200);
  });

  it('refuses a sign-in link used a second time', async () => {
    const browser = client(server.url);
    const token = await askForLink(browser, outbox, 'werkgever@example.org');
    expect((await browser.post('/portal/login/confirm', { token })).status).toBe(303);
    const again = await client(server.url).post('/portal/login/confirm', { token });
    expect(again.status).toBe(400);
    expect(again.headers.getSetCookie().some((c) => c.startsWith('opweg_session='))).toBe(false);
  });

  it('limits sign-in requests per address: 429 with the form again', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await client(server.url).post('/portal/login', { email: 'limit@example.org' })).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('requests that are not what the portal made', () => {
  it('answers 400 to a tampered or foreign cursor', async () => {
    const forged = `${Buffer.from(JSON.stringify({ pk: 'LISTING#x', sk: 'LISTING' })).toString('base64url')}.${'0'.repeat(43)}`;
    for (const path of [`/portal/desk/zuid?cursor=${forged}`, '/portal/desk/zuid?cursor=not-a-cursor', `/portal/org/${org.id}?cursor=${forged}`, `/portal/desk/zuid/interests?cursor=${forged}`]) {
      const who = path.startsWith('/portal/org') ? employer : desk;
      expect((await who.get(path)).status, path).toBe(400);
    }
  });

  it('answers 413 to a body over the limit, and takes a larger CSV upload', async () => {
    const big = await client(server.url).post('/portal/login', { email: 'a@example.org', filler: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.text()).toContain('Too large');
    // In process: over HTTP the server answers 413 and closes while a large upload is still being sent.
    const app = createApp({ db, config: server.config, mail: outbox, clock });
    const upload = (bytes: number) => {
      const body = new FormData();
      body.append('file', new Blob([`title\n${'x'.repeat(bytes)}\n`], { type: 'text/csv' }), 'listings.csv');
      return app.request('/portal/desk/zuid/import', { method: 'POST', body, headers: { cookie: desk.cookie, origin: server.url } });
    };
    expect([200, 422]).toContain((await upload(1024 * 1024)).status);
    const tooBig = await upload(3 * 1024 * 1024);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.text()).toContain('Too large');
  });
});

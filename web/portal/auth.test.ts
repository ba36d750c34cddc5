import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { loadConfig } from '../../shared/config/index.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { createApp } from '../app.js';
import { createTestDb } from '../../test/db.js';
import { NOW, seedDirectory, seedOrganisation } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { askForLink, client } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let now = NOW;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db);
  await putUser(db, { id: ulid(), email: 'werkgever@example.org', name: 'Wendy', createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email: 'werkgever@example.org', organisationId: org.id });
  await putUser(db, { id: ulid(), email: 'collega@example.org', name: 'Cor', createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email: 'collega@example.org', organisationId: org.id });
  server = await startTestServer(db, { mail: outbox, clock: { now: () => now } });
});
afterAll(() => server?.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', body: form(fields), redirect: 'manual', headers: { origin: server.url, ...headers } });
const tokenOf = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

async function signIn(email: string) {
  const token = await askForLink(client(server.url), outbox, email);
  const confirmed = await post('/portal/login/confirm', { token });
  return { token, confirmed, cookie: confirmed.headers.getSetCookie().find((c) => c.startsWith('opweg_session='))! };
}

describe('portal sign-in over HTTP', () => {
  it('shows the e-mail form at /portal/login and the link in the local mailbox at /dev/mail', async () => {
    const page = await (await fetch(`${server.url}/portal/login`)).text();
    expect(page).toMatch(/<input[^>]*name="email"[^>]*type="email"/);
    await post('/portal/login', { email: 'werkgever@example.org' });
    const mailbox = await (await fetch(`${server.url}/dev/mail`)).text();
    const link = /href="([^"]+\/portal\/login\/confirm\?token=[^"]+)"/.exec(mailbox)?.[1];
    expect(link?.startsWith(`${server.url}/portal/login/confirm?token=`)).toBe(true);
    // Opening the link only shows a button: a mail scanner's GET does not use it up.
    const confirm = await (await fetch(link!.replace(/&amp;/g, '&'))).text();
    expect(confirm).toContain('action="/portal/login/confirm"');
    expect((await post('/portal/login/confirm', { token: tokenOf(link!) })).status).toBe(303);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie scoped to /portal; signs out; the old cookie is refused', async () => {
    const { confirmed, cookie } = await signIn('werkgever@example.org');
    expect(confirmed.headers.get('location')).toBe('/portal/');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/portal/);
    expect(cookie).not.toMatch(/Secure/); // http://127.0.0.1 locally; see the AWS case below
    const session = cookie.split(';')[0]!;
    const home = await fetch(`${server.url}/portal/`, { headers: { cookie: session }, redirect: 'manual' });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('werkgever@example.org');

    const out = await post('/portal/logout', {}, { cookie: session });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join()).toMatch(/opweg_session=;/);
    const after = await fetch(`${server.url}/portal/`, { headers: { cookie: session }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/portal/login');
  });

  it('does not sign in with a used link or an expired one', async () => {
    const { token } = await signIn('werkgever@example.org');
    const reused = await post('/portal/login/confirm', { token });
    expect(reused.status).toBe(400);
    expect(reused.headers.getSetCookie()).toEqual([]);

    const late = await askForLink(client(server.url), outbox, 'werkgever@example.org');
    now = new Date(NOW.getTime() + 16 * 60 * 1000);
    try {
      expect((await post('/portal/login/confirm', { token: late })).status).toBe(400);
    } finally {
      now = NOW;
    }
  });

  it('keeps one live link per account: a newer link ends the older one, and a used link stays used', async () => {
    const older = await askForLink(client(server.url), outbox, 'collega@example.org');
    const newer = await askForLink(client(server.url), outbox, 'collega@example.org');
    expect(newer).not.toBe(older);
    const refused = await post('/portal/login/confirm', { token: older });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('alleen de nieuwste');
    expect(refused.headers.getSetCookie()).toEqual([]);
    const used = await post('/portal/login/confirm', { token: newer });
    expect(used.status).toBe(303);
    // Used once, it opens nothing again, and the link before it stays dead.
    for (const token of [newer, older]) expect((await post('/portal/login/confirm', { token })).status).toBe(400);
    // Links of another account are not touched by this one's.
    const other = await askForLink(client(server.url), outbox, 'werkgever@example.org');
    await askForLink(client(server.url), outbox, 'collega@example.org');
    expect((await post('/portal/login/confirm', { token: other })).status).toBe(303);
  });

  it('refuses a form posted from another site, and keeps per-field messages and typed values', async () => {
    const crossSite = await post('/portal/login', { email: 'werkgever@example.org' }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/portal/logout`, { method: 'POST', body: form({}), redirect: 'manual' });
    expect(noOrigin.status).toBe(403);

    const wrong = await post('/portal/login', { email: 'not-an-address' });
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain('value="not-an-address"');
    expect(html).toContain('Vul een geldig e-mailadres in');
  });

  it('sends strict security headers: a CSP without inline script, no framing', async () => {
    const res = await fetch(`${server.url}/portal/login`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toMatch(/<script|\son\w+=/i);
  });

  it('serves its own stylesheet under /portal/ (CloudFront sends /portal/* to the portal), cached for good', async () => {
    const page = await (await fetch(`${server.url}/portal/login`)).text();
    const href = /<link rel="stylesheet" href="(\/portal\/assets\/portal\.[0-9a-f]{10}\.css)"/.exec(page)?.[1];
    const css = await fetch(`${server.url}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
    expect(await css.text()).toContain('.field-error');
  });

  it('switches the portal to English and back into the portal only', async () => {
    const res = await fetch(`${server.url}/portal/lang/en?back=${encodeURIComponent('/portal/login')}`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/portal/login');
    const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
    expect(await (await fetch(`${server.url}/portal/login`, { headers: { cookie } })).text()).toContain('Send me a link');
    const away = await fetch(`${server.url}/portal/lang/en?back=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    expect(away.headers.get('location')).toBe('/portal/');
  });
});

describe('employer sign-up over HTTP', () => {
  it('keeps what was typed on error; on the link, creates the organisation and signs its first member in', async () => {
    const wrong = await post('/portal/signup', { name: 'Bakkerij Zoet', kvk: '12 34', sector: 'Bakkerij', address: 'Markt 1, Venlo', regionIds: 'zuid', personName: 'Bas', email: 'bas@example.org' });
    expect(wrong.status).toBe(422);
    const html = await wrong.text();
    expect(html).toContain('Een KvK-nummer heeft 8 cijfers');
    expect(html).toContain('value="Bakkerij Zoet"');
    expect(html).toMatch(/value="zuid" checked/);
    expect(outbox.latestTo('bas@example.org')).toBeUndefined();

    expect((await post('/portal/signup', { name: 'Bakkerij Zoet', kvk: '12345678', sector: 'Bakkerij', address: 'Markt 1, Venlo', regionIds: 'zuid', personName: 'Bas', email: 'bas@example.org' })).status).toBe(200);
    const confirmed = await post('/portal/login/confirm', { token: tokenOf(outbox.latestTo('bas@example.org')!.text) });
    const cookie = confirmed.headers.getSetCookie().find((c) => c.startsWith('opweg_session='))!.split(';')[0]!;
    const home = await (await fetch(`${server.url}/portal/`, { headers: { cookie } })).text();
    const orgLink = /href="(\/portal\/org\/[0-9A-Z]{26})">Bakkerij Zoet</.exec(home)?.[1];
    expect(orgLink).toBeDefined();
    expect((await fetch(`${server.url}${orgLink}`, { headers: { cookie } })).status).toBe(200);
  });
});

describe('portal on AWS (LOCAL_DEV unset)', () => {
  it('has no /dev/mail and sets a __Secure- cookie with Secure', async () => {
    const outboxOnAws = new Outbox();
    const config = loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, PUBLIC_ORIGIN: 'https://opweg.example.org' });
    const app = createApp({ db, config, mail: outboxOnAws, clock: { now: () => NOW } });
    expect((await app.request('/dev/mail')).status).toBe(404);
    const headers = { origin: 'https://opweg.example.org', 'content-type': 'application/x-www-form-urlencoded' };
    expect((await app.request('https://api.internal/portal/login', { method: 'POST', body: 'email=werkgever%40example.org', headers })).status).toBe(200);
    await expect.poll(() => outboxOnAws.latestTo('werkgever@example.org')).toBeDefined();
    const mail = outboxOnAws.latestTo('werkgever@example.org')!;
    expect(mail.text).toContain('https://opweg.example.org/portal/login/confirm?token=');
    const res = await app.request('https://api.internal/portal/login/confirm', { method: 'POST', body: `token=${tokenOf(mail.text)}`, headers });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Secure-opweg_session='))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
  });
});

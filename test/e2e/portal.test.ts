import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import type { Membership } from '../../shared/domain/user.js';
import { getListing, publishedInRegion } from '../../shared/repositories/listings.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { startLocalPublisher } from '../../web/site/local-publisher.js';
import type { StreamFollower } from '../../web/site/stream.js';
import { launchBrowser } from '../browser.js';
import { createTestDb } from '../db.js';
import { seedDirectory, seedOrganisation } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * The portal's acceptance journey in Chromium, as the issue tells it: the demo employer signs in
 * through the local mailbox, posts a vacancy for a Zuid location and submits it; the Noord desk
 * can neither see nor act on it; the Zuid desk approves it and its page appears on the resident
 * site (published from the table's stream, as `npm start` does). Used and expired links do not
 * sign in; a session cookie is refused after sign-out; a form posted from another site is refused.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let evil: Server;
let evilUrl = '';
let publisher: StreamFollower;
const siteDir = mkdtempSync(join(tmpdir(), 'opweg-portal-site-'));
const outbox = new Outbox();
/** Time can be moved forward to let a sign-in link expire. */
let skew = 0;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db, { name: 'Maasland Logistiek B.V.' });
  const memberships: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] },
  ];
  for (const m of memberships) {
    await putUser(db, { id: ulid(), email: m.email, name: m.email, createdAt: new Date().toISOString() });
    await putMembership(db, m);
  }
  server = await startTestServer(db, { mail: outbox, clock: { now: () => new Date(Date.now() + skew) }, siteDir });
  publisher = await startLocalPublisher({ deps: { db, config: server.config }, store: new FsSiteStore(siteDir), endpoint: db.endpoint });
  browser = await launchBrowser();
  // Another site, on another origin, with a form that posts to the portal.
  evil = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><form method="post" action="${server.url}/portal/logout"><button type="submit">Win a prize</button></form>`);
  });
  await new Promise<void>((ok) => evil.listen(0, '127.0.0.1', ok));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
}, 300_000);

afterAll(async () => {
  await publisher?.stop();
  rmSync(siteDir, { recursive: true, force: true });
  await browser?.close();
  await new Promise((ok) => evil?.close(ok));
  await server?.close();
});

/** Asks for a link at /portal/login and returns the newest link to `email` in /dev/mail. */
async function requestLink(page: Page, email: string): Promise<string> {
  await page.goto(`${server.url}/portal/login`);
  await page.locator('#f-email').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Kijk in uw e-mail');
  await page.goto(`${server.url}/dev/mail`);
  const mail = page.locator('article.mail', { has: page.locator('.to', { hasText: email }) }).first();
  return (await mail.locator('a[href*="/portal/login/confirm"]').first().getAttribute('href'))!;
}

/** Opens a link from the mailbox and presses the sign-in button it shows. */
async function openLink(page: Page, link: string) {
  await page.goto(`${server.url}/dev/mail`);
  await page.locator(`a[href="${link}"]`).first().click();
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await openLink(page, await requestLink(page, email));
  expect(new URL(page.url()).pathname).toBe('/portal/');
  await expect(page.locator('.who').textContent()).resolves.toBe(email);
  return page;
}

/**
 * Polls a page of the resident site until it answers 200 (the publisher follows the stream), or
 * gives up after a generous while; how fast it is, `npm run bench` measures.
 */
async function onSite(path: string, timeoutMs = 20_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let res = await fetch(`${server.url}${path}`);
  while (res.status !== 200 && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 100));
    res = await fetch(`${server.url}${path}`);
  }
  return res;
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  expect(new URL(page.url()).pathname).toBe('/portal/login');
}

describe('portal acceptance journey in Chromium', () => {
  let listingId = '';

  it('the demo employer signs in through /dev/mail, posts a vacancy for a Zuid location and submits it: pending, not on the site', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'werkgever@example.org');
    await page.getByRole('link', { name: 'Maasland Logistiek B.V.' }).first().click();
    await page.getByRole('link', { name: 'Nieuw aanbod' }).click();
    await page.locator('#f-kind').selectOption('job');
    await page.locator('#f-title').fill('Orderpicker Venlo');
    await page.locator('#f-description').fill('Orders verzamelen en klaarzetten in ons magazijn.');
    await page.locator('#f-locationId').selectOption('venlo');
    await page.locator('#f-openTo').selectOption('permit-holders-and-asylum-seekers');
    await page.locator('#f-helpsWithWorkPermit').check();
    await page.locator('#f-dutchLevel').selectOption('A1');
    await page.locator('#f-hoursPerWeek').fill('32');
    // First below the minimum wage: refused, with the message and what was typed kept.
    await page.locator('#f-wagePerHour').fill('9,50');
    await page.locator('#f-startDate').fill(day(14));
    await page.locator('#f-closingDate').fill(day(10));
    await page.locator('#f-workplace-city').fill('Venlo');
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();
    await expect(page.locator('#f-wagePerHour-error').textContent()).resolves.toContain('minimumloon');
    await expect(page.locator('#f-title').inputValue()).resolves.toBe('Orderpicker Venlo');
    await page.locator('#f-wagePerHour').fill('15,50');
    await page.getByRole('button', { name: 'Opslaan als concept' }).click();

    listingId = /\/portal\/listings\/([0-9A-Z]{26})/.exec(page.url())![1]!;
    await expect(page.locator('#listing-status').getAttribute('data-status')).resolves.toBe('draft');
    await page.getByRole('button', { name: 'Indienen ter beoordeling' }).click();
    await expect(page.locator('#listing-status').getAttribute('data-status')).resolves.toBe('pending');

    expect(await getListing(db, listingId)).toMatchObject({ status: 'pending', regionId: 'zuid', locationId: 'venlo', wagePerHour: 15.5 });
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).not.toContain(listingId);
    expect((await fetch(`${server.url}/nl/listings/${listingId}/`)).status).toBe(404);

    // After sign-out the old session cookie opens nothing.
    const before = await context.cookies();
    expect(before.find((c) => c.name === 'opweg_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/portal' });
    await signOut(page);
    await context.addCookies(before.filter((c) => c.name === 'opweg_session'));
    await page.goto(`${server.url}/portal/`);
    expect(new URL(page.url()).pathname).toBe('/portal/login');
    await context.close();
  });

  it('the Noord desk can neither see nor act on it', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'desk-noord@example.org');
    await expect(page.locator('nav').textContent()).resolves.toContain('Balie Noord (0)');
    await page.goto(`${server.url}/portal/desk/noord`);
    await expect(page.content()).resolves.not.toContain('Orderpicker Venlo');
    for (const path of [`/portal/desk/zuid`, `/portal/listings/${listingId}`, `/portal/listings/${listingId}/edit`, `/portal/listings/${listingId}/history`]) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.status()).toBe(403);
    }
    for (const action of ['approve', 'reject', 'close', 'hide']) {
      const res = await page.request.post(`${server.url}/portal/listings/${listingId}/${action}`, { form: { version: '2', reason: 'Nee' }, headers: { origin: server.url } });
      expect(res.status()).toBe(403);
    }
    expect((await getListing(db, listingId))?.status).toBe('pending');
    await context.close();
  });

  it('the Zuid desk sees it in its queue and approves it: published', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'desk-zuid@example.org');
    await expect(page.locator('nav').textContent()).resolves.toContain('Balie Zuid (1)');
    await page.locator('nav').getByRole('link', { name: /Balie Zuid/ }).click();
    await page.getByRole('link', { name: 'Orderpicker Venlo' }).click();
    await page.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.locator('#listing-status').getAttribute('data-status')).resolves.toBe('published');
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).toContain(listingId);
    expect(outbox.latestTo('werkgever@example.org')?.subject).toBe('Gepubliceerd op OpWeg: Orderpicker Venlo');
    const sitePage = await onSite(`/nl/listings/${listingId}/`);
    expect(sitePage.status).toBe(200);
    expect(await sitePage.text()).toContain('Orderpicker Venlo');

    // A form on another site that posts to the portal is refused; the session is untouched.
    await page.goto(evilUrl);
    const [response] = await Promise.all([page.waitForResponse(`${server.url}/portal/logout`), page.getByRole('button', { name: 'Win a prize' }).click()]);
    expect(response.status()).toBe(403);
    await page.goto(`${server.url}/portal/`);
    await expect(page.locator('.who').textContent()).resolves.toBe('desk-zuid@example.org');
    await context.close();
  });

  it('a used link does not sign in, nor an expired one', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = await requestLink(page, 'werkgever@example.org');
    await openLink(page, link);
    expect(new URL(page.url()).pathname).toBe('/portal/');
    await context.clearCookies();

    await openLink(page, link);
    await expect(page.locator('h1').textContent()).resolves.toBe('Deze link werkt niet meer');
    await page.goto(`${server.url}/portal/`);
    expect(new URL(page.url()).pathname).toBe('/portal/login');

    const late = await requestLink(page, 'werkgever@example.org');
    skew = 16 * 60 * 1000;
    try {
      await openLink(page, late);
      await expect(page.locator('h1').textContent()).resolves.toBe('Deze link werkt niet meer');
    } finally {
      skew = 0;
    }
    await page.goto(`${server.url}/portal/`);
    expect(new URL(page.url()).pathname).toBe('/portal/login');
    await context.close();
  });
});

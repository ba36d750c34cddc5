import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { getListing } from '../../shared/repositories/listings.js';
import { interestsOfListing } from '../../shared/repositories/interests.js';
import { startLocalPublisher } from '../../web/site/local-publisher.js';
import type { StreamFollower } from '../../web/site/stream.js';
import { contentOf } from '../../shared/domain/listing.js';
import { updateListing } from '../../shared/services/listings.js';
import { publishedListing, seedPeople } from '../../web/portal/testing.js';
import { launchBrowser } from '../browser.js';
import { createTestDb } from '../db.js';
import { employerOf, seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * Issue 13's journey in Chromium: an employer edits a published listing; the resident page
 * still shows the old text (the publisher renders nothing for a change that waits) and takes
 * a resident's interest; the desk sees the change field by field and approves it from the
 * review page; the resident page shows the new text.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let publisher: StreamFollower;
const siteDir = mkdtempSync(join(tmpdir(), 'opweg-change-site-'));
const outbox = new Outbox();
/** What the publisher did with each stream record it handled: the listing's new title and revision status, the paths it wrote. */
const published: { title?: string; revision?: string; paths: string[] }[] = [];

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db, { name: 'Maasland Logistiek B.V.' });
  await seedPeople(db, [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ]);
  server = await startTestServer(db, { mail: outbox, siteDir });
  const onPublished = (records: DynamoDBRecord[], paths: string[]) => {
    for (const r of records) {
      const image = r.dynamodb?.NewImage;
      if (image?.type?.S !== 'listing') continue;
      published.push({ title: image.title?.S, revision: image.revision?.M?.status?.S, paths });
    }
  };
  publisher = await startLocalPublisher({ deps: { db, config: server.config }, store: new FsSiteStore(siteDir), endpoint: db.endpoint, onPublished });
  browser = await launchBrowser();
  listingId = (await publishedListing(db, { ...vacancy(org.id, { title: 'Magazijnmedewerker Venlo', description: 'Dozen inpakken en orders klaarzetten.' }), locationId: 'venlo' })).id;
}, 300_000);

afterAll(async () => {
  await publisher?.stop();
  rmSync(siteDir, { recursive: true, force: true });
  await browser?.close();
  await server?.close();
});

let listingId = '';

/** Waits (without a time limit of its own: the test's applies) until `check` holds. */
async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise((ok) => setTimeout(ok, 100));
}

async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/portal/login`);
  await page.locator('#f-email').fill(email);
  const before = outbox.latestTo(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  // The link is mailed after the answer (the sign-in queue).
  await until(() => outbox.latestTo(email) !== undefined && outbox.latestTo(email) !== before);
  const link = /https?:\/\/\S+\/portal\/login\/confirm\S*/.exec(outbox.latestTo(email)!.text)![0];
  await page.goto(link);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page.locator('.who').textContent()).resolves.toBe(email);
  return page;
}

const residentUrl = () => `${server.url}/nl/listings/${listingId}/`;

describe('a change to a published listing, in Chromium', () => {
  it('the published listing is on the resident site', async () => {
    await until(async () => (await fetch(residentUrl())).status === 200);
    expect(await (await fetch(residentUrl())).text()).toContain('Magazijnmedewerker Venlo');
  }, 300_000);

  it('the employer edits it: the form says it waits for review; the listing stays published with the change beside it', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'werkgever@example.org');
    await page.getByRole('link', { name: 'Maasland Logistiek B.V.' }).first().click();
    await page.getByRole('link', { name: 'Magazijnmedewerker Venlo' }).click();
    await page.getByRole('link', { name: 'Bewerken' }).click();
    await expect(page.locator('#edit-effect').textContent()).resolves.toContain('bewoners blijven de huidige versie zien tot de balie ze goedkeurt');
    await page.locator('#f-title').fill('Magazijnmedewerker Venlo (avonddienst)');
    await page.getByRole('button', { name: 'Wijzigingen ter beoordeling sturen' }).click();
    await expect(page.locator('#done').textContent()).resolves.toContain('Uw wijzigingen zijn naar de Meedoenbalie gestuurd');
    await expect(page.locator('#listing-status').getAttribute('data-status')).resolves.toBe('published');
    await expect(page.locator('#changes tr[data-field="title"] td.after').textContent()).resolves.toBe('Magazijnmedewerker Venlo (avonddienst)');
    await context.close();
  }, 300_000);

  it('the resident page still shows the published text and takes a resident\'s interest', async () => {
    // The publisher has handled the change (and written no page for it).
    await until(() => published.some((p) => p.revision === 'pending'));
    expect(published.find((p) => p.revision === 'pending')?.paths).toEqual([]);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(residentUrl());
    await expect(page.locator('h1').textContent()).resolves.toContain('Magazijnmedewerker Venlo');
    await expect(page.locator('h1').textContent()).resolves.not.toContain('avonddienst');
    const form = page.locator('form.interest');
    await form.locator('#f-name').fill('Samir');
    await form.locator('#f-phone').fill('+31 6 1234 5678');
    await form.locator('#f-location').selectOption('venlo');
    await form.locator('#f-dutch').selectOption('A1');
    for (const radio of ['input[name=age][value="18-plus"]', 'input[name=eligibility][value="permit-holder"]']) {
      if ((await form.locator(radio).count()) > 0) await form.locator(radio).check();
    }
    await form.locator('input[name=consent]').check();
    await form.locator('button[type=submit]').click();
    await page.waitForURL(`${server.url}/portal/interest`);
    await expect(page.locator('.reference').textContent()).resolves.toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await interestsOfListing(db, listingId, { limit: 10 })).items).toHaveLength(1);
    await context.close();
  }, 300_000);

  it('the desk reviews it from the queue: the change field by field, the preview; approves; the resident page shows the new text', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'desk-zuid@example.org');
    await page.locator('nav').getByRole('link', { name: /Balie Zuid/ }).click();
    await page.locator('#queue-items li[data-kind="change"]').getByRole('link', { name: 'Magazijnmedewerker Venlo' }).click();
    expect(new URL(page.url()).pathname).toBe(`/portal/listings/${listingId}/review`);
    await expect(page.locator('#changes tr[data-field="title"] td.before').textContent()).resolves.toBe('Magazijnmedewerker Venlo');
    await expect(page.locator('#changes tr[data-field="title"] td.after').textContent()).resolves.toBe('Magazijnmedewerker Venlo (avonddienst)');
    await expect(page.locator('.previews [lang="en"] h2').textContent()).resolves.toBe('Magazijnmedewerker Venlo (avonddienst)');
    // The whole resident page in Arabic: its form cannot be filled in or sent by the desk.
    const preview = await context.newPage();
    await preview.goto(`${server.url}/portal/listings/${listingId}/preview/ar`);
    await expect(preview.locator('#preview-form-note').isVisible()).resolves.toBe(true);
    await expect(preview.locator('form.interest button[type="submit"]').isDisabled()).resolves.toBe(true);
    await expect(preview.locator('form.interest #f-name').isEditable()).resolves.toBe(false);
    await preview.close();
    expect((await interestsOfListing(db, listingId, { limit: 10 })).items).toHaveLength(1);
    await page.locator('#decide').getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(page.locator('#done').textContent()).resolves.toContain('Wijzigingen goedgekeurd');
    expect(await getListing(db, listingId)).toMatchObject({ status: 'published', title: 'Magazijnmedewerker Venlo (avonddienst)' });

    const resident = await context.newPage();
    await until(async () => (await (await fetch(residentUrl())).text()).includes('(avonddienst)'));
    await resident.goto(residentUrl());
    await expect(resident.locator('h1').textContent()).resolves.toContain('Magazijnmedewerker Venlo (avonddienst)');
    await context.close();
  }, 300_000);

  it('every portal page type fits a 360 px phone: tables scroll in their own box, the page does not; 403 and 404 show a way on', async () => {
    const live = (await getListing(db, listingId))!;
    await updateListing(db, employerOf(live.organisationId), listingId, live.version, { ...contentOf(live), description: `${live.description} Ook op zaterdag.` });
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const desk = await signIn(context, 'desk-zuid@example.org');
    const wide: string[] = [];
    for (const path of ['/portal/', '/portal/desk/zuid', `/portal/listings/${listingId}/review`, `/portal/listings/${listingId}`, `/portal/listings/${listingId}/history`, `/portal/listings/${listingId}/edit`, '/portal/desk/zuid/interests', '/portal/desk/zuid/report', '/portal/desk/zuid/partners', '/portal/desk/zuid/import', '/portal/nothing-here', '/portal/desk/noord']) {
      await desk.goto(`${server.url}${path}`);
      const { scroll, width } = await desk.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      if (scroll > width) wide.push(`${path}: ${scroll} px`);
    }
    // The employer's side: the dashboard they land on, the listing, its history.
    const employerContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const employer = await signIn(employerContext, 'werkgever@example.org');
    for (const path of ['/portal/', `/portal/listings/${listingId}`, `/portal/listings/${listingId}/history`]) {
      await employer.goto(`${server.url}${path}`);
      const { scroll, width } = await employer.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      if (scroll > width) wide.push(`employer ${path}: ${scroll} px`);
    }
    await employerContext.close();
    expect(wide).toEqual([]);
    // Not allowed: says so in words, and where this person can go instead.
    await desk.goto(`${server.url}/portal/desk/noord`);
    await expect(desk.locator('h1').textContent()).resolves.toBe('Geen toegang tot deze pagina');
    await desk.locator('#way-back').getByRole('link', { name: /Balie Zuid/ }).click();
    expect(new URL(desk.url()).pathname).toBe('/portal/desk/zuid');
    await desk.goto(`${server.url}/portal/nothing-here`);
    await expect(desk.locator('h1').textContent()).resolves.toBe('Pagina niet gevonden');
    await context.close();
  }, 300_000);
});

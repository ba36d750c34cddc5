import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { loadConfig } from '../../shared/config/index.js';
import type { Listing } from '../../shared/domain/listing.js';
import { t } from '../../shared/i18n/index.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createLocalApp } from '../../web/local.js';
import { rebuildSite } from '../../web/site/rebuild.js';
import { launchBrowser } from '../browser.js';
import { createTestDb } from '../db.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy, visit } from '../fixtures.js';

/**
 * A resident's reference code in real Chromium, on the site as `npm start` serves it: withdrawing
 * an interest in a job (the answer says it was withdrawn), and a waiting-list place that becomes a
 * seat when someone cancels (the resident who gave an e-mail address finds the mail in the local
 * mailbox, /dev/mail).
 */
const dir = mkdtempSync(join(tmpdir(), 'opweg-reference-'));
let url = '';
let server: ReturnType<typeof serve>;
let browser: Browser;
let job: Listing;
let tour: Listing;
const outbox = new Outbox();

async function published(db: Awaited<ReturnType<typeof createTestDb>>, input: Parameters<typeof createListing>[2]) {
  const desk = deskOf('zuid');
  const l = await createListing(db, desk, input, clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  return changeStatus(db, desk, l.id, 2, 'approve', { clock });
}

beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db);
  job = await published(db, vacancy(org.id, { title: 'Orderpicker' }));
  tour = await published(db, visit(org.id, { title: 'Open dag kwekerij', seats: 1 }));
  const config = loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, LOCAL_DEV: '1' });
  server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: createLocalApp({ db, config, clock, mail: outbox }, { siteDir: dir }).fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config.PUBLIC_ORIGIN = url;
  const { failed } = await rebuildSite({ db, config, store: new FsSiteStore(dir), clock });
  expect(failed).toEqual([]);
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  rmSync(dir, { recursive: true, force: true });
});

/** Fills in the listing page's form as a resident would, sends it, and returns the reference code shown. */
async function react(page: Page, listing: Listing, o: { name: string; phone?: string; email?: string }) {
  await page.goto(`${url}/nl/listings/${listing.id}/`);
  const form = page.locator('form.interest');
  await form.locator('#f-name').fill(o.name);
  if (o.phone) await form.locator('#f-phone').fill(o.phone);
  if (o.email) await form.locator('#f-email').fill(o.email);
  await form.locator('#f-location').selectOption('venlo');
  await form.locator('#f-dutch').selectOption('A2');
  await form.locator('input[name=age][value="18-plus"]').check();
  await form.locator('input[name=eligibility][value=permit-holder]').check();
  await form.locator('input[name=consent]').check();
  await form.locator('button[type=submit]').click();
  await page.waitForURL(`${url}/portal/interest`);
  return (await page.locator('.reference').textContent())!;
}

async function withdraw(page: Page, code: string) {
  await page.locator('#f-code').fill(code);
  await page.locator('form.interest button[type=submit]').click();
  await page.waitForURL(`${url}/portal/cancel`);
  return (await page.locator('[role=status]').textContent())!;
}

describe('a resident and the reference code, in Chromium', () => {
  it('withdraws an interest in a job: the answer says withdrawn, and a second time that nothing changed', async () => {
    const page = await browser.newPage();
    try {
      const code = await react(page, job, { name: 'Samir', phone: '+31 6 1234 5678' });
      await page.getByRole('link', { name: t('nl', 'interest.withdrawLink') }).click();
      await page.waitForURL(`${url}/portal/cancel?locale=nl`);
      expect(await withdraw(page, code)).toBe(t('nl', 'cancel.withdrawn'));
      await page.goto(`${url}/portal/cancel?locale=nl`);
      expect(await withdraw(page, code)).toBe(t('nl', 'cancel.already'));
    } finally {
      await page.close();
    }
  }, 300_000);

  it('gets a mail when a waiting-list place becomes a seat', async () => {
    const page = await browser.newPage();
    try {
      const first = await react(page, tour, { name: 'Eerste', phone: '+31 6 1111 1111' });
      await react(page, tour, { name: 'Ayan', email: 'ayan@example.org' });
      await expect(page.locator('main').textContent()).resolves.toContain(t('nl', 'interest.waiting', { position: 1 }));

      await page.goto(`${url}/portal/cancel?locale=nl`);
      expect(await withdraw(page, first)).toBe(t('nl', 'cancel.done'));

      await page.goto(`${url}/dev/mail`);
      await expect(page.locator('body').textContent()).resolves.toContain(t('nl', 'mail.seatPromoted.subject', { title: 'Open dag kwekerij' }));
      await expect(page.locator('body').textContent()).resolves.toContain('ayan@example.org');
    } finally {
      await page.close();
    }
  }, 300_000);
});

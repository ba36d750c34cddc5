import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { ListingInput } from '../../shared/domain/listing.js';
import { getInterest } from '../../shared/repositories/interests.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { expressInterest } from '../../shared/services/interests.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { seedPeople } from '../../web/portal/testing.js';
import { launchBrowser } from '../browser.js';
import { createTestDb } from '../db.js';
import { seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * Issue 5's journey in Chromium, on the real clock: a resident said "I'm interested"; the Zuid
 * desk finds them in its inbox and introduces them with a note; the employer, signed in through
 * the local mailbox, follows the link in the desk's mail, sees the resident for that listing and
 * records an interview; the desk's report for this month counts it.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const outbox = new Outbox();
const clock = { now: () => new Date() };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let listingId = '';
let interestId = '';

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db, { name: 'Kwekerij De Zon', sector: 'Glastuinbouw' });
  await seedPeople(db, [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
  ]);
  const input: ListingInput = vacancy(org.id, { title: 'Tomaten oogsten', startDate: day(21), closingDate: day(14) });
  const draft = await createListing(db, SYSTEM, input, clock);
  await changeStatus(db, SYSTEM, draft.id, 1, 'submit', { clock });
  listingId = (await changeStatus(db, SYSTEM, draft.id, 2, 'approve', { clock })).id;
  const receipt = await expressInterest(
    db,
    { listingId, locationId: 'venlo', name: 'Samira Haddad', phone: '+31 6 1234 5678', age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', languages: ['ar'], message: 'Ik heb in Syrië in een kas gewerkt.', consent: true },
    new Date(),
    { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 },
  );
  interestId = receipt.interest.id;
  server = await startTestServer(db, { mail: outbox, clock });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Signs in as a person does: asks for a link, opens it from /dev/mail, presses the button. */
async function signIn(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/portal/login`);
  await page.locator('#f-email').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await page.goto(`${server.url}/dev/mail`);
  const mail = page.locator('article.mail', { has: page.locator('.to', { hasText: email }) }).first();
  await mail.locator('a[href*="/portal/login/confirm"]').first().click();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  expect(new URL(page.url()).pathname).toBe('/portal/');
  return page;
}

describe('warm introduction journey in Chromium', () => {
  it('the Zuid desk opens its inbox and introduces the resident with a note', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'desk-zuid@example.org');
    await page.locator('nav').getByRole('link', { name: 'Reacties Zuid' }).click();
    const card = page.locator(`li[data-interest="${interestId}"]`);
    await expect(card.locator('.person-name').textContent()).resolves.toBe('Samira Haddad');
    await expect(card.locator('[data-status]').first().getAttribute('data-status')).resolves.toBe('new');

    // The filters are a plain form: narrowing to "new" keeps her in the list.
    await page.locator('#f-status').selectOption('new');
    await page.getByRole('button', { name: 'Tonen' }).click();
    expect(new URL(page.url()).searchParams.get('status')).toBe('new');
    await card.getByRole('link', { name: 'Tomaten oogsten' }).click();

    // An empty note is refused with its message; then the introduction goes through.
    await page.getByRole('button', { name: 'Voorstellen', exact: true }).click();
    await expect(page.locator('#f-note-error').isVisible()).resolves.toBe(true);
    await page.locator('#f-note').fill('Samira heeft ervaring in de kas en kan direct beginnen.');
    await page.getByRole('button', { name: 'Voorstellen', exact: true }).click();
    await expect(page.locator('.notice').textContent()).resolves.toContain('Voorgesteld');
    await expect(page.locator('#interest-status [data-status]').getAttribute('data-status')).resolves.toBe('introduced');
    expect(outbox.latestTo('werkgever@example.org')?.subject).toBe('Een bewoner voor "Tomaten oogsten"');
    await context.close();
  });

  it('the employer signs in, follows the desk\'s mail to the listing\'s introduced residents, and records an interview', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'werkgever@example.org');
    await page.goto(`${server.url}/dev/mail`);
    const mail = page.locator('article.mail', { has: page.locator('h2', { hasText: 'Een bewoner voor' }) }).first();
    await mail.locator(`a[href$="/portal/listings/${listingId}/introductions"]`).first().click();
    expect(new URL(page.url()).pathname).toBe(`/portal/listings/${listingId}/introductions`);

    const resident = page.locator(`li[data-interest="${interestId}"]`);
    await expect(resident.locator('.person-name').textContent()).resolves.toBe('Samira Haddad');
    await expect(resident.locator('.person-note').textContent()).resolves.toBe('Samira heeft ervaring in de kas en kan direct beginnen.');
    await resident.locator(`#f-${interestId}-status`).selectOption('interview');
    const on = await resident.locator(`#f-${interestId}-on`).inputValue();
    await resident.getByRole('button', { name: 'Opslaan' }).click();
    // Says what was recorded and for which day, not just "saved".
    await expect(page.locator('#done').textContent()).resolves.toMatch(/^Vastgelegd: gesprek, op \d{1,2} [a-z]+ \d{4}\.$/);
    await expect(page.locator(`li[data-interest="${interestId}"] .outcomes li`).last().getAttribute('data-status')).resolves.toBe('interview');
    expect((await getInterest(db, interestId))?.outcomes.map((o) => [o.status, o.by])).toEqual([['introduced', 'desk'], ['interview', 'employer']]);
    expect((await getInterest(db, interestId))?.outcomes[1]?.on).toBe(on);
    await context.close();
  });

  it('the desk\'s report for this month counts the introduction and the interview', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'desk-zuid@example.org');
    await page.locator('nav').getByRole('link', { name: /Balie Zuid/ }).click();
    await page.getByRole('link', { name: 'Rapportage' }).click();
    await expect(page.locator('#f-from').inputValue()).resolves.toMatch(/^\d{4}-\d{2}-01$/);
    const cell = (table: string, row: string) => page.locator(`#${table} tr[data-row="${row}"] td[data-col="total"]`).textContent();
    await expect(cell('residents', 'unique')).resolves.toBe('1');
    await expect(cell('outcomes', 'introduced')).resolves.toBe('1');
    await expect(cell('outcomes', 'interview')).resolves.toBe('1');
    await expect(cell('outcomes', 'started')).resolves.toBe('0');
    await expect(cell('current', 'interview')).resolves.toBe('1');
    const csv = await page.request.get(new URL((await page.getByRole('link', { name: 'Downloaden als CSV' }).getAttribute('href'))!, server.url).toString());
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="opweg-zuid-/);
    const body = await csv.text();
    expect(body).toContain('Wat er in de periode gebeurde;gesprek;Totaal;1');
    expect(body).not.toContain('Samira');
    await context.close();
  });
});

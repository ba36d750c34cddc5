import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n/index.js';
import { summariesOfListing } from '../../shared/repositories/summaries.js';
import { seedPeople } from '../../web/portal/testing.js';
import { paths } from '../../web/site/paths.js';
import { seedSite } from '../../web/site/testing.js';
import { axeViolations } from '../browser.js';
import { clock } from '../fixtures.js';
import { servedSite, type ServedSite } from './served-site.js';

/**
 * The desk writes an Arabic summary of a Dutch listing in the portal (in Chromium, signed in by
 * the e-mail link), the site is rendered, and an Arabic reader finds it on the listing's page:
 * in Arabic, right to left, marked as a translation, the organisation's Dutch text one tap away.
 * A Tigrinya reader is told there is no translation yet and is led to the Arabic one.
 */
const site = servedSite(
  async (db) => {
    const data = await seedSite(db);
    await seedPeople(db, [{ role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] }]);
    return data;
  },
  { clock },
);
let { db, server, data, browser } = {} as ServedSite<Awaited<ReturnType<typeof seedSite>>>;
beforeAll(() => void ({ db, server, data, browser } = site));
const arabic = { title: 'سائق رافعة شوكية في فينلو', text: 'تقطف الطماطم وتعبئها في بيت زجاجي حديث في فينلو. العمل 32 ساعة في الأسبوع.' };


describe('an Arabic reader sees the Arabic summary', () => {
  it('written by the desk in the portal, shown on the Arabic page, the original one tap away', async () => {
    const desk = await (await browser.newContext()).newPage();
    // Sign in by the e-mail link, as the desk does.
    await desk.goto(`${server.url}/portal/login`);
    await desk.locator('#f-email').fill('desk-zuid@example.org');
    await desk.locator('form button[type=submit]').click();
    await desk.goto(`${server.url}/dev/mail`);
    const link = (await desk.locator('a[href*="/portal/login/confirm"]').first().getAttribute('href'))!;
    await desk.goto(link);
    await desk.locator('form button[type=submit]').click();
    await desk.waitForURL(`${server.url}/portal/`);

    // From the listing in the portal to its summaries, then the Arabic one.
    await desk.goto(`${server.url}/portal/listings/${data.job.id}`);
    await desk.getByRole('link', { name: t('nl', 'portal.summaries.link') }).click();
    await desk.locator(`a[href="/portal/listings/${data.job.id}/summaries/ar"]`).click();
    // No machine translation here: the form says so, and the fields are right to left.
    await expect(desk.locator('main').textContent()).resolves.toContain(t('nl', 'portal.summary.machineNone', { language: 'Arabisch' }));
    expect(await desk.getAttribute('#f-text', 'dir')).toBe('rtl');
    expect(await desk.getAttribute('#f-text', 'lang')).toBe('ar');
    // Empty: a message per field, nothing stored.
    await desk.getByRole('button', { name: t('nl', 'portal.summary.save') }).click();
    await expect(desk.locator('#f-title-error').isVisible()).resolves.toBe(true);
    expect(await summariesOfListing(db, data.job.id)).toEqual([]);
    await desk.locator('#f-title').fill(arabic.title);
    await desk.locator('#f-text').fill(arabic.text);
    await desk.getByRole('button', { name: t('nl', 'portal.summary.save') }).click();
    await desk.waitForURL((url) => url.pathname === `/portal/listings/${data.job.id}/summaries`);
    await expect(desk.locator('main').textContent()).resolves.toContain('desk-zuid@example.org');
    expect((await summariesOfListing(db, data.job.id)).map((s) => s.language)).toEqual(['ar']);

    // The publisher renders the site (npm start does it from the stream; here all at once).
    const { failed } = await site.rebuild();
    expect(failed).toEqual([]);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, locale: 'ar' });
    const reader = await context.newPage();
    await reader.goto(`${server.url}${paths.location('ar', 'venlo')}`);
    // The location's list already names the listing by its Arabic title, marked as a translation.
    const item = reader.locator(`a[href="${paths.listing('ar', data.job.id)}"]`);
    await expect(item.textContent()).resolves.toBe(arabic.title);
    await expect(reader.locator('li', { has: item }).getByText(t('ar', 'list.translated')).isVisible()).resolves.toBe(true);
    await item.click();
    await reader.waitForURL(`${server.url}${paths.listing('ar', data.job.id)}`);
    expect(await reader.getAttribute('html', 'dir')).toBe('rtl');
    await expect(reader.locator('h1').textContent()).resolves.toContain(arabic.title);
    await expect(reader.title()).resolves.toContain(arabic.title);
    const what = reader.locator('#what');
    await expect(what.getByText(arabic.text).isVisible()).resolves.toBe(true);
    await expect(what.getByText(t('ar', 'summary.translated')).isVisible()).resolves.toBe(true);
    // The organisation's own text is one tap away, and in Dutch, left to right.
    const original = what.locator('details.original p.text');
    await expect(original.isVisible()).resolves.toBe(false);
    await what.locator('details.original summary').click();
    await expect(original.isVisible()).resolves.toBe(true);
    expect(await original.getAttribute('lang')).toBe('nl');
    expect(await original.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await axeViolations(reader)).toEqual([]);

    // A Tigrinya reader: no translation yet, and the way to the Arabic one.
    await reader.goto(`${server.url}${paths.listing('ti', data.job.id)}`);
    await expect(reader.locator('#what').textContent()).resolves.toContain(t('ti', 'summary.none'));
    await reader.locator('#what a[hreflang="ar"]').click();
    await reader.waitForURL(`${server.url}${paths.listing('ar', data.job.id)}`);
    await expect(reader.locator('h1').textContent()).resolves.toContain(arabic.title);
    await context.close();
  }, 300_000);
});

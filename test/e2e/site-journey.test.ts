import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../scripts/demo/seed.js';
import { LOCALE_INFO, t, type Locale } from '../../shared/i18n/index.js';
import { axeViolations } from '../browser.js';
import { NOW } from '../fixtures.js';
import { servedSite } from './served-site.js';

/**
 * A resident's walk through the static site in Chromium, as `npm start` serves it: choose a
 * language, a location, a listing, then the poster. Every page is checked with axe-core, and
 * the walk is photographed: into a temporary folder under `npm test` (the tests leave the working
 * tree as it was), into docs/screenshots/ for the README under `npm run screenshots`.
 */
const site = servedSite((db) => seedDemo(db, NOW));
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(site.dir, 'screenshots');
let url = '';
let browser: Browser;

beforeAll(async () => {
  ({ url } = site.server);
  browser = site.browser;
  const { failed } = await site.rebuild();
  expect(failed).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

async function step(page: Page, shot: string) {
  expect(await axeViolations(page)).toEqual([]);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SHOTS}/${shot}.png` });
}

describe('a resident walks the site in Chromium', () => {
  it.each<Locale>(['nl', 'ar', 'ti'])('in %s: home → language → location → listing → interest → poster, without accessibility violations', async (locale) => {
    // A phone; CSP bypassed for axe (see axeViolations).
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, locale });
    const page = await context.newPage();
    try {
      await page.goto(`${url}/`);
      if (locale === 'nl') await step(page, 'languages');
      await page.getByRole('link', { name: LOCALE_INFO[locale].name }).click();
      await page.waitForURL(`${url}/${locale}/`);
      expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      await step(page, `${locale}-home`);

      await page.getByRole('link', { name: 'Oss', exact: true }).click();
      await page.waitForURL(`${url}/${locale}/locations/oss/`);
      await expect(page.locator('h1').textContent()).resolves.toContain(t(locale, 'location.title', { name: 'Oss' }));
      await step(page, `${locale}-location`);

      const first = page.locator('.list a').first();
      const title = (await first.textContent())!;
      await first.click();
      await page.waitForURL(new RegExp(`/${locale}/listings/[0-9A-Z]{26}/$`));
      await expect(page.locator('h1').textContent()).resolves.toContain(title);
      await expect(page.locator('#react h2').textContent()).resolves.toMatch(new RegExp(`^(${t(locale, 'interest.title')}|${t(locale, 'interest.titleVisit')})$`));
      await step(page, `${locale}-listing`);

      // "I'm interested", without an account: the form posts to the portal and answers in the same language.
      const form = page.locator('form.interest');
      await form.locator('#f-name').fill(locale === 'ti' ? 'ኣማኑኤል' : locale === 'ar' ? 'سامر' : 'Samir');
      await form.locator('#f-phone').fill('+31 6 1234 5678');
      // No location is chosen for the resident: they pick it.
      await expect(form.locator('#f-location').inputValue()).resolves.toBe('');
      await form.locator('#f-location').selectOption('oss');
      // Nor a Dutch level: "no Dutch needed" is the listing's word, not the resident's answer.
      await expect(form.locator('#f-dutch').inputValue()).resolves.toBe('');
      await expect(form.locator('#f-dutch option[value=none]').textContent()).resolves.toBe(t(locale, 'interest.dutchNone'));
      await form.locator('#f-dutch').selectOption('none');
      await form.locator('input[name=age][value="18-plus"]').check();
      await form.locator('input[name=eligibility][value=permit-holder]').check();
      await form.locator('input[name=consent]').check();
      await form.locator('button[type=submit]').click();
      await page.waitForURL(`${url}/portal/interest`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await page.getAttribute('html', 'dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await expect(page.locator('.reference').textContent()).resolves.toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await step(page, `${locale}-interest`);

      await page.goto(`${url}/${locale}/locations/oss/`);
      await page.getByRole('link', { name: t(locale, 'location.poster') }).click();
      await page.waitForURL(`${url}/${locale}/locations/oss/poster/`);
      await expect(page.locator('svg.qr').count()).resolves.toBeGreaterThan(0);
      await step(page, `${locale}-poster`);
      if (locale === 'nl') {
        // A4 at 96 dpi, as the desk's printer gets it.
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: `${SHOTS}/nl-poster-print.png` });
      }
    } finally {
      await context.close();
    }
  }, 300_000);

  it('works without JavaScript: all listings shown and labelled, no filter form; with it, the filters narrow the list', async () => {
    const off = await browser.newContext({ javaScriptEnabled: false });
    const on = await browser.newContext();
    try {
      const plain = await off.newPage();
      await plain.goto(`${url}/en/locations/oss/`);
      const all = await plain.locator('.list > li').count();
      expect(all).toBeGreaterThan(5);
      await expect(plain.locator('form.filters').isVisible()).resolves.toBe(false);
      await expect(plain.locator('.list > li:visible').count()).resolves.toBe(all);

      const page = await on.newPage();
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${url}/en/locations/oss/`);
      await expect(page.locator('form.filters').isVisible()).resolves.toBe(true);
      await page.getByText(t('en', 'filter.legend')).click();
      await page.getByLabel(t('en', 'filter.dutch')).selectOption({ label: t('en', 'list.noDutch') });
      const noDutch = await page.locator('.list > li:visible').count();
      expect(noDutch).toBeGreaterThan(0);
      expect(noDutch).toBeLessThan(all);
      await expect(page.locator('.list > li:visible .badges').allTextContents()).resolves.toSatisfy((badges: string[]) => badges.every((b) => b.includes(t('en', 'list.noDutch'))));
      // Under the site's own CSP, nothing is refused (no inline script or style anywhere).
      expect(problems).toEqual([]);

      // And the accessibility check does find a problem when there is one.
      const checked = await (await browser.newContext({ bypassCSP: true })).newPage();
      await checked.goto(`${url}/en/about/`);
      expect(await axeViolations(checked)).toEqual([]);
      await checked.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text"><a href="/x"></a>'));
      expect((await axeViolations(checked)).join('\n')).toMatch(/label|link-name/);
      await checked.context().close();
    } finally {
      await off.close();
      await on.close();
    }
  }, 300_000);

  it.each<Locale>(['nl', 'ar', 'ti'])('in %s: every page type fits a 360 px phone; long Dutch words wrap, the page never scrolls sideways', async (locale) => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale });
    const page = await context.newPage();
    try {
      await page.goto(`${url}/${locale}/locations/uden/`);
      const listings = await page.locator('.list a[href*="/listings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(listings.length).toBeGreaterThan(0);
      const wide: string[] = [];
      const paths = ['', 'regions/zuid/', 'regions/zuid/jobs/', 'regions/zuid/visits/', 'regions/zuid/partners/', 'locations/uden/', 'locations/uden/poster/', 'privacy/', 'about/', 'nope/'];
      for (const path of [...paths.map((p) => `/${locale}/${p}`), ...listings.slice(0, 5)]) {
        await page.goto(`${url}${path}`);
        const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
        if (scroll > width) wide.push(`${path}: ${scroll} > ${width}`);
      }
      expect(wide).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it.each<Locale>(['nl', 'ar', 'ti'])('in %s: every other page type has no accessibility violations either', async (locale) => {
    const context = await browser.newContext({ bypassCSP: true, locale });
    const page = await context.newPage();
    try {
      const problems: string[] = [];
      for (const path of ['regions/zuid/', 'regions/zuid/jobs/', 'regions/zuid/learning/', 'regions/zuid/volunteering/', 'regions/zuid/visits/', 'regions/zuid/partners/', 'privacy/', 'about/']) {
        const res = await page.goto(`${url}/${locale}/${path}`);
        expect(res?.status(), path).toBe(200);
        problems.push(...(await axeViolations(page)));
      }
      // The cancel form of the portal's resident pages, in the same language.
      await page.goto(`${url}/portal/cancel?locale=${locale}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      problems.push(...(await axeViolations(page)));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});

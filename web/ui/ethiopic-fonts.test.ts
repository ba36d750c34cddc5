import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FONTS, TIGRINYA_FONT_FILE, chooserEthiopicText, fontFileName, fontFilesModule, makeBlankFont, makeChooserFont, unicodeRangeOf } from '../../scripts/ethiopic-fonts.js';
import { CATALOGUE, LOCALE_INFO, t } from '../../shared/i18n/index.js';
import { launchBrowser } from '../../test/browser.js';
import { ETHIOPIC_BLANK_WOFF2, ETHIOPIC_FONT_FILES } from './ethiopic-font-files.js';
import { ETHIOPIC_CHOOSER_RANGE, SITE_CSS } from './site-style.js';

describe('the Ethiopic fonts: the small one of the pages in other languages', () => {
  it('has every Ethiopic character those pages show, and the stylesheet names exactly those (else: npm run fonts)', async () => {
    for (const words of [LOCALE_INFO.ti.name, t('ti', 'language.continue'), t('ti', 'notFound.title')]) {
      for (const c of words.replace(/[^\u1200-\u137f]/gu, '')) expect(chooserEthiopicText()).toContain(c);
    }
    expect(ETHIOPIC_CHOOSER_RANGE).toBe(unicodeRangeOf(chooserEthiopicText()));
    expect(SITE_CSS).toContain(`unicode-range:${ETHIOPIC_CHOOSER_RANGE}`);
    // The file is what the script makes from the Tigrinya font today: a change of catalogue or font shows here.
    const committed = readFileSync(new URL(ETHIOPIC_FONT_FILES.chooser, FONTS));
    expect(committed.length).toBeLessThan(4_000);
    expect(committed.equals(await makeChooserFont(readFileSync(TIGRINYA_FONT_FILE)))).toBe(true);
  });

  it('are named by their content, as the site names its other assets (cached a year)', () => {
    for (const [stem, file] of [['noto-sans-ethiopic', ETHIOPIC_FONT_FILES.tigrinya], ['noto-sans-ethiopic-chooser', ETHIOPIC_FONT_FILES.chooser]] as const) {
      expect(file).toBe(fontFileName(stem, readFileSync(new URL(file, FONTS))));
    }
  });
});

describe('the blank twin of the Tigrinya font', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('is what the script makes from the Tigrinya font today (else: npm run fonts)', async () => {
    const twin = await makeBlankFont(readFileSync(TIGRINYA_FONT_FILE));
    expect(fontFilesModule(ETHIOPIC_FONT_FILES, twin)).toBe(readFileSync(new URL('./ethiopic-font-files.ts', import.meta.url), 'utf8'));
    expect(twin.length).toBeLessThan(3_000);
  });

  it('breaks every Tigrinya message where the font does, and draws nothing', async () => {
    const font = readFileSync(TIGRINYA_FONT_FILE).toString('base64');
    const messages = Object.values(CATALOGUE.ti).map(String);
    const page = await browser.newPage();
    // Each message twice, in a phone's column: once in the Tigrinya font, once in its twin (spaces and digits from the same system font).
    await page.setContent(
      `<!DOCTYPE html><style>@font-face{font-family:Ti;src:url(data:font/woff2;base64,${font}) format("woff2");unicode-range:U+1200-137F}` +
        `@font-face{font-family:Twin;src:url(data:font/woff2;base64,${ETHIOPIC_BLANK_WOFF2}) format("woff2");unicode-range:U+1200-137F}` +
        `p{inline-size:20rem;font:17px/1.55 sans-serif;margin:0}.ti{font-family:Ti,sans-serif}.twin{font-family:Twin,sans-serif}</style>` +
        messages.map((m, i) => `<p class="ti" id="ti${i}"></p><p class="twin" id="twin${i}"></p>`).join(''),
    );
    const sizes = await page.evaluate(async (texts) => {
      texts.forEach((text, i) => {
        document.getElementById(`ti${i}`)!.textContent = text;
        document.getElementById(`twin${i}`)!.textContent = text;
      });
      await document.fonts.ready;
      const size = (id: string) => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById(id)!);
        return [...range.getClientRects()].map((r) => `${r.width.toFixed(2)}x${r.height.toFixed(2)}`).join(' ');
      };
      return { fonts: [...document.fonts].map((f) => `${f.family}:${f.status}`), pairs: texts.map((_, i) => [size(`ti${i}`), size(`twin${i}`)]) };
    }, messages);
    expect(sizes.fonts).toEqual(['Ti:loaded', 'Twin:loaded']);
    const differ = sizes.pairs.map(([ti, twin], i) => ({ message: messages[i], ti, twin })).filter((p) => p.ti !== p.twin);
    expect(differ).toEqual([]);
    // Nothing drawn: the twin's letters leave a canvas empty, the font's do not.
    const inked = await page.evaluate((text) => {
      const ink = (family: string) => {
        const canvas = document.createElement('canvas');
        canvas.width = 2000;
        canvas.height = 60;
        const c = canvas.getContext('2d')!;
        c.font = `30px ${family}`;
        c.fillText(text, 0, 40);
        return c.getImageData(0, 0, canvas.width, canvas.height).data.filter((v, i) => i % 4 === 3 && v > 0).length;
      };
      return { ti: ink('Ti'), twin: ink('Twin') };
    }, LOCALE_INFO.ti.name + t('ti', 'language.continue'));
    expect(inked.ti).toBeGreaterThan(100);
    expect(inked.twin).toBe(0);
    await page.close();
  });
});

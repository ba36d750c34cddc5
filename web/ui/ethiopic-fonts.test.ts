import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHOOSER_FONT_FILE, chooserEthiopicText, makeChooserFont, unicodeRangeOf } from '../../scripts/ethiopic-fonts.js';
import { LOCALE_INFO, t } from '../../shared/i18n/index.js';
import { ETHIOPIC_CHOOSER_RANGE, SITE_CSS } from './site-style.js';

describe('the small Ethiopic font of the pages in other languages', () => {
  it('has every Ethiopic character those pages show, and the stylesheet names exactly those (else: npm run fonts)', async () => {
    for (const words of [LOCALE_INFO.ti.name, t('ti', 'language.continue'), t('ti', 'notFound.title')]) {
      for (const c of words.replace(/[^\u1200-\u137f]/gu, '')) expect(chooserEthiopicText()).toContain(c);
    }
    expect(ETHIOPIC_CHOOSER_RANGE).toBe(unicodeRangeOf(chooserEthiopicText()));
    expect(SITE_CSS).toContain(`unicode-range:${ETHIOPIC_CHOOSER_RANGE}`);
    // The file is what the script makes from the Tigrinya font today: a change of catalogue or font shows here.
    const committed = readFileSync(CHOOSER_FONT_FILE);
    expect(committed.length).toBeLessThan(4_000);
    expect(committed.equals(await makeChooserFont())).toBe(true);
  });
});

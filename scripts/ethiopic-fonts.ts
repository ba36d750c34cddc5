import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';
import { LOCALE_INFO, t } from '../shared/i18n/index.js';

/**
 * `npm run fonts`: makes the small Ethiopic font of the pages that are not in Tigrinya
 * (web/ui/fonts/noto-sans-ethiopic-chooser.woff2) from the Tigrinya font, with harfbuzz's
 * subsetter (npm `subset-font`). Those pages show Tigrinya only in a few words: the language's
 * name (language links in every footer, "also in" links, the interest form's languages), the
 * chooser's line under it and the all-languages 404 page. Its characters come from the catalogue;
 * web/ui/ethiopic-fonts.test.ts fails when the file or ETHIOPIC_CHOOSER_RANGE
 * (web/ui/site-style.ts) no longer match it: run this again and copy the range it prints.
 */

const FONTS = new URL('../web/ui/fonts/', import.meta.url);
export const TIGRINYA_FONT_FILE = new URL('noto-sans-ethiopic-subset.woff2', FONTS);
export const CHOOSER_FONT_FILE = new URL('noto-sans-ethiopic-chooser.woff2', FONTS);

/** The Ethiopic characters of the pages in other languages, each once, in code point order. */
export function chooserEthiopicText(): string {
  const text = [LOCALE_INFO.ti.name, t('ti', 'language.continue'), t('ti', 'notFound.title'), t('ti', 'notFound.home')].join('');
  return [...new Set(text.match(/[\u1200-\u137f]/gu) ?? [])].sort().join('');
}

/** The CSS unicode-range of those characters. */
export const unicodeRangeOf = (text: string) => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(',');

export const makeChooserFont = async (): Promise<Buffer> => subsetFont(readFileSync(TIGRINYA_FONT_FILE), chooserEthiopicText(), { targetFormat: 'woff2' });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const font = await makeChooserFont();
  writeFileSync(CHOOSER_FONT_FILE, font);
  console.log(`${fileURLToPath(CHOOSER_FONT_FILE)}: ${font.length} bytes, ${[...chooserEthiopicText()].length} characters`);
  console.log(`ETHIOPIC_CHOOSER_RANGE = '${unicodeRangeOf(chooserEthiopicText())}'`);
}

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFont, woff2 } from 'fonteditor-core';
import subsetFont from 'subset-font';
import { LOCALE_INFO, t } from '../shared/i18n/index.js';

/**
 * `npm run fonts`: makes, from the Tigrinya font (web/ui/fonts/noto-sans-ethiopic-subset.woff2,
 * Noto Sans Ethiopic's Ethiopic block), the two fonts that go with it:
 *  - the chooser font (web/ui/fonts/noto-sans-ethiopic-chooser.woff2): the Ethiopic characters
 *    that pages in other languages show, by harfbuzz's subsetter (npm `subset-font`). Those
 *    pages show Tigrinya only in a few words: the language's name (footers, "also in" links,
 *    the interest form's languages), the chooser's line and the all-languages 404's;
 *  - the blank twin (web/ui/ethiopic-blank-font.ts, inline in Tigrinya pages): every glyph of
 *    the Tigrinya font with its advance width and nothing to draw (npm `fonteditor-core`).
 *    While the Tigrinya font loads, a phone without an Ethiopic font lays the text out with
 *    the twin: nothing shows yet (no boxes in place of letters), and every line already breaks
 *    where the font will break it, so nothing moves when it arrives.
 * The twin has no kerning, so neither has the Tigrinya font: it was made once from the full
 * font without its kerning pairs (`withoutKerning`, 45 KB → 17 KB; mark positioning kept).
 * web/ui/ethiopic-fonts.test.ts fails when a file no longer matches the catalogue or the
 * Tigrinya font: run this again (and copy the range it prints into web/ui/site-style.ts).
 */

const FONTS = new URL('../web/ui/fonts/', import.meta.url);
export const TIGRINYA_FONT_FILE = new URL('noto-sans-ethiopic-subset.woff2', FONTS);
export const CHOOSER_FONT_FILE = new URL('noto-sans-ethiopic-chooser.woff2', FONTS);
export const BLANK_FONT_MODULE = new URL('../web/ui/ethiopic-blank-font.ts', import.meta.url);

/** The Ethiopic characters of the pages in other languages, each once, in code point order. */
export function chooserEthiopicText(): string {
  const text = [LOCALE_INFO.ti.name, t('ti', 'language.continue'), t('ti', 'notFound.title'), t('ti', 'notFound.home')].join('');
  return [...new Set(text.match(/[\u1200-\u137f]/gu) ?? [])].sort().join('');
}

/** The CSS unicode-range of those characters. */
export const unicodeRangeOf = (text: string) => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(',');

export const makeChooserFont = async (): Promise<Buffer> => subsetFont(readFileSync(TIGRINYA_FONT_FILE), chooserEthiopicText(), { targetFormat: 'woff2' });

/** Every layout feature of the font but kerning ('kern'): glyph substitutions and mark positioning stay. */
export const withoutKerning = async (font: Buffer): Promise<Buffer> =>
  subsetFont(font, undefined, { targetFormat: 'woff2', keepAllGlyphs: true, keepFeatures: ['ccmp', 'locl', 'mark', 'mkmk', 'liga', 'rlig', 'calt', 'rclt', 'aalt'] });

/** The Tigrinya font's glyphs, each a single point (draws nothing) with its own advance width. */
export async function makeBlankFont(): Promise<Buffer> {
  await woff2.init();
  const ttf = await subsetFont(readFileSync(TIGRINYA_FONT_FILE), undefined, { targetFormat: 'truetype', keepAllGlyphs: true });
  const font = createFont(ttf, { type: 'ttf', hinting: false, kerning: false });
  const data = font.get();
  for (const glyph of data.glyf) {
    glyph.contours = (glyph.contours?.length ?? 0) > 0 ? [[{ x: 0, y: 0, onCurve: true }]] : [];
    Object.assign(glyph, { xMin: 0, yMin: 0, xMax: 0, yMax: 0, leftSideBearing: 0 });
  }
  // data.head keeps the Tigrinya font's dates: the same font makes the same bytes.
  Object.assign(data.name, { fontFamily: 'OpWeg Ethiopic Blank', fullName: 'OpWeg Ethiopic Blank', postScriptName: 'OpWegEthiopicBlank', uniqueSubFamily: 'OpWeg Ethiopic Blank' });
  font.set(data);
  return Buffer.from(font.write({ type: 'woff2', hinting: false, kerning: false }) as ArrayBuffer);
}

export const blankFontModule = (font: Buffer) =>
  `/** Made by \`npm run fonts\` (scripts/ethiopic-fonts.ts): the Tigrinya font's advance widths, nothing to draw. Do not edit. */\nexport const ETHIOPIC_BLANK_WOFF2 = '${font.toString('base64')}';\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--drop-kerning')) writeFileSync(TIGRINYA_FONT_FILE, await withoutKerning(readFileSync(TIGRINYA_FONT_FILE)));
  const chooser = await makeChooserFont();
  writeFileSync(CHOOSER_FONT_FILE, chooser);
  const blank = await makeBlankFont();
  writeFileSync(BLANK_FONT_MODULE, blankFontModule(blank));
  console.log(`Tigrinya font: ${readFileSync(TIGRINYA_FONT_FILE).length} bytes`);
  console.log(`chooser font: ${chooser.length} bytes, ${[...chooserEthiopicText()].length} characters`);
  console.log(`blank twin: ${blank.length} bytes`);
  console.log(`ETHIOPIC_CHOOSER_RANGE = '${unicodeRangeOf(chooserEthiopicText())}'`);
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFont, woff2 } from 'fonteditor-core';
import subsetFont from 'subset-font';
import { LOCALE_INFO, t } from '../shared/i18n/index.js';
import { ETHIOPIC_FONT_FILES } from '../web/ui/ethiopic-font-files.js';

/**
 * `npm run fonts`: makes, from the Tigrinya font (web/ui/fonts/noto-sans-ethiopic.<hash>.woff2,
 * Noto Sans Ethiopic's Ethiopic block), the two fonts that go with it:
 *  - the chooser font (web/ui/fonts/noto-sans-ethiopic-chooser.<hash>.woff2): the Ethiopic characters
 *    that pages in other languages show, by harfbuzz's subsetter (npm `subset-font`). Those
 *    pages show Tigrinya only in a few words: the language's name (footers, "also in" links,
 *    the interest form's languages), the chooser's line and the all-languages 404's;
 *  - the blank twin (in web/ui/ethiopic-font-files.ts, inline in Tigrinya pages): every glyph of
 *    the Tigrinya font with its advance width and nothing to draw (npm `fonteditor-core`).
 *    While the Tigrinya font loads, a phone without an Ethiopic font lays the text out with
 *    the twin: nothing shows yet (no boxes in place of letters), and every line already breaks
 *    where the font will break it, so nothing moves when it arrives.
 * The twin has no kerning, so neither has the Tigrinya font: it was made once from the full
 * font without its kerning pairs (`withoutKerning`, 45 KB → 17 KB; mark positioning kept).
 * Font files are named by their content (CloudFront and phones keep them a year): the script
 * writes the names, with the twin, into web/ui/ethiopic-font-files.ts and removes files no longer
 * named there. web/ui/ethiopic-fonts.test.ts fails when a file no longer matches the catalogue
 * or the Tigrinya font: run this again (and copy the range it prints into web/ui/site-style.ts).
 */

export const FONTS = new URL('../web/ui/fonts/', import.meta.url);
export const TIGRINYA_FONT_FILE = new URL(ETHIOPIC_FONT_FILES.tigrinya, FONTS);
export const FONT_FILES_MODULE = new URL('../web/ui/ethiopic-font-files.ts', import.meta.url);

/** `<stem>.<first 10 hex of its SHA-256>.woff2`, as the site's other assets are named. */
export const fontFileName = (stem: string, font: Buffer) => `${stem}.${createHash('sha256').update(font).digest('hex').slice(0, 10)}.woff2`;

/** The Ethiopic characters of the pages in other languages, each once, in code point order. */
export function chooserEthiopicText(): string {
  const text = [LOCALE_INFO.ti.name, t('ti', 'language.continue'), t('ti', 'notFound.title'), t('ti', 'notFound.home')].join('');
  return [...new Set(text.match(/[\u1200-\u137f]/gu) ?? [])].sort().join('');
}

/** The CSS unicode-range of those characters. */
export const unicodeRangeOf = (text: string) => [...text].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(',');

export const makeChooserFont = async (tigrinya: Buffer): Promise<Buffer> => subsetFont(tigrinya, chooserEthiopicText(), { targetFormat: 'woff2' });

/** Every layout feature of the font but kerning ('kern'): glyph substitutions and mark positioning stay. */
export const withoutKerning = async (font: Buffer): Promise<Buffer> =>
  subsetFont(font, undefined, { targetFormat: 'woff2', keepAllGlyphs: true, keepFeatures: ['ccmp', 'locl', 'mark', 'mkmk', 'liga', 'rlig', 'calt', 'rclt', 'aalt'] });

/** The Tigrinya font's glyphs, each a single point (draws nothing) with its own advance width. */
export async function makeBlankFont(tigrinya: Buffer): Promise<Buffer> {
  await woff2.init();
  const ttf = await subsetFont(tigrinya, undefined, { targetFormat: 'truetype', keepAllGlyphs: true });
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

export const fontFilesModule = (files: { tigrinya: string; chooser: string }, blank: Buffer) =>
  [
    '/** Made by `npm run fonts` (scripts/ethiopic-fonts.ts). Do not edit. */',
    '',
    '/** The Ethiopic font files in web/ui/fonts/, named by their content. */',
    `export const ETHIOPIC_FONT_FILES = { tigrinya: '${files.tigrinya}', chooser: '${files.chooser}' } as const;`,
    '',
    "/** The Tigrinya font's blank twin: its advance widths, nothing to draw (woff2, base64). */",
    `export const ETHIOPIC_BLANK_WOFF2 = '${blank.toString('base64')}';`,
    '',
  ].join('\n');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let tigrinya: Buffer = readFileSync(TIGRINYA_FONT_FILE);
  if (process.argv.includes('--drop-kerning')) tigrinya = await withoutKerning(tigrinya);
  const chooser = await makeChooserFont(tigrinya);
  const blank = await makeBlankFont(tigrinya);
  const files = { tigrinya: fontFileName('noto-sans-ethiopic', tigrinya), chooser: fontFileName('noto-sans-ethiopic-chooser', chooser) };
  writeFileSync(new URL(files.tigrinya, FONTS), tigrinya);
  writeFileSync(new URL(files.chooser, FONTS), chooser);
  for (const file of readdirSync(FONTS)) if (file.endsWith('.woff2') && file !== files.tigrinya && file !== files.chooser) rmSync(new URL(file, FONTS));
  writeFileSync(FONT_FILES_MODULE, fontFilesModule(files, blank));
  console.log(`Tigrinya font: ${files.tigrinya}, ${tigrinya.length} bytes`);
  console.log(`chooser font: ${files.chooser}, ${chooser.length} bytes, ${[...chooserEthiopicText()].length} characters`);
  console.log(`blank twin: ${blank.length} bytes`);
  console.log(`ETHIOPIC_CHOOSER_RANGE = '${unicodeRangeOf(chooserEthiopicText())}'`);
}

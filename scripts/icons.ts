import { readFileSync, writeFileSync } from 'node:fs';
import { launchBrowser } from '../test/browser.js';

/**
 * Draws the resident site's icons from web/ui/icons/icon.svg with Chromium: the PNGs of the web
 * app manifest (192 and 512 px, also the Open Graph image and the Apple touch icon) and a
 * favicon.ico (one 32 px PNG inside, the form every browser reads). Run after changing the SVG:
 * `npx tsx scripts/icons.ts`; the files are committed.
 */
const dir = new URL('../web/ui/icons/', import.meta.url);
const svg = readFileSync(new URL('icon.svg', dir), 'utf8');
const browser = await launchBrowser();
try {
  const png = async (size: number) => {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>*{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    const shot = await page.screenshot({ omitBackground: true });
    await page.close();
    return shot;
  };
  for (const size of [192, 512]) writeFileSync(new URL(`icon-${size}.png`, dir), await png(size));
  const small = await png(32);
  // ICO: a 6-byte header, one 16-byte directory entry, then the PNG itself.
  const header = Buffer.alloc(22);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(32, 6);
  header.writeUInt8(32, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(small.length, 14);
  header.writeUInt32LE(22, 18);
  writeFileSync(new URL('favicon.ico', dir), Buffer.concat([header, small]));
} finally {
  await browser.close();
}

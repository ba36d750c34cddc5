import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { serve } from '@hono/node-server';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { launchBrowser } from '../test/browser.js';
import { ASSETS } from '../web/ui/assets.js';
import { ETHIOPIC_FONTS } from '../web/ui/site-style.js';
import { createLocalApp } from '../web/local.js';
import { createSiteApp } from '../web/site/app.js';
import { paths } from '../web/site/paths.js';
import { renderPages } from '../web/site/render.js';
import { seedDemoTable } from './bench-demo.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

/** The slow phone of the issue: 300 ms round trip, 250 kbit/s both ways, a CPU four times slower. */
export const SLOW_PHONE = { latencyMs: 300, kbitPerSecond: 250, cpuSlowdown: 4 } as const;
export const NETWORK_TARGETS = { wireKB: 14, fcpMs: 1500, cls: 0 } as const;
const RUNS = 5;

export interface NetworkFigure {
  page: string;
  path: string;
  /** Bytes of the document on the wire (compressed body and response headers), median of the runs. */
  wireBytes: number;
  /** Every response of the page load (document, script, font…), on the wire. */
  totalWireBytes: number;
  requests: number;
  fcpMs: number;
  cls: number;
  /** The same for a bare static HTML page (no CSS, no script) of the same size on the wire: the floor. */
  floorWireBytes: number;
  floorFcpMs: number;
  /** Where the page shifted: the elements that moved in each shift (tag.class), with its score; each different one of the runs once. */
  shifts: string[];
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * A bare HTML page whose brotli body (as the local server sends it) is about `bytes` long: plain
 * paragraphs of pseudo-random words, nothing to style or run. What the network alone costs.
 * The words come from mulberry32, exact in 32-bit integers: the earlier generator multiplied past
 * 2^53, lost precision and repeated itself after some 10,000 draws, so brotli squeezed the text
 * and a page above about 6 KB on the wire could never be reached (the loop below grew without
 * end: the region page "stalled").
 */
function floorPage(bytes: number): string {
  let seed = 7;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
  const word = () => Array.from({ length: 2 + Math.floor(rnd() * 8) }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join('');
  const page = (words: number) => {
    const text = Array.from({ length: words }, word).join(' ');
    return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title></head><body><p>${text}</p></body></html>`;
  };
  const size = (html: string) => brotliCompressSync(Buffer.from(html), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
  let lo = 1;
  let hi = 64;
  while (size(page(hi)) < bytes) {
    hi *= 2;
    if (hi > 1 << 20) throw new Error(`no floor page reaches ${bytes} bytes on the wire`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (size(page(mid)) < bytes) lo = mid;
    else hi = mid;
  }
  return page(hi);
}

/**
 * Per resident page type: bytes on the wire and first contentful paint in Chromium on an
 * emulated slow phone (SLOW_PHONE, through the DevTools protocol), median of RUNS cold loads
 * from the local server (compressing as CloudFront does), beside a bare static page of the same
 * size on the wire, and the layout shift of the whole load (the filter script included).
 */
export async function benchNetwork(o: { only?: string[] } = {}): Promise<NetworkFigure[]> {
  const local = await startDynamoDbLocal();
  const siteDir = mkdtempSync(join(tmpdir(), 'opweg-bench-network-'));
  let demo: Awaited<ReturnType<typeof seedDemoTable>> | undefined;
  let server: ReturnType<typeof serve> | undefined;
  const browser = await launchBrowser();
  try {
    demo = await seedDemoTable(local.endpoint, 'bench-network', { CURSOR_SECRET: 'bench-network-cursor-secret', LOCAL_DEV: '1' });
    const { db, config, job, visit } = demo;
    process.stderr.write('bench network: demo data seeded, rendering the site…\n');
    const pages: Record<string, string> = {
      languages: paths.languages(),
      home: paths.home('nl'),
      region: paths.region('nl', 'zuid'),
      'group (jobs)': paths.group('nl', 'zuid', 'jobs'),
      location: paths.location('nl', 'oss'),
      'location (Tigrinya)': paths.location('ti', 'oss'),
      'home (Tigrinya)': paths.home('ti'),
      'location (Arabic)': paths.location('ar', 'oss'),
      poster: paths.poster('nl', 'oss'),
      listing: paths.listing('nl', job.id),
      'listing (Tigrinya)': paths.listing('ti', job.id),
      'listing (visit, Arabic)': paths.listing('ar', visit.id),
      privacy: paths.privacy('nl'),
      'not found': paths.notFound('nl'),
    };

    // The measured pages and what they load (the filter script, the Ethiopic fonts), as the publisher writes them.
    const all = [...Object.values(pages), ASSETS.filter.path, ...ETHIOPIC_FONTS];
    const failed = (await renderPages(createSiteApp({ db, config }), new FsSiteStore(siteDir), all)).filter((o) => o.action !== 'written');
    if (failed.length > 0) throw new Error(`rendering failed: ${failed.map((f) => f.path).join(', ')}`);

    server = await new Promise<ReturnType<typeof serve>>((ok) => {
      const s = serve({ fetch: createLocalApp({ db, config }, { siteDir }).fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    /** One cold load on the slow phone: wire bytes, requests, FCP and CLS. */
    const load = async (path: string) => {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        const bytesPerSecond = (SLOW_PHONE.kbitPerSecond * 1000) / 8;
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_PHONE.latencyMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
        const wire = new Map<string, number>();
        let documentId: string | undefined;
        cdp.on('Network.requestWillBeSent', (e: { requestId: string; type?: string }) => {
          if (e.type === 'Document' && !documentId) documentId = e.requestId;
        });
        cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => wire.set(e.requestId, e.encodedDataLength));
        // No named functions in here: tsx would wrap them in a helper that the page does not have.
        await page.addInitScript(() => {
          const w = window as unknown as { __cls: number; __shifts: string[] };
          w.__cls = 0;
          w.__shifts = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node: Node | null }[] })[]) {
              if (entry.hadRecentInput) continue;
              w.__cls += entry.value;
              // What moved: each source element as tag.class (a text node as its parent).
              const moved = (entry.sources ?? []).map((s) => (s.node instanceof Element ? s.node : s.node?.parentElement)).map((e) => (e ? `${e.tagName.toLowerCase()}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}` : '?'));
              w.__shifts.push(`${moved.join(' + ')}: ${entry.value.toFixed(4)}`);
            }
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        // Whatever the deferred script moves, it moves by the load event; give the observer a moment to report it.
        await page.waitForTimeout(500);
        const { fcp, cls, shifts } = await page.evaluate(() => ({
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
          cls: (window as unknown as { __cls: number }).__cls,
          shifts: (window as unknown as { __shifts: string[] }).__shifts,
        }));
        return { wireBytes: (documentId && wire.get(documentId)) || 0, totalWireBytes: [...wire.values()].reduce((a, b) => a + b, 0), requests: wire.size, fcpMs: fcp, cls, shifts };
      } finally {
        await context.close();
      }
    };
    const measure = async (path: string, count = RUNS) => {
      const runs = [];
      for (let i = 0; i < count; i++) runs.push(await load(path));
      return {
        wireBytes: median(runs.map((r) => r.wireBytes)),
        totalWireBytes: median(runs.map((r) => r.totalWireBytes)),
        requests: median(runs.map((r) => r.requests)),
        fcpMs: Math.round(median(runs.map((r) => r.fcpMs))),
        cls: Math.max(...runs.map((r) => r.cls)),
        shifts: [...new Set(runs.flatMap((r) => r.shifts))],
      };
    };

    process.stderr.write(`bench network: ${all.length} files rendered, measuring…\n`);
    const figures: NetworkFigure[] = [];
    mkdirSync(join(siteDir, 'bench-floor'), { recursive: true });
    for (const [name, path] of Object.entries(pages)) {
      if (o.only && !o.only.includes(name)) continue;
      const ours = await measure(path);
      const floorFile = `bench-floor/${name.replace(/[^a-z]+/gi, '-')}.html`;
      // Wire bytes count the response headers too: one trial load tells how much to take off the body.
      writeFileSync(join(siteDir, floorFile), floorPage(ours.wireBytes));
      const trial = await measure(`/${floorFile}`, 1);
      writeFileSync(join(siteDir, floorFile), floorPage(ours.wireBytes - (trial.wireBytes - ours.wireBytes)));
      const floor = await measure(`/${floorFile}`);
      figures.push({ page: name, path, ...ours, floorWireBytes: floor.wireBytes, floorFcpMs: floor.fcpMs });
      process.stderr.write(`bench network: ${name}: ${JSON.stringify(figures.at(-1))}\n`);
    }
    return figures;
  } finally {
    await browser.close();
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
    demo?.close();
    await local.stop();
    rmSync(siteDir, { recursive: true, force: true });
  }
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { SYSTEM } from '../shared/services/actor.js';
import { updateListing } from '../shared/services/listings.js';
import { ASSETS } from '../web/ui/assets.js';
import { createSiteApp } from '../web/site/app.js';
import { startLocalPublisher } from '../web/site/local-publisher.js';
import { fileOf, paths } from '../web/site/paths.js';
import { rebuildSite } from '../web/site/rebuild.js';
import { seedDemoTable } from './bench-demo.js';
import { seedListings } from './bench-listings.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

/** The budget: a listing page with its inline CSS, gzipped. */
export const LISTING_PAGE_BUDGET_BYTES = 14 * 1024;
const SAMPLES = 25;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * The resident site's figures, on the demo data in a fresh in-memory DynamoDB Local:
 * gzipped weight per page type, pages per second in a full rebuild, and publish latency
 * (a listing written → its page and its region's page updated on disk, through the stream).
 */
export async function benchSite(): Promise<Record<string, unknown>> {
  const local = await startDynamoDbLocal();
  const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-site-'));
  let demo: Awaited<ReturnType<typeof seedDemoTable>> | undefined;
  try {
    demo = await seedDemoTable(local.endpoint, 'bench-site', { PUBLIC_ORIGIN: 'https://opweg.example.org' });
    const { db, config, job, visit } = demo;
    const store = new FsSiteStore(dir);

    // Weight per page type: each page gzipped (the stylesheet is inline).
    const app = createSiteApp({ db, config });
    const pages: Record<string, string> = {
      languages: paths.languages(),
      home: paths.home('nl'),
      region: paths.region('nl', 'zuid'),
      'group (jobs)': paths.group('nl', 'zuid', 'jobs'),
      'visits calendar': paths.group('nl', 'zuid', 'visits'),
      partners: paths.partners('nl', 'zuid'),
      location: paths.location('nl', 'oss'),
      'location (Arabic)': paths.location('ar', 'oss'),
      poster: paths.poster('nl', 'oss'),
      listing: paths.listing('nl', job.id),
      'listing (Tigrinya)': paths.listing('ti', job.id),
      'listing (visit)': paths.listing('nl', visit.id),
      privacy: paths.privacy('nl'),
      'feed (region)': paths.regionFeed('zuid'),
      'calendar (region)': paths.regionCalendar('zuid'),
    };
    const weight: Record<string, { html: number; gzip: number }> = {};
    for (const [name, path] of Object.entries(pages)) {
      const body = Buffer.from(await (await app.request(path)).arrayBuffer());
      const gzip = gzipSync(body).length;
      weight[name] = { html: body.length, gzip };
    }

    // A full rebuild: every page in every language, feeds, sitemap and assets.
    const rebuild = await rebuildSite({ db, config, store });
    if (rebuild.failed.length > 0) throw new Error(`rebuild failed on ${rebuild.failed.map((f) => f.path).join(', ')}`);

    // Publish latency through DynamoDB Local's stream, as `npm start` runs it.
    // Each sample starts when the publisher is idle again (the previous change fully published).
    let published: (paths: string[]) => void = () => {};
    const follower = await startLocalPublisher({ deps: { db, config }, store, endpoint: local.endpoint, onPublished: (_records, written) => published(written) });
    const latencies: number[] = [];
    const regionLatencies: number[] = [];
    try {
      let current = job;
      for (let i = 0; i < SAMPLES; i++) {
        const title = `${job.title} · bench ${i}`;
        const { organisationId: _o, regionId: _r, id: _i, status: _s, version: _v, createdAt: _c, updatedAt: _u, publishedAt: _p, submittedAt: _sa, featured: _f, hidden: _h, rejectionReason: _rr, ...fields } = current;
        const idle = new Promise<void>((ok) => (published = (written) => written.includes(paths.sitemap()) && ok()));
        const started = performance.now();
        current = await updateListing(db, SYSTEM, job.id, current.version, { ...fields, title }, { now: () => new Date() });
        const listingFile = join(dir, fileOf(paths.listing('nl', job.id)));
        const regionFile = join(dir, fileOf(paths.region('nl', job.regionId)));
        let listingAt = 0;
        for (const deadline = started + 10_000; performance.now() < deadline; await sleep(5)) {
          if (!listingAt && readFileSync(listingFile, 'utf8').includes(title)) listingAt = performance.now();
          if (listingAt && readFileSync(regionFile, 'utf8').includes(title)) {
            latencies.push(listingAt - started);
            regionLatencies.push(performance.now() - started);
            break;
          }
        }
        await Promise.race([idle, sleep(10_000)]);
      }
    } finally {
      await follower.stop();
    }

    const seconds = rebuild.ms / 1000;
    return {
      'site: gzip bytes per page type (nl unless noted)': weight,
      'site: listing page with its inline CSS gzipped, bytes (budget 14336)': weight.listing!.gzip,
      'site: filter script, bytes': Buffer.byteLength(ASSETS.filter.body),
      'site: full rebuild, files': rebuild.written,
      'site: full rebuild, seconds': Number(seconds.toFixed(2)),
      'site: full rebuild, pages per second': Math.round(rebuild.written / seconds),
      'site: publish latency, listing page p50 ms': Math.round(percentile(latencies, 50)),
      'site: publish latency, listing page p95 ms': Math.round(percentile(latencies, 95)),
      'site: publish latency, region page p50 ms': Math.round(percentile(regionLatencies, 50)),
      'site: publish latency, region page p95 ms': Math.round(percentile(regionLatencies, 95)),
      'site: publish latency samples (write → file updated)': `${latencies.length} of ${SAMPLES}`,
    };
  } finally {
    demo?.close();
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Pages per second of a whole-site rebuild with `count` published listings (each with its page
 * in every language), in a fresh table of the given DynamoDB Local, written to a temp folder.
 */
export async function benchRebuild(endpoint: string, count: number): Promise<{ listings: number; files: number; seconds: number; pagesPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-rebuild-'));
  let demo: Awaited<ReturnType<typeof seedDemoTable>> | undefined;
  try {
    demo = await seedDemoTable(endpoint, `bench-rebuild-${count}`, { PUBLIC_ORIGIN: 'https://opweg.example.org' });
    const { db, config, job: template } = demo;
    const seeded = await seedListings(db, count, template, { allPublished: true });
    const rebuild = await rebuildSite({ db, config, store: new FsSiteStore(dir) });
    if (rebuild.failed.length > 0) throw new Error(`rebuild failed on ${rebuild.failed.length} pages, e.g. ${rebuild.failed[0]!.path}`);
    const seconds = rebuild.ms / 1000;
    return { listings: seeded.written, files: rebuild.written, seconds: Number(seconds.toFixed(1)), pagesPerSecond: Math.round(rebuild.written / seconds) };
  } finally {
    demo?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** benchRebuild at each size, in one in-memory DynamoDB Local. */
export async function benchRebuilds(sizes: number[]) {
  const local = await startDynamoDbLocal();
  try {
    const out = [];
    for (const size of sizes) out.push(await benchRebuild(local.endpoint, size));
    return out;
  } finally {
    await local.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchSite();
  const { 'site: gzip bytes per page type (nl unless noted)': weight, ...rest } = figures;
  console.log('\nResident site: bytes per page type');
  console.table(weight);
  for (const [name, value] of Object.entries(rest)) console.log(`${name.padEnd(56)} ${value}`);
}

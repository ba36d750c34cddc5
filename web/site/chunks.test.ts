import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { keys } from '../../shared/db/keys.js';
import { LOCALES } from '../../shared/i18n/index.js';
import { getRenderRun } from '../../shared/repositories/render-runs.js';
import { createDb } from '../../shared/db/client.js';
import { createTestDb } from '../../test/db.js';
import { seedOrganisation } from '../../test/fixtures.js';
import { allPages } from './affected.js';
import { planChunks, renderChunk, type ChunkMessage } from './chunks.js';
import { fanOut } from './fanout.js';
import { fileOf, paths } from './paths.js';
import { FAN_OUT_ABOVE, publishRecords } from './publish.js';
import { createSiteReads } from './reads.js';
import { rebuildSite } from './rebuild.js';
import { recordOf, seedSite, siteDeps } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let site: Awaited<ReturnType<typeof seedSite>>;
const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-chunks-'));
  folders.push(dir);
  return dir;
};
/** What the render queue received (on AWS: SQS, shared/adapters/chunk-queue-sqs.ts). */
const queued: ChunkMessage[] = [];
const queue = { send: async (messages: ChunkMessage[]) => void queued.push(...messages) };

beforeAll(async () => {
  db = await createTestDb();
  site = await seedSite(db);
});
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('chunks of a whole-site render', () => {
  it('cover every page once, keep a listing\'s languages and a region\'s pages together, and stay near the size asked', async () => {
    const all = await allPages(createSiteReads(db, { reachKm: 40 }));
    const chunks = planChunks(all, 40);
    expect(chunks.flat().sort()).toEqual([...new Set(all)].sort());
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(80);
    const chunkOf = (path: string) => chunks.findIndex((c) => c.includes(path));
    expect(new Set(LOCALES.map((l) => chunkOf(paths.listing(l, site.job.id)))).size).toBe(1);
    expect(new Set(LOCALES.map((l) => chunkOf(paths.region(l, 'zuid'))))).toEqual(new Set(LOCALES.map((l) => chunkOf(paths.partners(l, 'zuid')))));
  });

  it('reads only the organisations its listings name, in one batch, and none of the others', async () => {
    const others = await Promise.all(['Bakkerij Noord', 'Garage Oost', 'Stichting West'].map((name) => seedOrganisation(db, { name })));
    // A client of its own on the same table, recording what each call asks for.
    const counted = createDb({ tableName: db.tableName, endpoint: db.endpoint, cursorSecret: 'test-cursor-secret-0123456789' });
    const calls: { name: string; input: string }[] = [];
    counted.doc.middlewareStack.add(
      (next, context) => (args) => {
        calls.push({ name: String(context.commandName), input: JSON.stringify(args.input) });
        return next(args);
      },
      { step: 'initialize', name: 'countReads' },
    );
    const chunk = [site.job, site.volunteering].flatMap((l) => LOCALES.map((locale) => paths.listing(locale, l.id)));
    const store = new FsSiteStore(folder());
    const result = await renderChunk({ ...siteDeps(counted), store }, chunk);
    counted.doc.destroy();
    expect(result).toMatchObject({ written: chunk.length, failed: 0 });

    const orgKeys = calls.flatMap((c) => [...c.input.matchAll(/"pk":"ORG#([^"]+)","sk":"ORG"/g)].map((m) => m[1]));
    expect(orgKeys.sort()).toEqual([site.employer.id, site.partner.id].sort());
    const orgCalls = calls.filter((c) => c.input.includes('"ORG#')).map((c) => c.name);
    expect(orgCalls).toHaveLength(1);
    expect(orgCalls[0]).toMatch(/^BatchGet/);
    // Not the index of every organisation.
    expect(calls.filter((c) => c.input.includes('"ORGS"'))).toEqual([]);
    for (const other of others) expect(calls.some((c) => c.input.includes(other.id))).toBe(false);
    // The pages show what was read.
    const page = new TextDecoder().decode(await store.get(fileOf(paths.listing('nl', site.job.id))));
    expect(page).toContain(site.employer.name);
  });

  it('a re-render of an unchanged site writes nothing', async () => {
    const store = new FsSiteStore(folder());
    const first = await rebuildSite({ ...siteDeps(db), store });
    expect(first.failed).toEqual([]);
    expect(first.written).toBeGreaterThan(100);
    const second = await rebuildSite({ ...siteDeps(db), store });
    expect(second).toMatchObject({ written: 0, deleted: 0, failed: [] });
    expect(second.unchanged).toBe(first.written + first.unchanged);
  });

  it('fans a region change out to the render queue in chunks with a run counter, instead of rendering it in the publisher', async () => {
    const store = new FsSiteStore(folder());
    queued.length = 0;
    const record = await recordOf(db, keys.region('zuid'));
    const result = await publishRecords({ ...siteDeps(db), store, fanOut: (p, reason) => fanOut({ db, queue }, p, reason), fanOutAbove: 100 }, [record]);
    expect(result.batchItemFailures).toEqual([]);
    expect(await store.list()).toEqual([]);
    const pages = queued.flatMap((m) => m.paths);
    expect(pages.length).toBeGreaterThan(100);
    expect(FAN_OUT_ABOVE).toBeGreaterThan(100);
    expect(pages).toContain(paths.listing('ti', site.job.id));
    const runId = queued[0]!.runId;
    expect(queued.map((m) => [m.runId, m.index])).toEqual(queued.map((_, i) => [runId, i]));
    expect(await getRenderRun(db, runId)).toMatchObject({ chunks: queued.length, pages: pages.length, written: 0, done: new Set() });
  });

  it('fails the records when the render queue cannot be reached, so the stream retries them', async () => {
    const record = await recordOf(db, keys.region('zuid'));
    const result = await publishRecords({ ...siteDeps(db), store: new FsSiteStore(folder()), fanOut: async () => Promise.reject(new Error('queue away')), fanOutAbove: 100 }, [record]);
    expect(result.batchItemFailures).toHaveLength(1);
  });
});

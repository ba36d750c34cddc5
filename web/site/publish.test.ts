import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { S3SiteStore } from '../../shared/adapters/site-store-s3.js';
import { keys } from '../../shared/db/keys.js';
import { putLocation } from '../../shared/repositories/directory.js';
import { listingItem } from '../../shared/repositories/listings.js';
import type { SiteFile, SiteStore } from '../../shared/ports/site-store.js';
import { contentOf } from '../../shared/domain/listing.js';
import { changeStatus, createListing, decideChange, updateListing } from '../../shared/services/listings.js';
import { LOCALES } from '../../shared/i18n/index.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, employerOf, vacancy, visit } from '../../test/fixtures.js';
import { createSiteApp } from './app.js';
import { fileOf, paths } from './paths.js';
import { publishRecords, type PublishDeps } from './publish.js';
import { createSiteReads } from './reads.js';
import { rebuildSite } from './rebuild.js';
import { itemOf, recordOf, seedSite, setSeatsTaken, siteDeps } from './testing.js';
import { ETHIOPIC_CHOOSER_FONT_PATH, ETHIOPIC_FONT_PATH } from '../ui/site-style.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let data: Awaited<ReturnType<typeof seedSite>>;
const folders: string[] = [];
const desk = deskOf('zuid');

beforeAll(async () => {
  db = await createTestDb();
  data = await seedSite(db);
});
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-publish-'));
  folders.push(dir);
  return new FsSiteStore(dir);
}
const deps = (store: SiteStore): PublishDeps => ({ ...siteDeps(db), store });
const text = async (store: SiteStore, path: string) => {
  const bytes = await store.get(fileOf(path));
  return bytes && new TextDecoder().decode(bytes);
};
const listingKey = (id: string) => keys.listing(id);

async function publishNew(title: string, o: Parameters<typeof vacancy>[1] = {}) {
  const l = await createListing(db, desk, vacancy(data.employer.id, { title, ...o }), clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  const before = await itemOf(db, listingKey(l.id));
  const published = await changeStatus(db, desk, l.id, 2, 'approve', { clock });
  return { listing: published, record: await recordOf(db, listingKey(l.id), before) };
}

describe('publishing from stream records', () => {
  it('writes a newly published listing in every language and adds it to its region, group, nearby locations, feeds and sitemap', async () => {
    const store = freshStore();
    const { listing, record } = await publishNew('Magazijnmedewerker Tegelen', { workplace: { city: 'Tegelen', lat: 51.34, lon: 6.14 } });
    const result = await publishRecords(deps(store), [record]);
    expect(result.batchItemFailures).toEqual([]);
    for (const l of LOCALES) expect(await text(store, paths.listing(l, listing.id))).toContain('Magazijnmedewerker Tegelen');
    for (const path of [paths.region('ar', 'zuid'), paths.group('ti', 'zuid', 'jobs'), paths.location('nl', 'venlo'), paths.poster('so', 'venlo'), paths.regionFeed('zuid'), paths.locationFeed('venlo'), paths.sitemap()]) {
      expect(await text(store, path), path).toContain(path === paths.sitemap() ? listing.id : 'Magazijnmedewerker Tegelen');
    }
    // Assen is far away: its pages are not touched.
    expect(await text(store, paths.location('nl', 'assen'))).toBeUndefined();
    expect(result.paths).toContain(paths.listing('kmr', listing.id));
    expect(result.keys).toContain(`kmr/listings/${listing.id}/index.html`);
    // The script the pages name is there too (the stylesheet is inline).
    const script = /src="(\/assets\/filter\.[a-f0-9]+\.js)"/.exec((await text(store, paths.location('nl', 'venlo')))!)![1]!;
    expect(await text(store, script)).toContain('form.filters');
  });

  it('takes a listing that is no longer published off the lists and feeds, and says so on its page (noindex)', async () => {
    const store = freshStore();
    const { listing, record } = await publishNew('Schoonmaker Venlo-Oost');
    await publishRecords(deps(store), [record]);
    expect(await text(store, paths.region('nl', 'zuid'))).toContain('Schoonmaker Venlo-Oost');

    const before = await itemOf(db, listingKey(listing.id));
    await changeStatus(db, desk, listing.id, listing.version, 'close', { clock });
    const result = await publishRecords(deps(store), [await recordOf(db, listingKey(listing.id), before)]);
    expect(result.batchItemFailures).toEqual([]);
    for (const path of [paths.region('nl', 'zuid'), paths.group('en', 'zuid', 'jobs'), paths.location('fa', 'venlo'), paths.poster('nl', 'venlo'), paths.regionFeed('zuid'), paths.locationFeed('venlo')]) {
      expect(await text(store, path), path).not.toContain('Schoonmaker Venlo-Oost');
    }
    expect(await text(store, paths.sitemap())).not.toContain(listing.id);
    const page = await text(store, paths.listing('ar', listing.id));
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(page).not.toContain('Schoonmaker Venlo-Oost');
  });

  it('renders nothing for a draft, and an edit of a published listing updates its pages', async () => {
    const store = freshStore();
    const draft = await createListing(db, desk, vacancy(data.employer.id, { title: 'Alleen een concept' }), clock);
    const none = await publishRecords(deps(store), [await recordOf(db, listingKey(draft.id))]);
    expect(none).toEqual({ batchItemFailures: [], paths: [], keys: [] });
    expect(await store.list()).toEqual([]);

    const { listing } = await publishNew('Kok in de kantine');
    const before = await itemOf(db, listingKey(listing.id));
    const { organisationId: _o, regionId: _r, id: _i, status: _s, version: _v, createdAt: _c, updatedAt: _u, publishedAt: _p, submittedAt: _sa, featured: _f, hidden: _h, ...fields } = listing;
    await updateListing(db, desk, listing.id, listing.version, { ...fields, title: 'Kok in de bedrijfskantine' }, clock);
    await publishRecords(deps(store), [await recordOf(db, listingKey(listing.id), before)]);
    expect(await text(store, paths.listing('nl', listing.id))).toContain('Kok in de bedrijfskantine');
    expect(await text(store, paths.location('nl', 'venlo'))).toContain('Kok in de bedrijfskantine');
  });

  it("keeps the live version while an employer's change waits for the desk, and shows the change once approved", async () => {
    const store = freshStore();
    const { listing, record } = await publishNew('Schoonmaker zwembad');
    await publishRecords(deps(store), [record]);
    const employer = employerOf(data.employer.id);
    const before = await itemOf(db, listingKey(listing.id));
    const waiting = await updateListing(db, employer, listing.id, listing.version, { ...contentOf(listing), title: 'Schoonmaker zwembad en sauna' }, clock);
    expect(waiting.revision?.status).toBe('pending');
    // Nothing residents see changed: no page is written, and the page shows the published title.
    const none = await publishRecords(deps(store), [await recordOf(db, listingKey(listing.id), before)]);
    expect(none.paths).toEqual([]);
    expect(await text(store, paths.listing('nl', listing.id))).toContain('Schoonmaker zwembad');
    expect(await text(store, paths.listing('nl', listing.id))).not.toContain('en sauna');
    // Rendered afresh from the table (a rebuild), it is still the published version.
    const fresh = await createSiteApp(siteDeps(db)).request(paths.listing('en', listing.id));
    expect(await fresh.text()).not.toContain('en sauna');

    const pending = await itemOf(db, listingKey(listing.id));
    await decideChange(db, desk, listing.id, waiting.version, 'approve', { clock });
    const approved = await publishRecords(deps(store), [await recordOf(db, listingKey(listing.id), pending)]);
    expect(approved.paths).toContain(paths.listing('nl', listing.id));
    expect(await text(store, paths.listing('nl', listing.id))).toContain('Schoonmaker zwembad en sauna');
    expect(await text(store, paths.location('nl', 'venlo'))).toContain('Schoonmaker zwembad en sauna');
  });

  it('is idempotent: the same records twice give the same files', async () => {
    const store = freshStore();
    const { record } = await publishNew('Tuinman Blerick');
    await publishRecords(deps(store), [record]);
    const first = new Map(await Promise.all((await store.list()).map(async (k) => [k, await text(store, `/${k}`)] as const)));
    await publishRecords(deps(store), [record, record]);
    const keysAfter = await store.list();
    expect(keysAfter.sort()).toEqual([...first.keys()].sort());
    for (const key of keysAfter) expect(await text(store, `/${key}`), key).toBe(first.get(key));
  });

  it('reports a record whose pages fail for retry without holding back the others', async () => {
    const a = await publishNew('Kassamedewerker Venlo');
    const b = await publishNew('Bakker Venlo');
    const inner = freshStore();
    // A store that refuses listing A's Tigrinya page, as an S3 outage of one key would.
    const store: SiteStore = {
      ...inner,
      get: (k) => inner.get(k),
      list: (p) => inner.list(p),
      delete: (k) => inner.delete(k),
      put: async (f: SiteFile) => {
        if (f.key === fileOf(paths.listing('ti', a.listing.id))) throw new Error('bucket unavailable');
        return inner.put(f);
      },
    };
    const garbled = { ...b.record, dynamodb: { ...b.record.dynamodb, SequenceNumber: '1', NewImage: { pk: { S: `LISTING#${b.listing.id}` }, title: { N: '1' } } } };
    const logged: string[] = [];
    const result = await publishRecords({ ...deps(store), log: (m) => logged.push(m) }, [a.record, garbled, b.record]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['1', a.record.dynamodb!.SequenceNumber!].sort());
    expect(await text(store, paths.listing('ti', b.listing.id))).toContain('Bakker Venlo');
    expect(await text(store, paths.listing('nl', a.listing.id))).toContain('Kassamedewerker Venlo');
    expect(logged).toEqual(expect.arrayContaining(['stream record not understood', `page not published: ${paths.listing('ti', a.listing.id)}`]));
  });

  it('updates seats left when the sign-up counter changes', async () => {
    const store = freshStore();
    const v = await createListing(db, desk, visit(data.employer.id, { title: 'Open dag kwekerij', seats: 12 }), clock);
    await changeStatus(db, desk, v.id, 1, 'submit', { clock });
    await changeStatus(db, desk, v.id, 2, 'approve', { clock });
    await setSeatsTaken(db, v.id, 12);
    const result = await publishRecords(deps(store), [await recordOf(db, keys.visitSeats(v.id))]);
    expect(result.paths).toEqual(expect.arrayContaining([paths.listing('nl', v.id), paths.group('nl', 'zuid', 'visits'), paths.regionCalendar('zuid')]));
    expect(await text(store, paths.listing('en', v.id))).toContain('<strong>Full</strong>');
  });

  it('trusts the table over a lagging index: a listing closed a moment ago does not come back', async () => {
    const { listing } = await publishNew('Chauffeur (index loopt achter)');
    const closed = await changeStatus(db, desk, listing.id, listing.version, 'close', { clock });
    // The item as an index that has not caught up would still show it: published keys on a closed listing.
    const stale = { ...listingItem({ ...closed, status: 'published' }), status: 'closed' };
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: stale }));
    const page = async (changed: string[]) => (await createSiteApp({ ...siteDeps(db), reads: createSiteReads(db, { reachKm: 40, changed }) }).request(paths.region('nl', 'zuid'))).text();
    expect(await page([])).toContain('Chauffeur (index loopt achter)');
    expect(await page([listing.id])).not.toContain('Chauffeur (index loopt achter)');
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: listingItem(closed) }));
  });
});

describe('publishing to S3', () => {
  it('writes the same pages into the bucket (s3rver on a loopback port)', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'opweg-s3-'));
    folders.push(directory);
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'site' }] });
    const { port } = await s3.run();
    const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, region: 'eu-west-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      const store = new S3SiteStore('site', client);
      const { listing, record } = await publishNew('Heftruckchauffeur in de emmer');
      const result = await publishRecords(deps(store), [record]);
      expect(result.batchItemFailures).toEqual([]);
      expect(await text(store, paths.listing('ti', listing.id))).toContain('Heftruckchauffeur in de emmer');
      expect(await text(store, paths.regionFeed('zuid'))).toContain('Heftruckchauffeur in de emmer');
    } finally {
      client.destroy();
      await s3.close();
    }
  });
});

describe('rebuilding the whole site', () => {
  it('renders every page, re-renders what is stored, and removes pages of what is gone', async () => {
    const store = freshStore();
    await store.put({ key: 'nl/locations/weg/index.html', body: 'old', contentType: 'text/html' });
    await putLocation(db, { id: 'roermond', regionId: 'zuid', name: 'Roermond', municipality: 'Roermond', province: 'Limburg', lat: 51.19, lon: 5.99 });
    const progress: number[] = [];
    const result = await rebuildSite(deps(store), { onStart: (n) => progress.push(n), onDone: () => progress.push(-1) });
    expect(result.failed).toEqual([]);
    expect(progress.filter((p) => p === -1)).toHaveLength(progress[0]!);
    expect(result.deleted).toBe(1);
    expect(await text(store, '/nl/locations/weg/')).toBeUndefined();
    expect(await text(store, paths.languages())).toContain('ትግርኛ');
    expect(await text(store, paths.location('ckb', 'roermond'))).toContain('dir="rtl"');
    expect(await text(store, paths.listing('nl', data.job.id))).toContain(data.job.title);
    expect(await text(store, paths.robots())).toContain('Sitemap:');
    expect((await store.get(ETHIOPIC_FONT_PATH.slice(1)))?.length).toBeGreaterThan(10_000);
    // The other pages' few Tigrinya words: a font of just their characters.
    expect((await store.get(ETHIOPIC_CHOOSER_FONT_PATH.slice(1)))?.length).toBeLessThan(4_000);
  });
});

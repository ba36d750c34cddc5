import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { keys } from '../../shared/db/keys.js';
import { LOCALES } from '../../shared/i18n/index.js';
import type { SiteFile, SiteStore } from '../../shared/ports/site-store.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, vacancy } from '../../test/fixtures.js';
import { fileOf, paths } from './paths.js';
import { createRepairer, type RepairDeps, type StreamBatchFailure } from './repair.js';
import { createStreamsClient } from './stream.js';
import { deadLetterFor, isAbout, seedSite, siteDeps } from './testing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let data: Awaited<ReturnType<typeof seedSite>>;
let localStreams: ReturnType<typeof createStreamsClient>;
const folders: string[] = [];
const desk = deskOf('zuid');

beforeAll(async () => {
  db = await createTestDb();
  localStreams = createStreamsClient({ endpoint: db.endpoint });
  data = await seedSite(db);
});
afterAll(() => {
  localStreams?.destroy();
  folders.forEach((f) => rmSync(f, { recursive: true, force: true }));
});

function freshStore() {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-repair-'));
  folders.push(dir);
  return new FsSiteStore(dir);
}
const text = async (store: SiteStore, path: string) => {
  const bytes = await store.get(fileOf(path));
  return bytes && new TextDecoder().decode(bytes);
};

/** A repairer as the Lambda makes one, on DynamoDB Local's stream, noting what it logs. */
function repairer(store: SiteStore) {
  const logged: { message: string; detail: Record<string, unknown> }[] = [];
  const warned: { message: string; detail: Record<string, unknown> }[] = [];
  const deps: RepairDeps = {
    ...siteDeps(db),
    store,
    streams: localStreams,
    log: (message, detail) => logged.push({ message, detail }),
    warn: (message, detail) => warned.push({ message, detail }),
  };
  return { repair: createRepairer(deps), logged, warned };
}

/** A listing published through the use cases: its records are in the table's stream. */
async function publishNew(title: string) {
  const l = await createListing(db, desk, vacancy(data.employer.id, { title }), clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  return changeStatus(db, desk, l.id, 2, 'approve', { clock });
}

const withBatch = (f: StreamBatchFailure, change: Partial<StreamBatchFailure['DDBStreamBatchInfo']>): string =>
  JSON.stringify({ ...f, DDBStreamBatchInfo: { ...f.DDBStreamBatchInfo, ...change } });

describe('repairing a stream batch the publisher gave up on', () => {
  it('reads the batch again from the stream and publishes the pages it touches', async () => {
    const listing = await publishNew('Magazijnmedewerker Venlo (hersteld)');
    const letter = await deadLetterFor(db, isAbout(keys.listing(listing.id)));
    // Created, submitted, approved: three changes of the listing, with other items' records between them.
    expect(letter.failure.DDBStreamBatchInfo.batchSize).toBe(3);
    expect(letter.records.length).toBeGreaterThan(3);

    const store = freshStore();
    const { repair, logged, warned } = repairer(store);
    const result = await repair([{ id: 'message-1', body: letter.body }]);
    expect(result).toMatchObject({ batchItemFailures: [], rebuilt: false, replayed: letter.records.length });
    for (const l of LOCALES) expect(await text(store, paths.listing(l, listing.id)), l).toContain('Magazijnmedewerker Venlo (hersteld)');
    for (const path of [paths.region('nl', 'zuid'), paths.location('ar', 'venlo'), paths.regionFeed('zuid')]) {
      expect(await text(store, path), path).toContain('Magazijnmedewerker Venlo (hersteld)');
    }
    expect(result.keys).toContain(`nl/listings/${listing.id}/index.html`);
    // Only the pages the batch touches: a far-away location's are not written.
    expect(await text(store, paths.location('nl', 'assen'))).toBeUndefined();
    expect([...logged, ...warned]).toEqual([]);

    // Again (SQS delivers at least once): the same files.
    const again = await repair([{ id: 'message-1', body: letter.body }]);
    expect(again.batchItemFailures).toEqual([]);
    expect(again.keys).toEqual(result.keys);
  });

  it('renders the whole site again, once, when the stream no longer holds the batches', async () => {
    const listing = await publishNew('Schoonmaker Tegelen (na de storing)');
    const letter = await deadLetterFor(db, isAbout(keys.listing(listing.id)));
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // A shard trimmed away after 24 hours (ResourceNotFoundException), and a position before
    // the shard's first record (DynamoDB Local: ValidationException; AWS: TrimmedDataAccessException).
    const shardGone = withBatch(letter.failure, { shardId: 'shardId-00000001573689847184-864758bb', approximateArrivalOfLastRecord: anHourAgo });
    const trimmed = withBatch(letter.failure, { startSequenceNumber: '0'.repeat(21), endSequenceNumber: '0'.repeat(21), approximateArrivalOfLastRecord: anHourAgo });

    const store = freshStore();
    await store.put({ key: 'nl/locations/weg/index.html', body: 'a location that is gone', contentType: 'text/html' });
    const { repair, logged, warned } = repairer(store);
    const result = await repair([
      { id: 'shard-gone', body: shardGone },
      { id: 'trimmed', body: trimmed },
    ]);
    expect(result).toMatchObject({ batchItemFailures: [], rebuilt: true, replayed: 0 });
    expect(logged).toEqual([]);
    expect(warned.map((w) => w.message)).toEqual(['stream batches no longer in the stream: rendering the whole site again', 'whole site rendered again']);
    expect(warned[0]!.detail).toMatchObject({ messageIds: ['shard-gone', 'trimmed'] });
    expect(String(warned[0]!.detail.errors)).toMatch(/ResourceNotFoundException/);
    expect(String(warned[0]!.detail.errors)).toMatch(/ValidationException/);

    // The new listing, the other listings, and no page of what is gone.
    for (const l of LOCALES) expect(await text(store, paths.listing(l, listing.id)), l).toContain('Schoonmaker Tegelen (na de storing)');
    expect(await text(store, paths.listing('nl', data.job.id))).toContain(data.job.title);
    expect(await text(store, paths.location('nl', 'assen'))).toBeDefined();
    expect(await text(store, '/nl/locations/weg/')).toBeUndefined();

    // A later dead letter of changes made before that rebuild started costs no second one.
    const later = await repair([{ id: 'shard-gone-again', body: shardGone }]);
    expect(later).toMatchObject({ batchItemFailures: [], rebuilt: false });
  });

  it('reports the messages it could not repair, for SQS to deliver again, and repairs the others', async () => {
    const refused = await publishNew('Kassamedewerker Venlo (weigert)');
    const fine = await publishNew('Bakker Venlo (lukt)');
    const [refusedLetter, fineLetter] = await Promise.all([deadLetterFor(db, isAbout(keys.listing(refused.id))), deadLetterFor(db, isAbout(keys.listing(fine.id)))]);
    const inner = freshStore();
    // A bucket that refuses one listing's Tigrinya page, as an S3 outage of one key would.
    const store: SiteStore = {
      get: (k) => inner.get(k),
      list: (p) => inner.list(p),
      delete: (k) => inner.delete(k),
      put: async (f: SiteFile) => {
        if (f.key === fileOf(paths.listing('ti', refused.id))) throw new Error('bucket unavailable');
        return inner.put(f);
      },
    };
    const { repair, logged } = repairer(store);
    const result = await repair([
      { id: 'not-json', body: 'this is not a failure record' },
      { id: 'other-shape', body: JSON.stringify({ Records: [] }) },
      { id: 'refused', body: refusedLetter.body },
      { id: 'fine', body: fineLetter.body },
    ]);
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['not-json', 'other-shape', 'refused']);
    expect(result.rebuilt).toBe(false);
    expect(await text(store, paths.listing('ti', fine.id))).toContain('Bakker Venlo (lukt)');
    expect(await text(store, paths.listing('nl', refused.id))).toContain('Kassamedewerker Venlo (weigert)');
    expect(logged.map((l) => [l.message, l.detail.messageId ?? l.detail.record])).toEqual(
      expect.arrayContaining([
        ['dead letter is not a stream batch failure record', 'not-json'],
        ['dead letter is not a stream batch failure record', 'other-shape'],
        ['stream batch not published again', 'refused'],
      ]),
    );
  });
});

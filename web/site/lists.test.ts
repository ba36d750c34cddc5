import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { keys } from '../../shared/db/keys.js';
import type { Listing } from '../../shared/domain/listing.js';
import { listingItem } from '../../shared/repositories/listings.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { allPages } from './affected.js';
import { fileOf, paths } from './paths.js';
import { publishRecords } from './publish.js';
import { createSiteReads, LIST_LIMIT } from './reads.js';
import { itemOf, recordOf, siteDeps } from './testing.js';

/**
 * Lists are capped at their newest LIST_LIMIT, so that publishing one change reads about the
 * same, whether the table holds a hundred listings or a hundred thousand.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let employerId: string;
let template: Listing;
const dirs: string[] = [];
const desk = deskOf('zuid');

/** Published jobs near Venlo, written straight as items (as an import would): `count` of them, each a minute older. */
async function addPublished(count: number, startMinute: number) {
  const items = Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + (startMinute + i) * 60_000).toISOString();
    return listingItem({ ...template, id: ulid(), title: `Oudere vacature ${startMinute + i}`, publishedAt: at, createdAt: at, updatedAt: at });
  });
  for (let i = 0; i < items.length; i += 25) {
    await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

async function publishNew(title: string) {
  const l = await createListing(db, desk, vacancy(employerId, { title }), clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  const before = await itemOf(db, keys.listing(l.id));
  const published = await changeStatus(db, desk, l.id, 2, 'approve', { clock });
  return { listing: published, record: await recordOf(db, keys.listing(l.id), before) };
}

/** Publishes one new listing; returns the items its reads returned (Query, Get and BatchGet). */
async function itemsReadPublishing(title: string) {
  const { listing, record } = await publishNew(title);
  let items = 0;
  const counted = { ...db, doc: Object.create(db.doc) as typeof db.doc };
  counted.doc.send = (async (command: Parameters<typeof db.doc.send>[0]) => {
    const out = (await db.doc.send(command as never)) as { Count?: number; Item?: unknown; Responses?: Record<string, unknown[]> };
    items += out.Count ?? (out.Item ? 1 : 0) + Object.values(out.Responses ?? {}).reduce((n, r) => n + r.length, 0);
    return out;
  }) as typeof db.doc.send;
  const dir = mkdtempSync(join(tmpdir(), 'opweg-lists-'));
  dirs.push(dir);
  const result = await publishRecords({ ...siteDeps(counted), store: new FsSiteStore(dir) }, [record]);
  expect(result.batchItemFailures).toEqual([]);
  return { items, listing, store: new FsSiteStore(dir) };
}

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  employerId = (await seedOrganisation(db)).id;
  template = (await publishNew('Voorbeeld')).listing;
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('capped lists', () => {
  it('shows the newest LIST_LIMIT on region, group and location pages, says there are more, and still renders every listing page on a rebuild', async () => {
    await addPublished(LIST_LIMIT + 20, 0);
    const { listing, store } = await itemsReadPublishing('Nieuwste vacature Venlo');
    const html = async (path: string) => new TextDecoder().decode((await store.get(fileOf(path)))!);
    for (const path of [paths.region('nl', 'zuid'), paths.group('nl', 'zuid', 'jobs'), paths.location('nl', 'venlo')]) {
      const page = await html(path);
      expect(page, path).toContain('Nieuwste vacature Venlo');
      // The new one, the first one (both published today) and the 48 newest of the older ones.
      expect(page.match(/Oudere vacature \d+/g)?.length, path).toBe(LIST_LIMIT - 2);
      expect(page, path).toContain(`Dit zijn de ${LIST_LIMIT} nieuwste`);
    }
    // The oldest are cut; the jobs tile says "50+".
    expect(await html(paths.region('nl', 'zuid'))).not.toContain('Oudere vacature 0<');
    expect(await html(paths.region('nl', 'zuid'))).toMatch(new RegExp(`${LIST_LIMIT}\\s*\\+`));
    // Feeds carry the same newest LIST_LIMIT.
    expect((await html(paths.regionFeed('zuid'))).match(/<entry[ >]/g)?.length).toBe(LIST_LIMIT);
    // A rebuild still gives every visible listing its own page.
    const all = await allPages(createSiteReads(db, { reachKm: 40, clock }));
    expect(all.filter((p) => p.startsWith('/nl/listings/')).length).toBe(LIST_LIMIT + 20 + 2);
    expect(all).toContain(paths.listing('nl', listing.id));
  });

  it('reads about the same to publish one change with four times as many listings (flat)', async () => {
    // More than a list shows, then four times that.
    await addPublished(LIST_LIMIT + 20, 20_000);
    const before = await itemsReadPublishing('Vacature bij weinig listings');
    await addPublished(3 * (LIST_LIMIT + 20), 10_000);
    const after = await itemsReadPublishing('Vacature bij veel listings');
    // Equal up to the two new listings themselves; not 4× (which reading whole regions gave).
    expect(after.items).toBeLessThanOrEqual(before.items + 10);
    expect(before.items).toBeGreaterThan(LIST_LIMIT);
  });
});

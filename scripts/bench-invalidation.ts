import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { keys } from '../shared/db/keys.js';
import { SCHEDULED_KINDS } from '../shared/domain/listing.js';
import { allPublishedInRegion } from '../shared/repositories/listings.js';
import { getDirectory } from '../shared/repositories/directory.js';
import { publishRecords } from '../web/site/publish.js';
import { itemOf, recordOf, setSeatsTaken } from '../web/site/testing.js';
import { seedDemoTable } from './bench-demo.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

/** CloudFront's list price: the first 1,000 invalidation paths a month are free, then $0.005 each. */
export const INVALIDATION = { freePathsPerMonth: 1_000, dollarsPerPath: 0.005 } as const;
/** The model: 20 visible listing changes and 20 seat changes a day. */
export const CHANGES_PER_DAY = { listing: 20, seats: 20 } as const;

/** Paths invalidated by one change: none. Pages carry max-age=60 (shared/ports/site-store.ts); functions/ never invalidates. */
export const INVALIDATION_PATHS_PER_CHANGE = 0;

export const monthlyInvalidationCost = (pathsPerMonth: number) => Math.max(0, pathsPerMonth - INVALIDATION.freePathsPerMonth) * INVALIDATION.dollarsPerPath;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Pages a visible listing change and a seat change make the publisher write (what path-by-path
 * invalidation would have sent to CloudFront), on the demo data in DynamoDB Local; beside the
 * paths really invalidated (none) and the monthly cost of both at CHANGES_PER_DAY.
 */
export async function benchInvalidation(): Promise<[string, string | number][]> {
  const local = await startDynamoDbLocal();
  const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-invalidation-'));
  let demo: Awaited<ReturnType<typeof seedDemoTable>> | undefined;
  try {
    demo = await seedDemoTable(local.endpoint, 'bench-invalidation', { PUBLIC_ORIGIN: 'https://opweg.example.org' });
    const { db, config } = demo;
    const store = new FsSiteStore(dir);
    const deps = { db, config, store };
    await publishRecords(deps, []);
    const { regions } = await getDirectory(db);
    const listings = (await Promise.all(regions.map((r) => allPublishedInRegion(db, r.id)))).flat();
    const listingPages: number[] = [];
    const seatPages: number[] = [];
    for (const l of listings) {
      // A visible change: the employer's title gets a word longer (as an approved edit would).
      const item = await itemOf(db, keys.listing(l.id));
      await db.doc.send(new UpdateCommand({ TableName: db.tableName, Key: keys.listing(l.id), UpdateExpression: 'SET title = :t', ExpressionAttributeValues: { ':t': `${String(item?.title)} (nieuw)` } }));
      listingPages.push((await publishRecords(deps, [await recordOf(db, keys.listing(l.id), item)])).paths.length);
      if (SCHEDULED_KINDS.includes(l.kind)) {
        // A resident takes a seat: the visit's SEATS counter changes.
        const before = await itemOf(db, keys.visitSeats(l.id));
        await setSeatsTaken(db, l.id, Number(before?.taken ?? 0) + 1);
        seatPages.push((await publishRecords(deps, [await recordOf(db, keys.visitSeats(l.id), before)])).paths.length);
      }
    }
    const perMonth = (perListing: number, perSeat: number) => (CHANGES_PER_DAY.listing * perListing + CHANGES_PER_DAY.seats * perSeat) * 30;
    const byPath = perMonth(median(listingPages), median(seatPages));
    const now = perMonth(INVALIDATION_PATHS_PER_CHANGE, INVALIDATION_PATHS_PER_CHANGE);
    const range = (xs: number[]) => `median ${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)}), ${xs.length} changes`;
    return [
      ['invalidation: pages a visible listing change rewrites (demo data)', range(listingPages)],
      ['invalidation: pages a seat change rewrites', seatPages.length ? range(seatPages) : 'no visits in the demo data'],
      ['invalidation: paths invalidated per listing change / per seat change', `${INVALIDATION_PATHS_PER_CHANGE} / ${INVALIDATION_PATHS_PER_CHANGE} (pages max-age=60; CloudFront refetches within a minute)`],
      [
        `invalidation: monthly cost at ${CHANGES_PER_DAY.listing} listing + ${CHANGES_PER_DAY.seats} seat changes a day (target ≤ $5)`,
        `$${monthlyInvalidationCost(now).toFixed(2)} (${now} paths); path by path it would be $${monthlyInvalidationCost(byPath).toFixed(2)} (${byPath.toLocaleString('en')} paths)`,
      ],
    ];
  } finally {
    demo?.close();
    await local.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [name, value] of await benchInvalidation()) console.log(`${name}: ${value}`);
  process.exit(0);
}

import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { Db } from '../shared/db/client.js';
import type { Listing } from '../shared/domain/listing.js';
import { getDirectory } from '../shared/repositories/directory.js';
import { listingItem } from '../shared/repositories/listings.js';
import { listOrganisations } from '../shared/repositories/organisations.js';

/**
 * Seeding stops here and the bench goes on with what was written (and says so). DynamoDB Local
 * writes about 500-1,000 listing items a second on a 2-core machine: 100,000 take 2-4 minutes.
 */
export const SEED_BUDGET_MS = 420_000;

/**
 * `count` more listings written straight as items (BatchWriteItem, 25 a call, in parallel),
 * like a few years of history: 1 % pending, 5 % published, the rest closed or expired,
 * spread over the demo employers and their regions' locations (`allPublished`: every one
 * published, for a site rebuild). Stops at the time budget.
 */
export async function seedListings(db: Db, count: number, template: Listing, o: { allPublished?: boolean } = {}): Promise<{ written: number; ms: number }> {
  const started = performance.now();
  const employers = (await listOrganisations(db)).filter((o) => o.kind === 'employer');
  const { locations } = await getDirectory(db);
  const day = 86_400_000;
  const make = (i: number): Listing => {
    const org = employers[i % employers.length]!;
    const regionId = org.regionIds[i % org.regionIds.length]!;
    const inRegion = locations.filter((l) => l.regionId === regionId);
    const place = inRegion[i % inRegion.length] ?? inRegion[0]!;
    const createdAt = new Date(Date.now() - ((count - i) / count) * 3 * 365 * day).toISOString();
    const slot = i % 100;
    const status: Listing['status'] = o.allPublished ? 'published' : slot === 0 ? 'pending' : slot <= 5 ? 'published' : slot % 2 ? 'closed' : 'expired';
    return {
      ...template,
      id: ulid(),
      title: `${template.title} ${i}`,
      organisationId: org.id,
      regionId,
      workplace: { city: place.name, lat: place.lat + ((i % 7) - 3) * 0.01, lon: place.lon + ((i % 5) - 2) * 0.01 },
      status,
      featured: false,
      hidden: false,
      version: 1,
      createdAt,
      updatedAt: createdAt,
      submittedAt: status === 'pending' ? createdAt : undefined,
      publishedAt: status === 'published' ? createdAt : undefined,
      rejectionReason: undefined,
    };
  };
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < count && performance.now() - started < SEED_BUDGET_MS) {
      const from = next;
      const to = Math.min(count, from + 25);
      next = to;
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [db.tableName]: Array.from({ length: to - from }, (_, k) => ({ PutRequest: { Item: listingItem(make(from + k)) } })),
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.min(1000, 50 * 2 ** attempt)));
        const out = await db.doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = out.UnprocessedItems as typeof request;
      }
      written += to - from;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { written, ms: performance.now() - started };
}

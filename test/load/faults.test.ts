import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { ensureTable } from '../../shared/db/bootstrap.js';
import { createDb } from '../../shared/db/client.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { getListing } from '../../shared/repositories/listings.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { startLocalPublisher } from '../../web/site/local-publisher.js';
import { fileOf, paths } from '../../web/site/paths.js';
import type { StreamFollower } from '../../web/site/stream.js';
import { signedIn, type PortalClient } from '../../web/portal/testing.js';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/dynamodb-local.js';
import { clock, NOW, seedDirectory, seedOrganisation } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * DynamoDB goes away for ~10 s in the middle of a steady trickle of portal writes. Its own
 * DynamoDB Local (on disk in a temp folder, a free port), so the run's shared one is untouched:
 * stopped, then started again on the same port with the same data.
 */
const OUTAGE_MS = 10_000;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
/** Waits until `done()` holds; the limit only stops a test that would otherwise hang (not a speed check). */
async function until(done: () => boolean, limitMs = 240_000) {
  for (const end = Date.now() + limitMs; !done() && Date.now() < end; ) await sleep(100);
}

let dir: string;
let port: number;
let local: DynamoDbLocal;
let db: ReturnType<typeof createDb> & { endpoint: string };
let server: Awaited<ReturnType<typeof startTestServer>>;
let publisher: StreamFollower;
let siteDir: string;
let org: Organisation;
let employer: PortalClient;
const outbox = new Outbox();
const log: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opweg-fault-db-'));
  siteDir = mkdtempSync(join(tmpdir(), 'opweg-fault-site-'));
  port = await freePort();
  local = await startDynamoDbLocal({ dbPath: dir, port });
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, 'faults');
  client.destroy();
  db = { ...createDb({ tableName: 'faults', endpoint: local.endpoint, cursorSecret: 'test-cursor-secret-0123456789' }), endpoint: local.endpoint };
  await seedDirectory(db);
  // Trusted: a submitted listing is published at once, so each write shows on the site.
  org = await seedOrganisation(db, { trusted: true });
  await putUser(db, { id: ulid(), email: 'werkgever@example.org', name: 'W', createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email: 'werkgever@example.org', organisationId: org.id });
  server = await startTestServer(db, { mail: outbox, clock });
  publisher = await startLocalPublisher({ deps: { db, config: server.config, clock }, store: new FsSiteStore(siteDir), endpoint: local.endpoint, log: (m) => log.push(m) });
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
}, 90_000);

afterAll(async () => {
  await publisher?.stop();
  await server?.close();
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(siteDir, { recursive: true, force: true });
});

const listingForm = (title: string) => ({
  kind: 'job', title, description: 'Oogsten en inpakken van tomaten.', language: 'nl', locationId: 'venlo', openTo: 'permit-holders-and-asylum-seekers',
  dutchLevel: 'A1', hoursPerWeek: '32', wagePerHour: '15.20', startDate: '2026-12-07', closingDate: '2026-12-20', 'workplace.city': 'Venlo',
});

describe('DynamoDB unreachable for a while', () => {
  it('answers 503 "try again" meanwhile, loses no acknowledged write, and the site catches up', async () => {
    const statuses: number[] = [];
    let unavailablePage = '';
    /** What the portal acknowledged (a 303): created listings, and the state each must be in. */
    const acknowledged = new Map<string, 'draft' | 'published' | 'closed'>();
    /** Listings made after DynamoDB came back. */
    const afterwards = new Set<string>();
    const post = async (path: string, form: Record<string, string>) => {
      const res = await employer.post(path, form);
      statuses.push(res.status);
      const body = await res.text();
      if (res.status === 503) unavailablePage = body;
      return res;
    };

    let outage = 'before' as 'before' | 'during' | 'after';
    let stop = false;
    const trickle = (async () => {
      for (let i = 0; !stop; i++) {
        const created = await post(`/portal/org/${org.id}/listings`, listingForm(`Vacature ${i} (${outage})`));
        if (created.status === 303) {
          const id = /listings\/([0-9A-Z]{26})/.exec(created.headers.get('location')!)![1]!;
          acknowledged.set(id, 'draft');
          if (outage === 'after') afterwards.add(id);
          if ((await post(`/portal/listings/${id}/submit`, { version: '1' })).status === 303) acknowledged.set(id, 'published');
          // Every third one closes again: the site must drop it from its lists.
          if (i % 3 === 2 && acknowledged.get(id) === 'published' && (await post(`/portal/listings/${id}/close`, { version: '2' })).status === 303) acknowledged.set(id, 'closed');
        }
        await sleep(100);
      }
    })();

    // Each phase lasts until what it must show has happened, not for a time: on a busy machine
    // writes are slower, not fewer.
    await until(() => acknowledged.size > 3);
    const before = statuses.length;
    await local.stop();
    outage = 'during';
    await sleep(OUTAGE_MS);
    await until(() => statuses.slice(before).includes(503));
    const during = statuses.slice(before);
    local = await startDynamoDbLocal({ dbPath: dir, port });
    outage = 'after';
    await until(() => afterwards.size > 3 && statuses.slice(-5).every((s) => s === 303));
    stop = true;
    await trickle;

    expect(before).toBeGreaterThan(3);
    expect(during.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([303, 503].filter((s) => statuses.includes(s))));
    expect(unavailablePage).toContain('Probeer het over een minuut opnieuw');
    expect(statuses.slice(-5)).toEqual([303, 303, 303, 303, 303]);

    // No acknowledged write is lost.
    const states = new Map<string, string | undefined>();
    for (const id of acknowledged.keys()) states.set(id, (await getListing(db, id, true))?.status);
    expect([...states].filter(([id, status]) => status !== acknowledged.get(id))).toEqual([]);

    // The publisher catches up: the region's page lists exactly the published listings, and every
    // published listing has its page (a batch that failed while DynamoDB was away is tried again
    // for about a minute).
    const region = join(siteDir, fileOf(paths.region('nl', 'zuid')));
    const wrong = () => {
      const list = existsSync(region) ? readFileSync(region, 'utf8') : '';
      return [...states].flatMap(([id, status]) => {
        const page = existsSync(join(siteDir, fileOf(paths.listing('nl', id))));
        const listed = list.includes(paths.listing('nl', id));
        if (status === 'published' && !listed) return [`${id} published: not on the region page`];
        if (status === 'published' && !page) return [`${id} published: no page`];
        if (status !== 'published' && listed) return [`${id} ${status}: listed on the region page`];
        return [];
      });
    };
    await until(() => wrong().length === 0, 180_000);
    expect(wrong(), log.slice(-5).join('\n')).toEqual([]);
    expect(afterwards.size).toBeGreaterThan(3);
  }, 900_000);
});

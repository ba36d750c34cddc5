import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { loadConfig } from '../shared/config/index.js';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb, type Db } from '../shared/db/client.js';
import { keys } from '../shared/db/keys.js';
import { allPublishedInRegion, pendingInRegion } from '../shared/repositories/listings.js';
import { membershipsOfUser } from '../shared/repositories/users.js';
import { SYSTEM } from '../shared/services/actor.js';
import { updateListing } from '../shared/services/listings.js';
import { createApp } from '../web/app.js';
import { createLocalApp } from '../web/local.js';
import { publishRecords } from '../web/site/publish.js';
import { fileOf } from '../web/site/paths.js';
import { ASSETS } from '../web/ui/assets.js';
import { itemOf, recordOf } from '../web/site/testing.js';
import { benchBundles, coldStartLines } from './bench-bundles.js';
import { benchFanOut } from './bench-fanout.js';
import { benchInvalidation } from './bench-invalidation.js';
import { benchLogin } from './bench-login.js';
import { seedListings, SEED_BUDGET_MS } from './bench-listings.js';
import { benchNetwork, NETWORK_TARGETS, SLOW_PHONE } from './bench-network.js';
import { benchRebuilds, benchSite } from './bench-site.js';
import { seedDemo } from './demo/seed.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';

/**
 * `npm run bench [-- --quick] [-- --only=invalidation,fanout,...]`: every speed and size figure in
 * one table, also written to .data/bench.json (not with --only). Figures are printed, never
 * asserted. Sections: dynamodb, bundles, site, rebuild, network, invalidation, fanout, login.
 *  - Lambda bundles (scripts/bench-bundles.ts) and the resident site (scripts/bench-site.ts);
 *  - DynamoDB calls and consumed capacity per portal request and per published listing change,
 *    at a small and a large table (1,000 and 100,000 listings; --quick: 1,000 and 10,000);
 *  - portal requests per second and p99 under autocannon, beside a static file from the same server;
 *  - per resident page type, bytes on the wire and first paint in Chromium on a slow phone
 *    (scripts/bench-network.ts; `--only=network` runs just that, in about seven minutes;
 *    `--pages=home (Tigrinya);listing` just those pages of it).
 */

const QUICK = process.argv.includes('--quick');
/** `--only=a,b`: just those sections (see `section` below), to check one part quickly. */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
/** `--pages=listing;listing (Tigrinya)`: just those pages of the network section (names as it prints them). */
const PAGES = process.argv.find((a) => a.startsWith('--pages='))?.slice('--pages='.length).split(';');
const SIZES = QUICK ? [1_000, 10_000] : [1_000, 100_000];
const LOAD_SECONDS = QUICK ? 2 : 5;
const CONNECTIONS = 10;

type Value = string | number;
const rows: [string, Value][] = [];
const add = (name: string, value: Value) => rows.push([name, value]);

// --- DynamoDB calls and capacity -------------------------------------------------------------

const WITH_CAPACITY = new Set(['GetCommand', 'PutCommand', 'UpdateCommand', 'DeleteCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'BatchWriteCommand', 'TransactWriteCommand', 'TransactGetCommand']);

interface Metered {
  calls: string[];
  units: number;
}

/** Counts every command the client sends and adds up the capacity DynamoDB reports (ReturnConsumedCapacity TOTAL). */
function meter(db: Db): { take(): Metered } {
  let calls: string[] = [];
  let units = 0;
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      if (WITH_CAPACITY.has(name)) (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      calls.push(name.replace(/Command$/, ''));
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) units += c.CapacityUnits ?? 0;
      return out;
    },
    { step: 'serialize', priority: 'high', name: 'opwegBenchMeter' },
  );
  return {
    take: () => {
      const taken = { calls, units };
      calls = [];
      units = 0;
      return taken;
    },
  };
}

const summary = (m: Metered) => {
  const byName = new Map<string, number>();
  for (const c of m.calls) byName.set(c, (byName.get(c) ?? 0) + 1);
  const detail = [...byName].map(([n, k]) => `${k} ${n}`).join(', ');
  return `${m.calls.length} calls, ${Math.round(m.units * 10) / 10} CU (${detail})`;
};

const localClient = (endpoint: string) => new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** A session for a demo person, as sign-in stores it (only the id's hash is a key). */
async function sessionFor(db: Db, email: string) {
  const id = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(id).digest('hex');
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.session(hash), type: 'session', email, createdAt: new Date().toISOString(), expiresAt } }));
  return `opweg_session=${id}`;
}

async function dynamoFigures(local: DynamoDbLocal, size: number): Promise<Db & { endpoint: string }> {
  const tableName = `bench-${size}`;
  const client = localClient(local.endpoint);
  await ensureTable(client, tableName);
  client.destroy();
  const db = createDb({ tableName, endpoint: local.endpoint, cursorSecret: 'bench-cursor-secret-0123456789' });
  await seedDemo(db, new Date());
  const template = (await allPublishedInRegion(db, 'zuid')).find((l) => l.kind === 'job')!;
  const seeded = await seedListings(db, size, template);
  const label = `${seeded.written.toLocaleString('en')} listings`;
  add(`db ${label}: seeded in s (BatchWriteItem, 8 in parallel)`, Number((seeded.ms / 1000).toFixed(1)));
  if (seeded.written < size) add(`db: seeding stopped at the ${SEED_BUDGET_MS / 1000} s budget`, `${seeded.written} of ${size} listings written`);

  const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: local.endpoint, CURSOR_SECRET: db.cursorSecret, PUBLIC_ORIGIN: 'http://127.0.0.1', LOCAL_DEV: '1' });
  const meterDb = createDb({ tableName, endpoint: local.endpoint, cursorSecret: db.cursorSecret });
  const m = meter(meterDb);
  const app = createApp({ db: meterDb, config });
  const desk = await sessionFor(db, 'desk-zuid@example.org');
  const employer = await sessionFor(db, 'werkgever@example.org');
  const employerOrg = (await membershipsOfUser(db, 'werkgever@example.org')).find((x) => x.role === 'employer')!;
  const orgId = employerOrg.role === 'employer' ? employerOrg.organisationId : '';

  const request = async (what: string, path: string, cookie = '', init: RequestInit = {}) => {
    await app.request(path, { ...init, headers: { cookie, ...init.headers } }); // warm: not counted
    m.take();
    const started = performance.now();
    const res = await app.request(path, { ...init, headers: { cookie, ...init.headers } });
    const ms = performance.now() - started;
    await res.arrayBuffer();
    add(`db ${label}: ${what} → ${res.status}`, `${summary(m.take())}, ${Math.round(ms)} ms`);
  };
  await request('GET /healthz', '/healthz');
  await request('GET /portal/login (anonymous)', '/portal/login');
  await request('GET /portal/ (desk home, queue count)', '/portal/', desk);
  await request('GET /portal/desk/zuid (queue page)', '/portal/desk/zuid', desk);
  await request('GET /portal/org/:id (employer dashboard)', `/portal/org/${orgId}`, employer);

  // One listing change: the desk's approval through the portal, then the publisher's reads for it.
  const target = (await pendingInRegion(db, 'zuid', { limit: 1 })).items[0]!;
  const old = await itemOf(db, keys.listing(target.id));
  m.take();
  let started = performance.now();
  const approved = await app.request(`/portal/listings/${target.id}/approve`, {
    method: 'POST',
    headers: { cookie: desk, origin: config.PUBLIC_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: `version=${target.version}`,
  });
  add(`db ${label}: POST approve one listing → ${approved.status}`, `${summary(m.take())}, ${Math.round(performance.now() - started)} ms`);
  const record = await recordOf(db, keys.listing(target.id), old);
  const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-publish-'));
  try {
    const store = new FsSiteStore(dir);
    const siteConfig = loadConfig({ TABLE_NAME: tableName, PUBLIC_ORIGIN: 'https://opweg.example.org' });
    await publishRecords({ db: meterDb, config: siteConfig, store }, []); // assets; not counted
    m.take();
    started = performance.now();
    const result = await publishRecords({ db: meterDb, config: siteConfig, store }, [record]);
    add(
      `db ${label}: publish the approval (pages it touches)`,
      `${summary(m.take())}, ${result.paths.length} paths, ${result.batchItemFailures.length} failed, ${Math.round(performance.now() - started)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // An edit of a published listing, through the use case (the write alone).
  const published = (await allPublishedInRegion(db, 'zuid'))[0]!;
  const { organisationId: _o, regionId: _r, id: _i, status: _s, version: _v, createdAt: _c, updatedAt: _u, publishedAt: _p, submittedAt: _sa, featured: _f, hidden: _h, rejectionReason: _rr, ...fields } = published;
  m.take();
  await updateListing(meterDb, SYSTEM, published.id, published.version, { ...fields, title: `${published.title} (edited)` }, { now: () => new Date() });
  add(`db ${label}: edit a published listing (updateListing)`, summary(m.take()));
  return { ...db, endpoint: local.endpoint };
}

// --- Throughput under autocannon ---------------------------------------------------------------

interface Cannon {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
function cannon(url: string): Promise<Cannon> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('autocannon/package.json')), 'autocannon.js');
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [bin, '--json', '-c', String(CONNECTIONS), '-d', String(LOAD_SECONDS), url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      try {
        ok(JSON.parse(out) as Cannon);
      } catch {
        fail(new Error(`autocannon exit ${code}: ${err}`));
      }
    });
  });
}

async function loadFigures(db: Db & { endpoint: string }) {
  const config = loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, LOCAL_DEV: '1' });
  const siteDir = mkdtempSync(join(tmpdir(), 'opweg-bench-static-'));
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: createLocalApp({ db, config }, { siteDir }).fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // The site's filter script, written where the publisher would put it.
    mkdirSync(join(siteDir, 'assets'), { recursive: true });
    writeFileSync(join(siteDir, fileOf(ASSETS.filter.path)), ASSETS.filter.body);
    const targets = { static: ASSETS.filter.path, healthz: '/healthz', login: '/portal/login' };
    const results: Record<string, Cannon> = {};
    for (const [name, path] of Object.entries(targets)) {
      await fetch(`${url}${path}`).then((r) => r.arrayBuffer());
      results[name] = await cannon(`${url}${path}`);
      const r = results[name];
      add(
        `load ${CONNECTIONS} conn ${LOAD_SECONDS} s: GET ${path}`,
        `${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}`,
      );
    }
    for (const name of ['healthz', 'login'] as const) {
      add(`load: ${targets[name]} req/s ÷ static file req/s`, Number((results[name]!.requests.average / results.static!.requests.average).toFixed(2)));
    }
  } finally {
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(siteDir, { recursive: true, force: true });
  }
}

// --- Everything, one table ---------------------------------------------------------------------

async function section(name: string, key: string, run: () => Promise<void>) {
  if (ONLY && !ONLY.includes(key)) return;
  const started = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    await run();
  } catch (e) {
    add(`${name}: FAILED`, (e as Error).message.split('\n')[0]!);
  }
  process.stderr.write(`bench: ${name} done in ${Math.round((performance.now() - started) / 1000)} s\n`);
}

await section('DynamoDB calls per request, and load', 'dynamodb', async () => {
  const local = await startDynamoDbLocal();
  try {
    const small = await dynamoFigures(local, SIZES[0]!);
    await loadFigures(small);
    await dynamoFigures(local, SIZES[1]!);
  } finally {
    await local.stop();
  }
});

await section('Lambda bundles and cold starts', 'bundles', async () => {
  // The residents' form function and the staff portal beside the empty-Hono floor, in the same runs.
  for (const [name, value] of coldStartLines(await benchBundles({ runs: QUICK ? 3 : 7 }))) add(name, value);
});

if (!QUICK) {
  await section('Resident site', 'site', async () => {
    const figures = await benchSite();
    for (const [name, value] of Object.entries(figures)) {
      if (typeof value === 'object' && value !== null) {
        for (const [page, w] of Object.entries(value as Record<string, Record<string, number>>)) {
          add(`site: ${page}: html / gzip (CSS inline), bytes`, Object.values(w).join(' / '));
        }
      } else add(name, value as Value);
    }
  });
  await section('Site rebuild at 1,000 and 10,000 listings', 'rebuild', async () => {
    for (const r of await benchRebuilds([1_000, 10_000])) {
      add(`site: rebuild with ${r.listings.toLocaleString('en')} published listings: files / seconds / pages per second`, `${r.files} / ${r.seconds} / ${r.pagesPerSecond}`);
    }
  });
} else add('site: figures', 'skipped with --quick (npm run bench runs them)');

await section('Resident pages on a slow phone (Chromium, emulated 2G)', 'network', async () => {
  const { latencyMs, kbitPerSecond, cpuSlowdown } = SLOW_PHONE;
  add('network: the phone', `${latencyMs} ms round trip, ${kbitPerSecond} kbit/s, CPU ${cpuSlowdown}× slower; median of 5 cold loads; floor: a bare static page of the same size on the wire`);
  add('network: targets (listing and location pages)', `≤ ${NETWORK_TARGETS.wireKB} KB on the wire, first contentful paint ≤ ${NETWORK_TARGETS.fcpMs} ms, layout shift ${NETWORK_TARGETS.cls}`);
  for (const f of await benchNetwork({ only: PAGES })) {
    add(
      `network: ${f.page}: wire bytes (document / all) · requests · FCP ms · CLS · floor wire bytes · floor FCP ms`,
      `${f.wireBytes} / ${f.totalWireBytes} · ${f.requests} · ${f.fcpMs} · ${Number(f.cls.toFixed(4))} · ${f.floorWireBytes} · ${f.floorFcpMs}`,
    );
    if (f.shifts.length > 0) add(`network: ${f.page}: what moved`, f.shifts.join('; '));
  }
});

await section('Fan-out rebuild on worker threads, and the national model', 'fanout', async () => {
  for (const [name, value] of await benchFanOut(QUICK ? 300 : 1_000)) add(name, value);
});

await section('CloudFront invalidations per change, and their monthly cost', 'invalidation', async () => {
  for (const [name, value] of await benchInvalidation()) add(name, value);
});

await section('Sign-in answer for known and unknown addresses', 'login', async () => {
  for (const [name, value] of await benchLogin(50)) add(name, value);
});

add('note', 'CU as DynamoDB Local reports them (ReturnConsumedCapacity TOTAL): it reports 0 for transactions and for reads that find nothing, where AWS charges');
const width = Math.max(...rows.map(([n]) => n.length));
console.log(`\nOpWeg bench${QUICK ? ' (--quick)' : ''}, ${new Date().toISOString()}, Node ${process.version}\n`);
console.log(`${'figure'.padEnd(width)}  value`);
console.log(`${'-'.repeat(width)}  -----`);
for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
mkdirSync('.data', { recursive: true });
if (!ONLY) writeFileSync('.data/bench.json', `${JSON.stringify({ at: new Date().toISOString(), quick: QUICK, node: process.version, figures: rows.map(([figure, value]) => ({ figure, value })) }, null, 2)}\n`);
if (!ONLY) console.log('\nwritten to .data/bench.json');
process.exit(0);

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb } from '../shared/db/client.js';
import { getDirectory } from '../shared/repositories/directory.js';
import { allPublishedInRegion } from '../shared/repositories/listings.js';
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent, streamBatchFailure } from '../functions/events.js';
import { createStreamsClient, readShards } from '../web/site/stream.js';
import { INTEREST_ACTION } from '../web/site/interest-form.js';
import { build } from 'esbuild';
import { HANDLERS, type HandlerName } from '../infra/bundling.js';
import { buildHandler, buildHandlers, ESBUILD_OPTIONS, type BuiltHandler } from './build.js';
import { seedDemo } from './demo/seed.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

/**
 * Cold starts of the Lambda bundles, measured as Lambda starts them: a fresh `node` process
 * imports the bundle and answers one event; the time from spawn to the answer, median of
 * several runs. The two HTTP functions are measured in the same runs as the floor (an empty
 * Hono app behind the same adapter, built with the same options), one after the other, so a
 * busy machine slows all three alike; the issue's targets are ratios to that floor.
 */

/** Issue 15: cold start ÷ the empty-Hono floor. */
export const TARGETS = { residents: 1.5, portal: 2 } as const;
/** The functions a person waits for. */
const HTTP: readonly ('residents' | 'portal')[] = ['residents', 'portal'];

export interface ColdStart {
  /** Spawn → answer, ms (median). */
  ms: number;
  /** Of which, inside the process: start → bundle imported, and the first request (medians). */
  initMs: number;
  requestMs: number;
  /** CPU time of the process up to the answer, ms (median): what Lambda's CPU share stretches. */
  cpuMs: number;
  /** Peak resident memory up to the answer, MB (the highest run). */
  maxRssMB: number;
}

export interface BundleFigures extends ColdStart {
  name: HandlerName;
  /** The entry file. */
  sizeKB: number;
  gzipKB: number;
  /** Entry, chunks and source maps: what the function's asset holds. */
  assetKB: number;
  /** The files read to answer the first request: the entry, its static chunks, and the chunks the request imported. */
  loadedKB: number;
  loadedFiles: number;
}

export interface ColdStartFigures {
  floor: ColdStart & { bareNodeMs: number; sizeKB: number };
  bundles: BundleFigures[];
  /** The staff portal once more, with a source map and --enable-source-maps: what the map costs. */
  portalWithSourceMap: ColdStart;
}

/** One event per handler, as its trigger sends it. */
interface Events {
  residents: (run: number) => unknown;
  portal: unknown;
  publish: unknown;
  repair: unknown;
  sweep: unknown;
  renderChunk: unknown;
  signInMail: unknown;
}

/** Writes an item that is no page's source and points a dead-letter message at its stream record. */
async function deadLetterEvent(client: DynamoDBClient, endpoint: string, tableName: string): Promise<SQSEvent> {
  await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'BENCH#repair' }, sk: { S: 'BENCH' }, at: { S: new Date().toISOString() } } }));
  const streamArn = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table!.LatestStreamArn!;
  const streams = createStreamsClient({ endpoint });
  try {
    const shard = (await readShards(streams, streamArn)).filter((s) => s.records.length > 0).at(-1)!;
    const record = shard.records.at(-1)!;
    const sequence = record.dynamodb!.SequenceNumber!;
    const arrival = record.dynamodb!.ApproximateCreationDateTime!;
    const range = { streamArn, shardId: shard.shardId, startSequenceNumber: sequence, endSequenceNumber: sequence };
    return sqsEvent([JSON.stringify(streamBatchFailure(range, { batchSize: 1, firstArrival: arrival, lastArrival: arrival }))]);
  } finally {
    streams.destroy();
  }
}

/**
 * A resident's "I'm interested" in Arabic for a published job of the demo data, as the listing
 * page's form posts it: the residents' function's everyday request (a rate-limit write, the
 * listing read, a transaction, the answer page). Each run from its own address (the rate limit).
 */
async function interestEvent(endpoint: string, tableName: string): Promise<(run: number) => unknown> {
  const db = createDb({ tableName, endpoint, cursorSecret: 'bench-cursor-secret-0123456789' });
  await seedDemo(db, new Date());
  const job = (await allPublishedInRegion(db, 'zuid')).find((l) => l.kind === 'job')!;
  const location = (await getDirectory(db)).locations.find((l) => l.regionId === job.regionId)!;
  db.doc.destroy();
  const body = new URLSearchParams([
    ['listingId', job.id], ['locale', 'ar'], ['locationId', location.id], ['name', 'سامر'], ['phone', '+31 6 1234 5678'],
    ['age', '18-plus'], ['eligibility', 'permit-holder'], ['dutchLevel', 'A2'], ['languages[]', 'ar'], ['languages[]', 'en'], ['consent', 'yes'],
  ]).toString();
  return (run) => {
    const event = httpApiEvent('POST', INTEREST_ACTION, { body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1' } });
    event.requestContext.http.sourceIp = `198.51.100.${run % 250}`;
    return event;
  };
}

/**
 * Runs in the fresh process: import the bundle, answer one event, report on stdout. With
 * BENCH_LOADED it first registers a module hook that lists every file loaded (not in timed runs).
 */
const CHILD = `
if (process.env.BENCH_LOADED) {
  const { register } = await import('node:module');
  register('data:text/javascript,' + encodeURIComponent("import { appendFileSync } from 'node:fs'; export async function load(url, context, next) { if (url.startsWith('file:')) appendFileSync(process.env.BENCH_LOADED, url + '\\\\n'); return next(url, context); }"));
}
const { handler } = await import(process.env.BENCH_BUNDLE);
const initMs = performance.now();
const result = await handler(JSON.parse(process.env.BENCH_EVENT), JSON.parse(process.env.BENCH_CONTEXT));
if (result && typeof result.statusCode === 'number' && result.statusCode >= 400) throw new Error('answered ' + result.statusCode + ' ' + result.body);
if (result && result.batchItemFailures?.length) throw new Error('failed ' + JSON.stringify(result.batchItemFailures));
const cpu = process.cpuUsage();
process.stdout.write('\\nBENCH_ANSWERED ' + JSON.stringify({ initMs, requestMs: performance.now() - initMs, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKB: process.resourceUsage().maxRSS }) + '\\n');
process.exit(0);
`;

interface Run {
  ms: number;
  /** Inside the process: its start → the bundle imported (the init), and → the first answer. */
  initMs: number;
  requestMs: number;
  cpuMs: number;
  maxRssKB: number;
}

function coldStart(file: string, name: string, event: unknown, env: Record<string, string>, o: { sourceMaps: boolean; loaded?: string }): Promise<Run> {
  return coldStartOf(['--input-type=module', '-e', CHILD], {
    ...env,
    // As on Lambda (infra/constructs/opweg-function.ts): --enable-source-maps only where there are maps.
    NODE_OPTIONS: o.sourceMaps ? '--enable-source-maps' : '',
    POWERTOOLS_SERVICE_NAME: `opweg-${name}`,
    POWERTOOLS_METRICS_DISABLED: 'true',
    BENCH_BUNDLE: pathToFileURL(file).href,
    BENCH_EVENT: JSON.stringify(event),
    BENCH_CONTEXT: JSON.stringify(lambdaContext(`opweg-${name}`)),
    ...(o.loaded ? { BENCH_LOADED: o.loaded } : {}),
  });
}

/** Spawn → "BENCH_ANSWERED" on stdout, in milliseconds, with what the child reports. */
function coldStartOf(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const line = /BENCH_ANSWERED ?(.*)\n/.exec(out);
      if (line) ok({ ms: performance.now() - started, ...(line[1] ? JSON.parse(line[1]) : { initMs: 0, requestMs: 0, cpuMs: 0, maxRssKB: 0 }) });
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      if (!out.includes('BENCH_ANSWERED')) fail(new Error(`no answer (exit ${code}):\n${err}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const summarise = (runs: Run[]): ColdStart => ({
  ms: Math.round(median(runs.map((r) => r.ms))),
  initMs: Math.round(median(runs.map((r) => r.initMs))),
  requestMs: Math.round(median(runs.map((r) => r.requestMs))),
  cpuMs: Math.round(median(runs.map((r) => r.cpuMs))),
  maxRssMB: Math.round(Math.max(...runs.map((r) => r.maxRssKB)) / 1024),
});

/** The files one answered request read from the bundle's folder (a run with the module hook). */
async function loadedFiles(b: BuiltHandler, event: unknown, env: Record<string, string>): Promise<{ files: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'opweg-bench-loaded-'));
  try {
    const list = join(dir, 'loaded.txt');
    await coldStart(b.file, b.name, event, env, { sourceMaps: HANDLERS[b.name].sourceMap, loaded: list });
    const folder = resolve(b.file, '..');
    const files = [...new Set(readFileSync(list, 'utf8').split('\n').filter(Boolean).map((u) => fileURLToPath(u)))].filter((f) => f.startsWith(folder));
    return { files: files.length, bytes: files.reduce((n, f) => n + readFileSync(f).length, 0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The floor: an empty Hono app behind the same Lambda adapter, bundled like the HTTP functions, answering /healthz. */
async function buildFloor(outdir: string): Promise<string> {
  const file = resolve(outdir, 'floor', 'index.mjs');
  await build({
    ...ESBUILD_OPTIONS,
    stdin: {
      contents: "import { Hono } from 'hono'; import { handle } from 'hono/aws-lambda'; const app = new Hono(); app.get('/healthz', (c) => c.json({ ok: true })); export const handler = handle(app);",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    outfile: file,
  });
  return file;
}

/**
 * Size, bytes loaded and local cold start of each Lambda bundle, built as the stack builds them,
 * beside the floor. Uses DYNAMODB_ENDPOINT if set, else starts an in-memory DynamoDB Local.
 */
export async function benchBundles(o: { runs?: number } = {}): Promise<ColdStartFigures> {
  const runs = o.runs ?? 7;
  const local = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? local!.endpoint;
  const outdir = resolve(process.env.BENCH_OUTDIR ?? `dist/.bench-${process.pid}`);
  try {
    const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(client, 'bench');
    const events: Events = {
      residents: await interestEvent(endpoint, 'bench'),
      portal: httpApiEvent('GET', '/portal/login'),
      publish: { Records: [] }, // the init is what a cold start costs; a rendering batch is the publisher's own figure
      // A dead letter naming a real stream record, not of the site: read again, nothing to render.
      repair: await deadLetterEvent(client, endpoint, 'bench'),
      sweep: scheduledEvent(new Date()),
      renderChunk: { Records: [] },
      // A request for an address without an account: looked up in the table, nothing mailed.
      signInMail: sqsEvent([JSON.stringify({ email: 'nobody@example.org', locale: 'nl' })], 'OpWeg-dev-SignInMail'),
    };
    client.destroy();
    const env = { TABLE_NAME: 'bench', DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'eu-west-1', PUBLIC_ORIGIN: 'http://127.0.0.1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
    const eventOf = (name: HandlerName, run: number) => (name === 'residents' ? events.residents(run) : events[name]);
    const built = await buildHandlers({ outdir });
    const byName = (name: HandlerName) => built.find((b) => b.name === name)!;
    const floorFile = await buildFloor(outdir);
    const mapped = await buildHandlerWithSourceMap('portal', resolve(outdir, 'portal-sourcemap'));

    // The floor and the two HTTP functions, interleaved; every file read once before (the file cache).
    const floorEvent = httpApiEvent('GET', '/healthz');
    const timed = {
      bare: [] as Run[],
      floor: [] as Run[],
      residents: [] as Run[],
      portal: [] as Run[],
      mapped: [] as Run[],
    };
    let run = 0;
    const once = async (count: boolean) => {
      const r = {
        bare: await coldStartOf(['-e', "process.stdout.write('BENCH_ANSWERED\\n')"], {}),
        floor: await coldStart(floorFile, 'floor', floorEvent, {}, { sourceMaps: false }),
        residents: await coldStart(byName('residents').file, 'residents', eventOf('residents', run++), env, { sourceMaps: false }),
        portal: await coldStart(byName('portal').file, 'portal', events.portal, env, { sourceMaps: false }),
        mapped: await coldStart(mapped.file, 'portal', events.portal, env, { sourceMaps: true }),
      };
      if (count) for (const k of Object.keys(timed) as (keyof typeof timed)[]) timed[k].push(r[k]);
    };
    await once(false);
    for (let i = 0; i < runs; i++) await once(true);

    const bundles: BundleFigures[] = [];
    for (const b of built) {
      let times: ColdStart;
      if ((HTTP as readonly string[]).includes(b.name)) times = summarise(timed[b.name as 'residents' | 'portal']);
      else {
        await coldStart(b.file, b.name, eventOf(b.name, run++), env, { sourceMaps: HANDLERS[b.name].sourceMap }); // the file cache; not counted
        const own: Run[] = [];
        for (let i = 0; i < Math.min(runs, 3); i++) own.push(await coldStart(b.file, b.name, eventOf(b.name, run++), env, { sourceMaps: HANDLERS[b.name].sourceMap }));
        times = summarise(own);
      }
      const loaded = await loadedFiles(b, eventOf(b.name, run++), env);
      const bytes = readFileSync(b.file);
      bundles.push({
        name: b.name,
        sizeKB: kb(bytes.length),
        gzipKB: kb(gzipSync(bytes).length),
        assetKB: kb(Object.values(b.files).reduce((n, x) => n + x, 0)),
        loadedKB: kb(loaded.bytes),
        loadedFiles: loaded.files,
        ...times,
      });
    }
    return {
      floor: { ...summarise(timed.floor), bareNodeMs: Math.round(median(timed.bare.map((r) => r.ms))), sizeKB: kb(readFileSync(floorFile).length) },
      bundles,
      portalWithSourceMap: summarise(timed.mapped),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    await local?.stop();
  }
}

/** The same bundle with a source map, as the background functions have it: what the map costs a cold start. */
async function buildHandlerWithSourceMap(name: HandlerName, dir: string): Promise<BuiltHandler> {
  return buildHandler(name, dir, { sourceMap: true });
}

/** Lambda gives a function CPU in proportion to its memory, a full vCPU at 1,769 MB. */
export const FULL_VCPU_MB = 1769;
/** A CPU-bound cold start at `memoryMB`, from the CPU time measured here on one core. */
export const initAtMemory = (cpuMs: number, memoryMB: number) => Math.round(cpuMs * Math.max(1, FULL_VCPU_MB / memoryMB));

/** The lines `npm run bench` prints (and bench.ts adds to its table). */
export function coldStartLines(f: ColdStartFigures): [string, string | number][] {
  const lines: [string, string | number][] = [];
  lines.push(['cold start floor: a bare node process, ms', f.floor.bareNodeMs]);
  lines.push(['cold start floor: an empty Hono app behind the Lambda adapter, bundled the same way: ms / CPU ms / KB', `${f.floor.ms} / ${f.floor.cpuMs} / ${f.floor.sizeKB}`]);
  lines.push(['cold start floor: inside the process, start → imported / the first request, ms', `${f.floor.initMs} / ${f.floor.requestMs}`]);
  for (const b of f.bundles) {
    const target = b.name in TARGETS ? TARGETS[b.name as keyof typeof TARGETS] : undefined;
    const ratio = b.ms / f.floor.ms;
    const verdict = target === undefined ? '' : `, ${ratio.toFixed(2)}× the floor (target ≤ ${target}×: ${ratio <= target ? 'met' : `missed by ${(ratio - target).toFixed(2)}×`})`;
    lines.push([`cold start ${b.name}: ms${target === undefined ? '' : ' and ratio'}`, `${b.ms}${verdict}`]);
    lines.push([`cold start ${b.name}: bytes loaded for the first request (files) / entry KB (gzip) / whole asset KB`, `${b.loadedKB} KB (${b.loadedFiles}) / ${b.sizeKB} (${b.gzipKB}) / ${b.assetKB}`]);
    // CPU time is the steadier figure on a busy machine: its ratio to the floor's beside the wall-time one.
    lines.push([`cold start ${b.name}: CPU ms${target === undefined ? '' : ' (ratio to the floor\'s)'} / peak memory MB`, `${b.cpuMs}${target === undefined ? '' : ` (${(b.cpuMs / f.floor.cpuMs).toFixed(2)}×)`} / ${b.maxRssMB}`]);
    lines.push([`cold start ${b.name}: inside the process, start → imported${target === undefined ? '' : ' (ratio to the floor\'s)'} / the first request (DynamoDB Local calls included), ms`, `${b.initMs}${target === undefined ? '' : ` (${(b.initMs / f.floor.initMs).toFixed(2)}×)`} / ${b.requestMs}`]);
    if (target !== undefined) {
      lines.push([`cold start ${b.name}: CPU-bound init at 512 / 1,024 / 1,769 MB (CPU ms × 1,769 ÷ MB), ms`, [512, 1024, 1769].map((m) => initAtMemory(b.cpuMs, m)).join(' / ')]);
    }
  }
  const portal = f.bundles.find((b) => b.name === 'portal');
  if (portal) lines.push(['cold start portal with a source map and --enable-source-maps: ms (difference)', `${f.portalWithSourceMap.ms} (${f.portalWithSourceMap.ms - portal.ms >= 0 ? '+' : ''}${f.portalWithSourceMap.ms - portal.ms})`]);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchBundles({ runs: process.argv.includes('--quick') ? 3 : 7 });
  for (const [name, value] of coldStartLines(figures)) console.log(`${name.padEnd(110)} ${value}`);
}

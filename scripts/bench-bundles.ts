import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { ensureTable } from '../shared/db/bootstrap.js';
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent, streamBatchFailure } from '../functions/events.js';
import { createStreamsClient, readShards } from '../web/site/stream.js';
import { build } from 'esbuild';
import type { HandlerName } from '../infra/bundling.js';
import { buildHandlers, ESBUILD_OPTIONS } from './build.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

export interface BundleFigures {
  name: HandlerName;
  sizeKB: number;
  gzipKB: number;
  /** Median of several fresh `node` processes: spawn → bundle imported → one event answered. */
  coldStartMs: number;
}

export const TARGETS = { portal: { sizeKB: 400, coldStartMs: 150 } } as const;

/** One event per handler, as its trigger sends it; the portal's reads DynamoDB (/healthz). */
const eventsWith = (repair: SQSEvent): Record<HandlerName, unknown> => ({
  portal: httpApiEvent('GET', '/healthz'),
  // The init is what a cold start costs; a rendering batch is the publisher's own figure.
  publish: { Records: [] },
  // A dead letter naming a real stream record, not of the site: read again, nothing to render.
  repair,
  sweep: scheduledEvent(new Date()),
  // As the publisher's: the init is the cold start; a chunk's rendering is the rebuild's figure.
  renderChunk: { Records: [] },
  // A request for an address without an account: looked up in the table, nothing mailed.
  signInMail: sqsEvent([JSON.stringify({ email: 'nobody@example.org', locale: 'nl' })], 'OpWeg-dev-SignInMail'),
});

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

/** Runs in the fresh process: import the bundle, answer one event, say so on stdout. */
const CHILD = `
const { handler } = await import(process.env.BENCH_BUNDLE);
const result = await handler(JSON.parse(process.env.BENCH_EVENT), JSON.parse(process.env.BENCH_CONTEXT));
if (result && typeof result.statusCode === 'number' && result.statusCode >= 400) throw new Error('answered ' + result.statusCode);
if (result && result.batchItemFailures?.length) throw new Error('failed ' + JSON.stringify(result.batchItemFailures));
process.stdout.write('\\nBENCH_ANSWERED\\n');
process.exit(0);
`;

function coldStart(file: string, name: HandlerName, event: unknown, env: Record<string, string>): Promise<number> {
  return coldStartOf(['--input-type=module', '-e', CHILD], {
    ...env,
    // As on Lambda (infra/constructs/opweg-function.ts).
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: `opweg-${name}`,
    BENCH_BUNDLE: pathToFileURL(file).href,
    BENCH_EVENT: JSON.stringify(event),
    BENCH_CONTEXT: JSON.stringify(lambdaContext(`opweg-${name}`)),
  });
}

/** Spawn → "BENCH_ANSWERED" on stdout, in milliseconds. */
function coldStartOf(args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('BENCH_ANSWERED')) ok(performance.now() - started);
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code) => {
      if (!out.includes('BENCH_ANSWERED')) fail(new Error(`no answer (exit ${code}):\n${err}`));
    });
  });
}

/**
 * The floor under the cold-start figures: an empty Hono app behind the same Lambda adapter,
 * bundled with the same options, answering /healthz without a database. What no bundle of ours
 * can beat on this machine (a fresh `node`, plus the adapter's first Request).
 */
export async function benchFloor(o: { runs?: number; outdir?: string } = {}): Promise<{ bareNodeMs: number; emptyHonoMs: number }> {
  const runs = o.runs ?? 5;
  const outdir = o.outdir ?? `dist/.bench-floor-${process.pid}`;
  const file = resolve(outdir, 'index.mjs');
  try {
    await build({
      ...ESBUILD_OPTIONS,
      stdin: {
        contents: "import { Hono } from 'hono'; import { handle } from 'hono/aws-lambda'; const app = new Hono(); app.get('/healthz', (c) => c.json({ ok: true })); export const handler = handle(app);",
        resolveDir: process.cwd(),
        loader: 'ts',
      },
      outfile: file,
    });
    const event = httpApiEvent('GET', '/healthz');
    const bare = () => coldStartOf(['-e', "process.stdout.write('BENCH_ANSWERED')"], {});
    const empty = () => coldStart(file, 'portal', event, {});
    await empty(); // warms the file cache; not counted
    const bareTimes: number[] = [];
    const emptyTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      bareTimes.push(await bare());
      emptyTimes.push(await empty());
    }
    return { bareNodeMs: Math.round(median(bareTimes)), emptyHonoMs: Math.round(median(emptyTimes)) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/**
 * Size and local cold start of each Lambda bundle, built as the stack builds them. Uses
 * DYNAMODB_ENDPOINT if set, else starts an in-memory DynamoDB Local for the duration.
 */
export async function benchBundles(o: { runs?: number } = {}): Promise<BundleFigures[]> {
  const runs = o.runs ?? 5;
  const local = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? local!.endpoint;
  const outdir = process.env.BENCH_OUTDIR ?? `dist/.bench-${process.pid}`;
  try {
    const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(client, 'bench');
    const events = eventsWith(await deadLetterEvent(client, endpoint, 'bench'));
    client.destroy();
    const env = { TABLE_NAME: 'bench', DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'eu-west-1' };
    const figures: BundleFigures[] = [];
    for (const b of await buildHandlers({ outdir })) {
      const bytes = readFileSync(b.file);
      await coldStart(b.file, b.name, events[b.name], env); // warms the file cache; not counted
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await coldStart(b.file, b.name, events[b.name], env));
      figures.push({ name: b.name, sizeKB: kb(bytes.length), gzipKB: kb(gzipSync(bytes).length), coldStartMs: Math.round(median(times)) });
    }
    return figures;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    await local?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchBundles();
  const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? '  ok' : '  OVER');
  console.log('\nbundle    size KB  gzip KB  cold start ms');
  for (const f of figures) {
    const target = f.name in TARGETS ? TARGETS[f.name as keyof typeof TARGETS] : undefined;
    console.log(
      `${f.name.padEnd(8)} ${String(f.sizeKB).padStart(8)}${mark(target && f.sizeKB <= target.sizeKB)} ${String(f.gzipKB).padStart(8)} ${String(f.coldStartMs).padStart(14)}${mark(target && f.coldStartMs <= target.coldStartMs)}`,
    );
  }
  const floor = await benchFloor();
  console.log(`floor: a bare node ${floor.bareNodeMs} ms; an empty Hono app behind the same Lambda adapter ${floor.emptyHonoMs} ms`);
  console.log(`\ntargets: portal ≤ ${TARGETS.portal.sizeKB} KB, cold start ≤ ${TARGETS.portal.coldStartMs} ms (fresh node → first answer, on this machine)`);
}

import { availableParallelism } from 'node:os';
import { SingleBar, Presets } from 'cli-progress';
import { SqsChunkQueue } from '../shared/adapters/chunk-queue-sqs.js';
import { siteStoreFromEnv } from '../shared/adapters/site-store.js';
import { loadConfig } from '../shared/config/index.js';
import { createDb } from '../shared/db/client.js';
import { fanOut } from '../web/site/fanout.js';
import { rebuildWithWorkers } from '../web/site/rebuild-workers.js';
import { createSiteReads } from '../web/site/reads.js';
import { sitePaths } from '../web/site/rebuild.js';
import { SITE_DIR } from '../web/local.js';
import { closeLocalStack, openLocalStack } from './local-env.js';

/**
 * `npm run rebuild-site [-- --workers N] [-- --fan-out]`: renders every resident page from the
 * table into the site store, in chunks (web/site/chunks.ts) on N worker threads (default: one
 * per core); pages whose bytes did not change are not written. The run's progress is also kept
 * in its counter item (`RENDER#<runId>`), as on AWS.
 * Locally: DynamoDB Local (started if `npm start` is not running) into `.data/site/`.
 * On AWS: with SITE_BUCKET, TABLE_NAME, PUBLIC_ORIGIN and AWS credentials of the stage set, from
 * the stage's table into its bucket — needed after the first deploy and when the site's look
 * changed; the publisher keeps the pages current after that. With `--fan-out` and
 * RENDER_QUEUE_URL (the stack's RenderQueueUrl output) the chunks go to the stage's render
 * queue instead, rendered by its chunk function; this prints the run id to follow.
 * (The Ethiopic font, which the function bundles do not carry, is deployed with the stack.)
 */
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const workers = Number(arg('--workers') ?? availableParallelism());
const aws = Boolean(process.env.SITE_BUCKET) && !process.env.DYNAMODB_ENDPOINT;
const stack = aws ? undefined : await openLocalStack({ startIfMissing: true });
const config = stack?.config ?? loadConfig();
const db = stack?.db ?? createDb({ tableName: config.TABLE_NAME, cursorSecret: config.CURSOR_SECRET, region: config.AWS_REGION });
const store = siteStoreFromEnv(process.env, SITE_DIR);
const bar = new SingleBar({ format: 'Rendering |{bar}| {value}/{total} pages · {eta}s left', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
let code = 0;
try {
  if (process.argv.includes('--fan-out')) {
    if (!process.env.RENDER_QUEUE_URL) throw new Error('--fan-out needs RENDER_QUEUE_URL (the stack output RenderQueueUrl).');
    const reads = createSiteReads(db, { reachKm: config.REACH_KM });
    const run = await fanOut({ db, queue: new SqsChunkQueue(process.env.RENDER_QUEUE_URL) }, await sitePaths({ store }, reads), 'rebuild-site --fan-out');
    console.log(`${run.pages} pages in ${run.chunks} chunks sent to the render queue; run ${run.runId} (its counter: item RENDER#${run.runId}).`);
  } else {
    const setup = { tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT, region: config.AWS_REGION, cursorSecret: config.CURSOR_SECRET, config, siteDir: process.env.SITE_DIR ?? SITE_DIR, bucket: process.env.SITE_BUCKET };
    const result = await rebuildWithWorkers({ db, config, store }, setup, { workers, onStart: (total) => bar.start(total, 0), onChunk: (pages) => bar.increment(pages) });
    bar.stop();
    const seconds = result.ms / 1000;
    const rendered = result.written + result.unchanged + result.deleted;
    console.log(
      `${result.written} files written, ${result.unchanged} unchanged (not written), ${result.deleted} removed in ${seconds.toFixed(1)} s ` +
        `(${Math.round(rendered / seconds)} pages/s, ${result.chunks} chunks on ${workers} worker${workers === 1 ? '' : 's'}) to ${process.env.SITE_BUCKET ? `s3://${process.env.SITE_BUCKET}` : SITE_DIR}; run ${result.runId}.`,
    );
    for (const f of result.failed) console.error(`  failed: ${f.path}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
    if (result.failed.length > 0) code = 1;
  }
} catch (e) {
  bar.stop();
  console.error(`Rebuild failed: ${(e as Error).message}`);
  code = 1;
} finally {
  if (stack) await closeLocalStack(stack);
  else db.doc.destroy();
}
process.exit(code);

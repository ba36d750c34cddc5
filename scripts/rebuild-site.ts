import { SingleBar, Presets } from 'cli-progress';
import { siteStoreFromEnv } from '../shared/adapters/site-store.js';
import { loadConfig } from '../shared/config/index.js';
import { createDb } from '../shared/db/client.js';
import { rebuildSite } from '../web/site/rebuild.js';
import { SITE_DIR } from '../web/local.js';
import { closeLocalStack, openLocalStack } from './local-env.js';

/**
 * `npm run rebuild-site`: renders every resident page from the table into the site store.
 * Locally: DynamoDB Local (started if `npm start` is not running) into `.data/site/`.
 * On AWS: with SITE_BUCKET, TABLE_NAME, PUBLIC_ORIGIN and AWS credentials of the stage set, from
 * the stage's table into its bucket — needed after the first deploy and when the site's look
 * changed; the publisher keeps the pages current after that. (The Ethiopic font, which the
 * function bundles do not carry, is deployed with the stack.)
 */
const aws = Boolean(process.env.SITE_BUCKET) && !process.env.DYNAMODB_ENDPOINT;
const stack = aws ? undefined : await openLocalStack({ startIfMissing: true });
const config = stack?.config ?? loadConfig();
const db = stack?.db ?? createDb({ tableName: config.TABLE_NAME, cursorSecret: config.CURSOR_SECRET, region: config.AWS_REGION });
const store = siteStoreFromEnv(process.env, SITE_DIR);
const bar = new SingleBar({ format: 'Rendering |{bar}| {value}/{total} pages · {eta}s left', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
let code = 0;
try {
  const result = await rebuildSite({ db, config, store }, { onStart: (total) => bar.start(total, 0), onDone: () => bar.increment() });
  bar.stop();
  const seconds = result.ms / 1000;
  console.log(`${result.written} files written, ${result.deleted} removed in ${seconds.toFixed(1)} s (${Math.round(result.written / seconds)} pages/s) to ${process.env.SITE_BUCKET ? `s3://${process.env.SITE_BUCKET}` : SITE_DIR}.`);
  for (const f of result.failed) console.error(`  failed: ${f.path}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
  if (result.failed.length > 0) code = 1;
} catch (e) {
  bar.stop();
  console.error(`Rebuild failed: ${(e as Error).message}`);
  code = 1;
} finally {
  if (stack) await closeLocalStack(stack);
  else db.doc.destroy();
}
process.exit(code);

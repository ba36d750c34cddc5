import { SingleBar, Presets } from 'cli-progress';
import { siteStoreFromEnv } from '../shared/adapters/site-store.js';
import { rebuildSite } from '../web/site/rebuild.js';
import { SITE_DIR } from '../web/local.js';
import { closeLocalStack, openLocalStack } from './local-env.js';

/**
 * `npm run rebuild-site`: renders every resident page from the table into the site store —
 * `.data/site/` locally, the bucket when SITE_BUCKET is set (with AWS credentials and
 * TABLE_NAME / DYNAMODB_ENDPOINT of the stage). Needed once after a deploy changed the site's
 * look; the publisher keeps the pages current after that.
 */
const stack = await openLocalStack({ startIfMissing: true });
const store = siteStoreFromEnv(process.env, SITE_DIR);
const bar = new SingleBar({ format: 'Rendering |{bar}| {value}/{total} pages · {eta}s left', hideCursor: true, clearOnComplete: false }, Presets.shades_classic);
let code = 0;
try {
  const result = await rebuildSite({ db: stack.db, config: stack.config, store }, { onStart: (total) => bar.start(total, 0), onDone: () => bar.increment() });
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
  await closeLocalStack(stack);
}
process.exit(code);

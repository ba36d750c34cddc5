import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { rmSync } from 'node:fs';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { SITE_DIR } from '../web/local.js';
import { rebuildSite } from '../web/site/rebuild.js';
import { ensureTable } from '../shared/db/bootstrap.js';
import { closeLocalStack, openLocalStack } from './local-env.js';
import { isSeeded, seedDemo } from './demo/seed.js';

/** `npm run seed` fills an empty local table with demo data; `-- --reset` starts over. */
const reset = process.argv.includes('--reset');
const stack = await openLocalStack({ startIfMissing: true });
try {
  if (reset) {
    await stack.client.send(new DeleteTableCommand({ TableName: stack.config.TABLE_NAME }));
    await ensureTable(stack.client, stack.config.TABLE_NAME);
    console.log(`Table ${stack.config.TABLE_NAME} emptied.`);
  }
  if (await isSeeded(stack.db)) {
    console.log('The table already holds data; nothing seeded. Use `npm run seed -- --reset` to start over.');
  } else {
    await seedDemo(stack.db, new Date(), (s) => console.log(`Seeded ${s}`));
    // The resident site is rendered from the table: render it again for the new data.
    rmSync(SITE_DIR, { recursive: true, force: true });
    const { written, failed } = await rebuildSite({ db: stack.db, config: stack.config, store: new FsSiteStore(SITE_DIR) });
    console.log(`Rendered the resident site: ${written} files${failed.length ? `, ${failed.length} failed` : ''}.`);
    if (reset) console.log('If `npm start` is running, restart it: it follows the stream of the table that was replaced.');
  }
} finally {
  await closeLocalStack(stack);
}

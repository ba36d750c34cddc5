import { serve } from '@hono/node-server';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { createLocalApp, SITE_DIR } from '../web/local.js';
import { startLocalPublisher } from '../web/site/local-publisher.js';
import { closeLocalStack, openLocalStack } from './local-env.js';
import { DEMO_LOGINS, isSeeded, seedDemo } from './demo/seed.js';

/**
 * `npm start`: the whole product in one process. DynamoDB Local (Java) on .data/, the table,
 * demo data when empty, and the web app on PORT. Ctrl-C stops everything, Java included.
 */
const port = Number(process.env.PORT ?? 3000);
process.env.PUBLIC_ORIGIN ??= `http://localhost:${port}`;
// Running on this machine: mail goes to the local mailbox at /dev/mail, cookies work over http.
process.env.LOCAL_DEV = '1';

let stack: Awaited<ReturnType<typeof openLocalStack>>;
try {
  stack = await openLocalStack({ startIfMissing: true });
} catch (e) {
  console.error(`\nOpWeg could not start: ${(e as Error).message}\n`);
  process.exit(1);
}
if (!(await isSeeded(stack.db))) {
  console.log('Empty table: seeding demo data…');
  await seedDemo(stack.db, new Date(), (s) => console.log(`  ${s}`));
}

// The resident site: rendered into .data/site/ (all of it when empty), then kept current from
// the table's stream, as the publish Lambda does on AWS.
const site = await startLocalPublisher({
  deps: { db: stack.db, config: stack.config },
  store: new FsSiteStore(SITE_DIR),
  endpoint: stack.config.DYNAMODB_ENDPOINT!,
  region: stack.config.AWS_REGION,
  log: (m) => console.log(m),
});

const app = createLocalApp({ db: stack.db, config: stack.config });
const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, () => {
  console.log(`\nOpWeg runs at http://localhost:${port}/\n`);
  console.log(`Demo sign-ins at http://localhost:${port}/portal/login (magic links appear in the local mailbox, http://localhost:${port}/dev/mail):`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(26)} ${l.what}`);
  console.log('\nPress Ctrl-C to stop.');
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping OpWeg…');
  server.close();
  await site.stop();
  await closeLocalStack(stack);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

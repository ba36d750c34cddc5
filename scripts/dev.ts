import { serve } from '@hono/node-server';
import { FsSiteStore } from '../shared/adapters/site-store-fs.js';
import { sweep } from '../shared/services/sweep.js';
import { resolveDeps } from '../web/deps.js';
import { createLocalApp, SITE_DIR } from '../web/local.js';
import { startLocalPublisher } from '../web/site/local-publisher.js';
import { closeLocalStack, openLocalStack } from './local-env.js';
import { DEMO_LOGINS, isSeeded, seedDemo } from './demo/seed.js';
import { hostOf } from './host.js';

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

// One set of dependencies for the app and the sweep, so both use the same local mailbox.
const deps = resolveDeps({ db: stack.db, config: stack.config });
const app = createLocalApp(deps);

// The sweep, as EventBridge runs it hourly on AWS; every minute here so changes show soon.
const runSweep = () =>
  sweep(deps)
    .then((r) => {
      if (r.expired.length || r.warned.length || r.peopleDeleted || r.digestsSent) console.log(`sweep: ${JSON.stringify(r)}`);
    })
    .catch((e: unknown) => console.error('sweep failed', e));
const sweeper = setInterval(runSweep, 60_000);
void runSweep();

const server = serve({ fetch: app.fetch, port, hostname: hostOf() }, () => {
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
  clearInterval(sweeper);
  server.close();
  await site.stop();
  await closeLocalStack(stack);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../shared/config/index.js';
import type { Db } from '../shared/db/client.js';
import { createLocalApp } from '../web/local.js';
import type { Deps } from '../web/deps.js';

/** The local app on a free loopback port, for browser and HTTP tests. */
export async function startTestServer(db: Db & { endpoint: string }, more: Pick<Deps, 'mail' | 'clock' | 'signIns'> & { siteDir?: string } = {}) {
  const config = loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, LOCAL_DEV: '1' });
  const { siteDir, ...deps } = more;
  const app = createLocalApp({ db, config, ...deps }, { siteDir });
  const server = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  config.PUBLIC_ORIGIN = url;
  return { url, config, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

import { Hono } from 'hono';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/db/keys.js';
import { DomainError } from '../shared/errors.js';
import type { Deps } from './deps.js';
import { homeRoutes } from './site/home.js';

/** The whole dynamic app: health, the (temporary) home page, later the portal. */
export function createApp(deps: Deps) {
  const app = new Hono();

  app.get('/healthz', async (c) => {
    try {
      await deps.db.doc.send(new GetCommand({ TableName: deps.db.tableName, Key: keys.region('_health') }));
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false }, 503);
    }
  });

  app.route('/', homeRoutes(deps));

  app.onError((err, c) => {
    if (err instanceof DomainError) return c.text(err.key, err.status);
    console.error(err);
    return c.text('Internal error', 500);
  });
  return app;
}

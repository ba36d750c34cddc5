import { Hono } from 'hono';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/db/keys.js';
import { DomainError } from '../shared/errors.js';
import { resolveDeps, type Deps } from './deps.js';
import { bodyLimits, originGuard, securityHeaders } from './middleware.js';
import { devMailRoutes } from './portal/dev-mail.js';
import { portalApp } from './portal/index.js';

/**
 * The whole dynamic app: health and the portal, the residents' form posts included. On AWS it is
 * the staff portal's function; the residents' form paths go to their own, smaller function
 * (web/resident-app.ts, infra/constructs/api.ts). Resident pages are static files (web/site/publish.ts).
 */
export function createApp(given: Deps) {
  const deps = resolveDeps(given);
  const app = new Hono();

  app.use('*', securityHeaders());
  app.use('/portal/*', bodyLimits());

  app.get('/healthz', async (c) => {
    try {
      // Within the portal's deadline: a database that hangs is unhealthy, not a hanging check.
      const abortSignal = AbortSignal.timeout(deps.config.PORTAL_TIMEOUT_SECONDS * 1000);
      await deps.db.doc.send(new GetCommand({ TableName: deps.db.tableName, Key: keys.region('_health') }), { abortSignal });
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false }, 503);
    }
  });

  // The portal lives under /portal/; its bare name leads there (CloudFront's viewer function does the same on AWS).
  app.get('/portal', (c) => c.redirect('/portal/', 301));
  // Behind CloudFront only (web/middleware.ts).
  const fromCloudFront = originGuard(deps.config);
  if (fromCloudFront) app.use('/portal/*', fromCloudFront);
  app.route('/portal', portalApp(deps));
  // The local mailbox, only when running locally (LOCAL_DEV): never on AWS.
  if (deps.outbox) app.route('/dev/mail', devMailRoutes(deps.outbox, deps.signIns));

  app.onError((err, c) => {
    if (err instanceof DomainError) return c.text(err.key, err.status);
    console.error(err);
    return c.text('Internal error', 500);
  });
  return app;
}

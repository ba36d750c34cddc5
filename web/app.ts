import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/db/keys.js';
import { DomainError } from '../shared/errors.js';
import { resolveDeps, type Deps } from './deps.js';
import { isFromOrigin, ORIGIN_SECRET_HEADER, originSecretsOf } from '../shared/config/origin.js';
import { devMailRoutes } from './portal/dev-mail.js';
import { isImportUpload, portalApp } from './portal/index.js';
import { SITE_CSS_HASH } from './ui/assets.js';

const TOO_LARGE =
  '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Te groot / Too large</title><h1>Te groot / Too large</h1>' +
  '<p lang="nl">Wat u stuurde is te groot. Maak het korter en probeer het opnieuw.</p><p lang="en">What you sent is too large. Make it shorter and try again.</p></html>';

/** The whole dynamic app: health and the portal. Resident pages are static files (web/site/publish.ts). */
export function createApp(given: Deps) {
  const deps = resolveDeps(given);
  const app = new Hono();

  // No inline script anywhere (pages work as plain HTML); the one inline style is the resident
  // pages' stylesheet, admitted by its hash; no framing; forms post to us only.
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", SITE_CSS_HASH],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      // Links to other sites carry no Referer; posts within the site keep it (portal/index.tsx sameOrigin).
      referrerPolicy: 'same-origin',
    }),
  );

  // Request bodies are small forms; only the desk's CSV upload (at most 500 rows) is larger.
  const tooLarge = bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.html(TOO_LARGE, 413) });
  const upload = bodyLimit({ maxSize: 2 * 1024 * 1024, onError: (c) => c.html(TOO_LARGE, 413) });
  app.use('/portal/*', (c, next) => (isImportUpload(c.req.path) ? upload : tooLarge)(c, next));

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
  // Behind CloudFront only: a request that did not come through it (straight to the API's address,
  // with a forged CloudFront-Viewer-Address, say) lacks the origin secret and is refused.
  const originSecrets = originSecretsOf(deps.config);
  if (originSecrets.length > 0) {
    app.use('/portal/*', async (c, next) => {
      if (!isFromOrigin(originSecrets, c.req.header(ORIGIN_SECRET_HEADER))) return c.text('Forbidden', 403);
      await next();
    });
  }
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

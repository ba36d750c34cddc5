import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../shared/errors.js';
import { DEFAULT_LOCALE, loadCatalogue } from '../shared/i18n/index.js';
import { resolveDeps, type Deps } from './deps.js';
import { bodyLimits, databaseUnavailable, deadline, originGuard, sameOriginPosts, securityHeaders } from './middleware.js';
import type { Portal, PortalEnv } from './portal/env.js';
import { residentError, residentRoutes, residentUnavailable } from './portal/residents.js';

/**
 * The residents' form function on AWS: only what the static site's forms post to
 * (`/portal/interest`, `/portal/cancel`: web/portal/residents.tsx), behind the same guards as
 * the portal (web/middleware.ts), and nothing of the staff portal, so that its cold start stays
 * small (scripts/bench-bundles.ts). infra/constructs/api.ts routes RESIDENT_ROUTES here; every
 * other path goes to the staff portal (web/app.ts), which serves these routes too under `npm start`.
 */
export function createResidentApp(given: Deps) {
  const deps = resolveDeps(given);
  const p: Portal = { deps, ctx: { db: deps.db, mail: deps.mail, clock: deps.clock, config: deps.config } };
  const app = new Hono<PortalEnv>();
  app.use('*', securityHeaders());
  app.use('/portal/*', bodyLimits());
  const fromCloudFront = originGuard(deps.config);
  if (fromCloudFront) app.use('/portal/*', fromCloudFront);
  app.use('/portal/*', deadline(deps.config));
  app.use('/portal/*', sameOriginPosts(deps.config));
  app.use('/portal/*', async (c, next) => {
    await next();
    // A resident's reference code and details: not for any cache.
    c.header('Cache-Control', 'no-store');
  });
  app.route('/portal', residentRoutes(p));

  /** Before the form's language is known (a refused cross-site post, say): Dutch, the site's default. */
  const localeOf = async (c: Context<PortalEnv>) => {
    const locale = c.get('residentLocale') ?? DEFAULT_LOCALE;
    await loadCatalogue(locale);
    return locale;
  };
  app.notFound(async (c) => residentError(c, await localeOf(c), 'error.not_found', 404));
  app.onError(async (err, c) => {
    const locale = await localeOf(c);
    if (err instanceof DomainError) return residentError(c, locale, err.key, err.status);
    if (err instanceof HTTPException && err.status === 403) return residentError(c, locale, 'error.forbidden', 403);
    if ((err instanceof HTTPException && err.status === 503) || databaseUnavailable(err)) {
      console.error('resident request failed, database unavailable or deadline passed:', c.req.method, c.req.path, (err as Error).message);
      return residentUnavailable(c, locale);
    }
    console.error(err);
    return residentError(c, locale, 'error.unavailable', 500);
  });
  return app;
}

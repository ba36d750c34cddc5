import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { timeout } from 'hono/timeout';
import { DomainError } from '../../shared/errors.js';
import { t, type Params } from '../../shared/i18n/index.js';
import { ANONYMOUS } from '../../shared/services/actor.js';
import { actorOfSession } from '../../shared/services/auth.js';
import type { ResolvedDeps } from '../deps.js';
import { adminRoutes } from './admin.js';
import { adminAccountRoutes } from './admin-accounts.js';
import { authRoutes } from './auth.js';
import { localeOf, sessionCookie, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { deskRoutes } from './desk.js';
import { employerRoutes } from './employer.js';
import { summaryRoutes } from './summaries.js';
import { guideRoutes } from './guide.js';
import { homeRoutes } from './home.js';
import { deskInterestRoutes } from './interests.js';
import { introductionRoutes } from './introductions.js';
import { listingRoutes } from './listings.js';
import { PortalPage } from './layout.js';
import { navFor } from './nav.js';
import { privacyRoutes } from './privacy.js';
import { privacyNoticeRoutes } from './privacy-notice.js';
import { reportRoutes } from './report.js';
import { residentRoutes, residentUnavailable } from './residents.js';
import { PORTAL_STYLESHEET } from './style.js';

/**
 * The portal for employers, desks and admins: server-rendered pages and plain HTML forms,
 * mounted at /portal. Who may do what is decided in the use cases (shared/services); routes
 * only turn forms into input and outcomes into pages.
 */
export function portalApp(deps: ResolvedDeps) {
  const p: Portal = { deps, ctx: { db: deps.db, mail: deps.mail, clock: deps.clock, config: deps.config } };
  const app = new Hono<PortalEnv>();

  app.get(PORTAL_STYLESHEET.path.replace('/portal', ''), (c) =>
    c.body(PORTAL_STYLESHEET.body, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' }),
  );

  app.use('*', async (c, next) => {
    c.set('locale', localeOf(p, c));
    c.set('actor', ANONYMOUS);
    c.set('nav', []);
    await next();
    // Pages hold personal data: no cache between the portal and the person.
    c.header('Cache-Control', 'no-store');
  });
  // A database that hangs must not hang the page: past the deadline the person gets the 503
  // "try again" page (onError below). What the request was doing goes on in the background and
  // may still complete: nothing was acknowledged. The desk's CSV upload is exempt (up to 500 rows,
  // each a few writes; cut off, it would go on unseen and be sent again): a database that hangs
  // still fails it, by the DynamoDB client's own timeout (shared/db/client.ts).
  const deadline = timeout(deps.config.PORTAL_TIMEOUT_SECONDS * 1000, () => new HTTPException(503, { message: 'portal request deadline passed' }));
  app.use('*', (c, next) => (c.req.method === 'POST' && isImportUpload(c.req.path) ? next() : deadline(c, next)));
  // Form posts from other sites are refused (the origin is configured: behind CloudFront the
  // request's own URL names the API's host, not the public one). See sameOrigin below for a
  // browser that sends `Origin: null` and no Sec-Fetch-Site.
  app.use('*', csrf({ origin: (origin, c) => sameOrigin(deps.config.PUBLIC_ORIGIN, origin, c.req.header('referer')) }));
  app.use('*', async (c, next) => {
    const actor = await actorOfSession(p.ctx, sessionCookie(p, c));
    c.set('actor', actor);
    if (actor.kind === 'person') c.set('nav', await navFor(p, actor, c.get('locale')));
    await next();
  });

  app.route('/', authRoutes(p));
  // Residents' forms from the static site: no account needed.
  app.route('/', residentRoutes(p));
  // The privacy notice and the employer guide: readable before signing in or up.
  app.route('/', privacyNoticeRoutes(p));
  app.route('/', guideRoutes(p));

  // Everything below needs a signed-in person.
  app.use('*', async (c, next) => {
    if (c.get('actor').kind !== 'person') return c.redirect('/portal/login', c.req.method === 'GET' ? 302 : 303);
    await next();
  });
  app.route('/', homeRoutes(p));
  app.route('/', employerRoutes(p));
  app.route('/', listingRoutes(p));
  app.route('/', summaryRoutes(p));
  app.route('/', introductionRoutes(p));
  // Before the desk's /desk/:regionId, which would take "privacy" for a region.
  app.route('/', privacyRoutes(p));
  app.route('/', deskRoutes(p));
  app.route('/', deskInterestRoutes(p));
  app.route('/', reportRoutes(p));
  app.route('/', adminRoutes(p));
  app.route('/', adminAccountRoutes(p));

  // Last: any other path under /portal (a sub-app's notFound is not used once mounted).
  app.all('*', (c) => errorPage(c, 'error.not_found', 404));
  app.onError((err, c) => {
    const pc = c as PortalContext;
    if (err instanceof DomainError) return errorPage(pc, err.key, err.status, err.params);
    if (err instanceof HTTPException && err.status === 403) return errorPage(pc, 'portal.error.crossSite', 403);
    // Past the deadline above (most likely a database that hangs), or a database that refuses.
    const deadline = err instanceof HTTPException && err.status === 503;
    if (deadline || databaseUnavailable(err)) {
      console.error(deadline ? 'portal request deadline passed:' : 'database unavailable:', c.req.method, c.req.path, deadline ? '' : (err as Error).message);
      const residentLocale = pc.get('residentLocale');
      return residentLocale ? residentUnavailable(c, residentLocale) : errorPage(pc, 'portal.error.unavailable', 503);
    }
    console.error(err);
    return errorPage(pc, 'portal.error.unexpected', 500);
  });
  return app;
}

/**
 * Whether a form post comes from the site itself. `Origin` names the public origin: yes. Some
 * browsers send `Origin: null` (a page still cached from when the site said
 * `Referrer-Policy: no-referrer`, or privacy settings) and no Sec-Fetch-Site: then the `Referer`, which
 * `Referrer-Policy: same-origin` keeps on posts within the site, must be a page of the site.
 * A post from elsewhere carries neither (same-origin sends no Referer to other sites).
 */
export function sameOrigin(publicOrigin: string, origin: string, referer: string | undefined): boolean {
  if (origin === publicOrigin) return true;
  if (origin !== 'null' || !referer) return false;
  try {
    return new URL(referer).origin === publicOrigin;
  } catch {
    return false;
  }
}

/** The desk's CSV import (a larger body, a longer request): app.ts and the deadline above treat it apart. */
export const isImportUpload = (path: string) => /^\/portal\/desk\/[^/]+\/import$/.test(path);

/** Errors of the AWS SDK that mean DynamoDB cannot be reached or will not answer now: worth trying again soon. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'TimeoutError', 'RequestTimeout', 'ServiceUnavailable', 'InternalServerError', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);
export function databaseUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; cause?: unknown; errors?: unknown[] } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (UNAVAILABLE.has(e.name ?? '') || UNAVAILABLE.has(e.code ?? '')) return true;
  return databaseUnavailable(e.cause) || (Array.isArray(e.errors) && e.errors.some(databaseUnavailable));
}

/**
 * An error page that helps: what happened in plain words and a way on. Not allowed (403) and
 * not found (404) say why that may be and list where this person can go (their navigation);
 * someone not signed in gets the sign-in link.
 */
function errorPage(c: PortalContext, key: Parameters<typeof t>[1], status: 400 | 403 | 404 | 409 | 422 | 429 | 500 | 503, params?: Params) {
  const actor = c.get('actor');
  const nav = c.get('nav') ?? [];
  const title = status === 403 ? 'portal.error.forbiddenTitle' : status === 404 ? 'portal.error.notFoundTitle' : 'portal.error.title';
  const message: Parameters<typeof t>[1] = key === 'error.forbidden' ? 'portal.error.forbidden' : key === 'error.not_found' ? 'portal.error.notFound' : key;
  return c.html(
    <PortalPage c={c} title={tr(c, title)}>
      <h1>{tr(c, title)}</h1>
      <p class="error-message" id="error-message" data-status={String(status)}>
        {tr(c, message, { ...params, email: actor?.kind === 'person' ? actor.email : '' })}
      </p>
      {status === 409 ? <p>{tr(c, 'portal.error.conflictHint')}</p> : null}
      {(status === 403 || status === 404) && nav.length > 0 ? (
        <>
          <p>{tr(c, 'portal.error.whereTo')}</p>
          <ul class="cards" id="way-back">
            {nav.map((item) => (
              <li>
                <a href={item.href}>{item.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {actor?.kind === 'person' ? <a href="/portal/">{tr(c, 'portal.error.home')}</a> : <a href="/portal/login">{tr(c, 'portal.error.signIn')}</a>}
      </p>
    </PortalPage>,
    status,
  );
}

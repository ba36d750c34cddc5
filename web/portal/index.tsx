import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../../shared/errors.js';
import { loadCatalogue, t, type Params } from '../../shared/i18n/index.js';
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
import { databaseUnavailable, deadline, sameOriginPosts } from '../middleware.js';
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
    // Staff pages may use resident messages in their own language (nl or en); in the bundled
    // function the resident catalogues are loaded on first use (shared/i18n/catalogues-staff.ts).
    await Promise.all([loadCatalogue('nl'), loadCatalogue('en')]);
    c.set('locale', localeOf(p, c));
    c.set('actor', ANONYMOUS);
    c.set('nav', []);
    await next();
    // Pages hold personal data: no cache between the portal and the person.
    c.header('Cache-Control', 'no-store');
  });
  // Past the deadline: the 503 "try again" page (onError below). Form posts from other sites:
  // refused, 403 (web/middleware.ts, also for a browser that sends `Origin: null`).
  app.use('*', deadline(deps.config));
  app.use('*', sameOriginPosts(deps.config));
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

import { Hono } from 'hono';
import { tr, type Portal, type PortalEnv } from './env.js';
import { PortalPage } from './layout.js';

/** The portal's start page: where this person can go. */
export function homeRoutes(_p: Portal) {
  const app = new Hono<PortalEnv>();
  // `/portal/` (what CloudFront's /portal/* sends) and `/portal`.
  app.get('/:home{/?}', (c) => {
    const nav = c.get('nav');
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.home.title')}>
        <h1>{tr(c, 'portal.home.title')}</h1>
        {nav.length === 0 ? (
          <p>{tr(c, 'portal.home.noAccess')}</p>
        ) : (
          <ul class="cards">
            {nav.map((item) => (
              <li>
                <a href={item.href}>{item.label}</a>
                {item.count !== undefined ? <span class="count">{` ${tr(c, 'portal.home.waiting', { count: item.count })}`}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </PortalPage>,
    );
  });
  app.get('/', (c) => c.redirect('/portal/'));
  return app;
}

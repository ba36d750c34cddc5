import { Hono } from 'hono';
import { acceptInvitation, declineInvitation, myInvitations } from '../../shared/services/accounts.js';
import { tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { PortalPage } from './layout.js';

/** The portal's start page: where this person can go, and the invitations waiting for a yes or no. */
export function homeRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const home = async (c: PortalContext, notice?: string) => {
    const nav = c.get('nav');
    const invitations = await myInvitations(p.ctx, c.get('actor'));
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.home.title')}>
        <h1>{tr(c, 'portal.home.title')}</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        {invitations.length > 0 ? (
          <section id="invitations">
            <h2>{tr(c, 'portal.invitations.title')}</h2>
            <ul class="cards">
              {invitations.map(({ invitation, organisation }) => (
                <li data-organisation={organisation.id}>
                  <p>{tr(c, 'portal.invitations.from', { organisation: organisation.name, by: invitation.invitedBy })}</p>
                  <div class="actions">
                    <form method="post" action={`/portal/invitations/${organisation.id}/accept`}>
                      <button type="submit">{tr(c, 'portal.invitations.accept')}</button>
                    </form>
                    <form method="post" action={`/portal/invitations/${organisation.id}/decline`}>
                      <button type="submit" class="secondary">
                        {tr(c, 'portal.invitations.decline')}
                      </button>
                    </form>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {nav.length === 0 ? (
          invitations.length === 0 ? <p>{tr(c, 'portal.home.noAccess')}</p> : null
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
  };
  // `/portal/` (what CloudFront's /portal/* sends) and `/portal`.
  app.get('/:home{/?}', (c) => home(c));
  app.get('/', (c) => c.redirect('/portal/'));

  app.post('/invitations/:orgId/accept', async (c) => {
    const organisation = await acceptInvitation(p.ctx, c.get('actor'), c.req.param('orgId'));
    return c.redirect(`/portal/org/${organisation.id}`, 303);
  });
  app.post('/invitations/:orgId/decline', async (c) => {
    const name = (await myInvitations(p.ctx, c.get('actor'))).find((i) => i.organisation.id === c.req.param('orgId'))?.organisation.name ?? '';
    await declineInvitation(p.ctx, c.get('actor'), c.req.param('orgId'));
    return home(c, tr(c, 'portal.invitations.declined', { organisation: name }));
  });
  return app;
}

import { Hono } from 'hono';
import { acceptInvitation, declineInvitation, getOrganisationFor, myInvitations } from '../../shared/services/accounts.js';
import { employerOrganisations } from '../../shared/services/actor.js';
import { employerDashboard } from '../../shared/services/dashboard.js';
import { acceptTranslatorInvitation, declineTranslatorInvitation, myTranslatorInvitations } from '../../shared/services/summaries.js';
import { Invitations, OrganisationDashboard } from './dashboard.js';
import { tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { PortalPage } from './layout.js';

/**
 * The portal's start page. An employer lands on the dashboard of their organisation(s) (every
 * listing with its status, reactions, introductions and next step); everyone sees the
 * invitations waiting for a yes or no, and where else they can go (desk, reports, admin).
 */
export function homeRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const home = async (c: PortalContext, notice?: string, status: 200 | 409 = 200) => {
    const actor = c.get('actor');
    const nav = c.get('nav');
    const [invitations, translating] = await Promise.all([myInvitations(p.ctx, actor), myTranslatorInvitations(p.ctx, actor)]);
    const organisationIds = employerOrganisations(actor);
    const dashboards = await Promise.all(
      organisationIds.map(async (id) => {
        const organisation = await getOrganisationFor(p.deps.db, actor, id).catch(() => undefined);
        return organisation ? { organisation, ...(await employerDashboard(p.deps.db, actor, id)) } : undefined;
      }),
    );
    const shown = dashboards.filter((d) => d !== undefined);
    // The rest of the navigation: what the dashboards above do not already show.
    const elsewhere = nav.filter((item) => !shown.some((d) => item.href === `/portal/org/${d.organisation.id}`));
    const title = tr(c, shown.length > 0 ? 'portal.dashboard.title' : 'portal.home.title');
    return c.html(
      <PortalPage c={c} title={title}>
        <h1>{title}</h1>
        {notice ? (
          <p class="notice" role="status" id="done">
            {notice}
          </p>
        ) : null}
        <Invitations c={c} invitations={invitations} translating={translating} />
        {shown.map((d) => (
          <OrganisationDashboard c={c} organisation={d.organisation} rows={d.rows} cursor={d.cursor} heading="h2" />
        ))}
        {nav.length === 0 && invitations.length === 0 && translating.length === 0 ? <p>{tr(c, 'portal.home.noAccess')}</p> : null}
        {elsewhere.length > 0 ? (
          <ul class="cards" id="elsewhere">
            {elsewhere.map((item) => (
              <li>
                <a href={item.href}>{item.label}</a>
                {item.count !== undefined ? <span class="count">{` ${tr(c, 'portal.home.waiting', { count: item.count })}`}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </PortalPage>,
      status,
    );
  };
  // `/portal/` (what CloudFront's /portal/* sends) and `/portal`.
  app.get('/:home{/?}', (c) => home(c));
  app.get('/', (c) => c.redirect('/portal/'));

  app.post('/invitations/:orgId/accept', async (c) => {
    const joined = await acceptInvitation(p.ctx, c.get('actor'), c.req.param('orgId'));
    // A blocked organisation takes nobody in: the invitation stays, and the person is told why.
    if (joined.blocked) return home(c, tr(c, 'portal.invitations.blocked', { organisation: joined.organisation.name }), 409);
    return c.redirect(`/portal/org/${joined.organisation.id}?done=joined`, 303);
  });
  app.post('/invitations/translate/:regionId/accept', async (c) => {
    const regionId = c.req.param('regionId');
    await acceptTranslatorInvitation(p.ctx, c.get('actor'), regionId);
    return c.redirect(`/portal/translate/${regionId}?done=translatorJoined`, 303);
  });
  app.post('/invitations/translate/:regionId/decline', async (c) => {
    const regionId = c.req.param('regionId');
    const region = (await myTranslatorInvitations(p.ctx, c.get('actor'))).find((i) => i.invitation.regionId === regionId)?.regionName ?? regionId;
    await declineTranslatorInvitation(p.ctx, c.get('actor'), regionId);
    return home(c, tr(c, 'portal.invitations.translatorDeclined', { region }));
  });
  app.post('/invitations/:orgId/decline', async (c) => {
    const name = (await myInvitations(p.ctx, c.get('actor'))).find((i) => i.organisation.id === c.req.param('orgId'))?.organisation.name ?? '';
    await declineInvitation(p.ctx, c.get('actor'), c.req.param('orgId'));
    return home(c, tr(c, 'portal.invitations.declined', { organisation: name }));
  });
  return app;
}

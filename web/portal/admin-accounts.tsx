import { Hono } from 'hono';
import { addDays, dutchDay } from '../../shared/domain/dutch-time.js';
import type { AuditEvent } from '../../shared/domain/audit.js';
import { ValidationError } from '../../shared/errors.js';
import { addRegionManager, auditLog, regionManagers, removeEmployerAccount, removeRegionManager, setEmployerBlocked } from '../../shared/services/admin-accounts.js';
import { adminDirectory } from '../../shared/services/admin.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, ErrorSummary, SelectField, TextField, type FormState } from './form.js';
import { dateTime } from './format.js';
import { DoneNotice } from './done.js';
import { PortalPage } from './layout.js';

/** Admins: block and remove employer accounts, region managers, the audit-log viewer. */
export function adminAccountRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();

  app.post('/admin/employers/:id/block', async (c) => {
    const blocked = one((await formOf(c)).blocked) === 'yes';
    await setEmployerBlocked(p.ctx, c.get('actor'), c.req.param('id'), blocked);
    return c.redirect(`/portal/admin/employers?done=${blocked ? 'blocked' : 'unblocked'}`, 303);
  });

  app.post('/admin/employers/:id/remove', async (c) => {
    const { members, closed } = await removeEmployerAccount(p.ctx, c.get('actor'), c.req.param('id'));
    return c.redirect(`/portal/admin/employers?done=removed&members=${members}&closed=${closed}`, 303);
  });

  // Region managers: read-only readers of a region's report.
  const managersPage = async (c: PortalContext, state: FormState, status: 200 | 422 = 200) => {
    const locale = c.get('locale');
    const actor = c.get('actor');
    const [all, { regions }] = await Promise.all([regionManagers(p.deps.db, actor), adminDirectory(p.deps.db, actor)]);
    const name = new Map(regions.map((r) => [r.id, r.name]));
    const labels = { name: tr(c, 'portal.members.name'), email: tr(c, 'portal.members.email'), regionId: tr(c, 'portal.admin.region') };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.admin.managers')}>
        <h1>{tr(c, 'portal.admin.managers')}</h1>
        <DoneNotice c={c} messages={{ managerAdded: 'portal.done.managerAdded', managerRemoved: 'portal.done.managerRemoved' }} />
        <table id="managers">
          <tbody>
            {all.flatMap(({ regionId, managers }) =>
              managers.map((m) => (
                <tr>
                  <td>{name.get(regionId) ?? regionId}</td>
                  <td>{m.email}</td>
                  <td>
                    <ActionButton action="/portal/admin/managers/remove" fields={{ email: m.email, regionId }} class="danger" label={tr(c, 'portal.admin.remove')} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        <h2>{tr(c, 'portal.admin.addManager')}</h2>
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="post" action="/portal/admin/managers" novalidate>
          <TextField locale={locale} state={state} name="name" label={labels.name} required />
          <TextField locale={locale} state={state} name="email" type="email" label={labels.email} required />
          <SelectField locale={locale} state={state} name="regionId" label={labels.regionId} required options={regions.map((r) => ({ value: r.id, label: r.name }))} />
          <button type="submit">{tr(c, 'portal.admin.addManager')}</button>
        </form>
      </PortalPage>,
      status,
    );
  };

  app.get('/admin/managers', (c) => managersPage(c, blankForm()));

  app.post('/admin/managers', async (c) => {
    const form = await formOf(c);
    try {
      await addRegionManager(p.ctx, c.get('actor'), { name: one(form.name), email: one(form.email).trim(), regionId: one(form.regionId) });
    } catch (e) {
      if (e instanceof ValidationError) return managersPage(c, { values: form, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect('/portal/admin/managers?done=managerAdded', 303);
  });

  app.post('/admin/managers/remove', async (c) => {
    const form = await formOf(c);
    await removeRegionManager(p.ctx, c.get('actor'), one(form.email), one(form.regionId));
    return c.redirect('/portal/admin/managers?done=managerRemoved', 303);
  });

  // The audit log: who saw or changed which resident's data, when.
  app.get('/admin/audit', async (c) => {
    const actor = c.get('actor');
    const now = p.ctx.clock.now();
    const today = dutchDay(now);
    const query = { who: c.req.query('who') ?? '', resident: c.req.query('resident') ?? '', from: c.req.query('from') || addDays(today, -6), to: c.req.query('to') || today };
    const searched = query.who !== '' || query.resident !== '';
    let state: FormState = blankForm(query);
    let events: AuditEvent[] | undefined;
    if (searched) {
      try {
        events = await auditLog(p.deps.db, actor, query, now);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        state = { ...state, errors: e.fields };
      }
    } else {
      await adminDirectory(p.deps.db, actor); // admins only, also before a search
    }
    const locale = c.get('locale');
    const labels = { who: tr(c, 'portal.audit.who'), resident: tr(c, 'portal.audit.resident'), from: tr(c, 'portal.report.from'), to: tr(c, 'portal.report.to') };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.audit.title')}>
        <h1>{tr(c, 'portal.audit.title')}</h1>
        <p class="hint">{tr(c, 'portal.audit.hint')}</p>
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="get" action="/portal/admin/audit" class="filters" novalidate>
          <TextField locale={locale} state={state} name="who" type="email" label={labels.who} />
          <TextField locale={locale} state={state} name="resident" label={labels.resident} />
          <TextField locale={locale} state={state} name="from" type="date" label={labels.from} required />
          <TextField locale={locale} state={state} name="to" type="date" label={labels.to} required />
          <button type="submit">{tr(c, 'portal.audit.show')}</button>
        </form>
        {events && events.length === 0 ? <p id="audit-none">{tr(c, 'portal.audit.none')}</p> : null}
        {events && events.length > 0 ? (
          <table id="audit">
            <thead>
              <tr>
                <th scope="col">{tr(c, 'portal.audit.at')}</th>
                <th scope="col">{tr(c, 'portal.audit.who')}</th>
                <th scope="col">{tr(c, 'portal.audit.action')}</th>
                <th scope="col">{tr(c, 'portal.audit.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr data-action={e.action}>
                  <td>
                    <time datetime={e.at}>{dateTime(c, e.at)}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    <code>{`${e.subject.type} ${e.subject.id}`}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </PortalPage>,
      searched && !events ? 422 : 200,
    );
  });

  return app;
}

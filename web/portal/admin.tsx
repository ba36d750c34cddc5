import { Hono } from 'hono';
import { minimumWageOn, missingMinimumWageRates } from '../../shared/config/minimum-wage.js';
import { formatMoney } from '../../shared/i18n/format.js';
import { hasValidDeclaration, isPartner, type PostingKind } from '../../shared/domain/organisation.js';
import { ValidationError } from '../../shared/errors.js';
import type { Location } from '../../shared/domain/region.js';
import { addDeskMember, adminDirectory, deskStaff, listEmployers, removeDeskMember, saveLocation, saveRegion, setTrusted } from '../../shared/services/admin.js';
import { queueCount } from '../../shared/services/moderation.js';
import { findPlace } from '../../shared/services/places.js';
import { regionTotals } from '../../shared/services/admin-accounts.js';
import { number } from './format.js';
import { formOf, many, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, CheckboxGroup, ErrorSummary, SelectField, TextField, type FormState } from './form.js';
import { DoneNotice } from './done.js';
import { PortalPage } from './layout.js';

/** Admins: regions and locations, desk staff with their scopes, trusted employers. */
export function adminRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();

  app.get('/admin', async (c) => {
    const actor = c.get('actor');
    const { regions } = await adminDirectory(p.deps.db, actor);
    const counts = await Promise.all(regions.map((r) => queueCount(p.deps.db, actor, r.id)));
    const totals = await regionTotals(p.deps.db, actor, p.ctx.clock.now());
    // The minimum-wage table must hold the rate for today and the next change (1 January, 1 July).
    const today = p.ctx.clock.now().toISOString().slice(0, 10);
    const missing = missingMinimumWageRates(today);
    const inForce = minimumWageOn(today);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.admin.title')}>
        <h1>{tr(c, 'portal.admin.title')}</h1>
        {missing.length > 0 ? (
          <div class="error-summary" role="alert" id="wage-table-warning">
            <h2>{tr(c, 'portal.admin.wageTable.title')}</h2>
            <p>{tr(c, 'portal.admin.wageTable.missing', { dates: missing.join(', ') })}</p>
            <p>
              {inForce
                ? tr(c, 'portal.admin.wageTable.meanwhile', { minimum: formatMoney(c.get('locale'), inForce.euros), date: inForce.from })
                : tr(c, 'portal.admin.wageTable.none')}
            </p>
            <p class="hint">{tr(c, 'portal.admin.wageTable.how')}</p>
          </div>
        ) : null}
        <ul class="cards">
          <li>
            <a href="/portal/admin/regions">{tr(c, 'portal.admin.regions')}</a>
          </li>
          <li>
            <a href="/portal/admin/desks">{tr(c, 'portal.admin.desks')}</a>
          </li>
          <li>
            <a href="/portal/admin/employers">{tr(c, 'portal.admin.employers')}</a>
          </li>
          <li>
            <a href="/portal/admin/managers">{tr(c, 'portal.admin.managers')}</a>
          </li>
          <li>
            <a href="/portal/admin/audit">{tr(c, 'portal.audit.title')}</a>
          </li>
          <li>
            <a href="/portal/admin/report">{tr(c, 'portal.report.national')}</a>
          </li>
        </ul>
        <h2>{tr(c, 'portal.admin.totals')}</h2>
        <table id="totals">
          <thead>
            <tr>
              <th scope="col">{tr(c, 'portal.admin.totals.region')}</th>
              <th scope="col">{tr(c, 'portal.admin.totals.pending')}</th>
              <th scope="col">{tr(c, 'portal.admin.totals.published')}</th>
              <th scope="col">{tr(c, 'portal.admin.totals.residents')}</th>
              <th scope="col">{tr(c, 'portal.admin.totals.introduced')}</th>
              <th scope="col">{tr(c, 'portal.admin.totals.started')}</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((t) => (
              <tr data-region={t.regionId}>
                <th scope="row">
                  <a href={`/portal/desk/${t.regionId}/report`}>{t.name}</a>
                </th>
                <td data-col="pending">{number(c, t.pending)}</td>
                <td data-col="published">{number(c, t.published)}</td>
                <td data-col="residents">{number(c, t.residents)}</td>
                <td data-col="introduced">{number(c, t.introduced)}</td>
                <td data-col="started">{number(c, t.started)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{tr(c, 'portal.admin.queues')}</h2>
        <ul class="cards">
          {regions.map((r, i) => (
            <li>
              <a href={`/portal/desk/${r.id}`}>{tr(c, 'portal.desk.title', { region: r.name })}</a>{' '}
              <span class="count">{tr(c, 'portal.home.waiting', { count: counts[i] ?? 0 })}</span>
            </li>
          ))}
        </ul>
      </PortalPage>,
    );
  });

  // Regions and locations.
  const LOCATION_FIELDS = ['id', 'regionId', 'name', 'municipality', 'province', 'place', 'deskAddress', 'deskHours', 'deskPhone'] as const;

  /** Where a location is for distances, in words: the centre of the place the admin named, or the seeded coordinates. */
  const positionOf = (c: PortalContext, l: Location) => {
    if (!l.place) return tr(c, 'portal.admin.location.seededPosition', { lat: l.lat, lon: l.lon });
    const found = findPlace(l.place);
    return tr(c, 'portal.admin.location.centreOf', { place: 'found' in found ? `${found.found.name} (${found.found.province})` : l.place, lat: l.lat, lon: l.lon });
  };

  const directoryPage = async (c: PortalContext, o: { region?: FormState; location?: FormState } = {}, status: 200 | 422 = 200) => {
    const locale = c.get('locale');
    const { regions, locations } = await adminDirectory(p.deps.db, c.get('actor'));
    const region = o.region ?? blankForm();
    const location = o.location ?? blankForm();
    // The location being edited (its code in the form): the place field may stay empty to keep its position.
    const editing = locations.find((l) => l.id === (location.values.id ?? '').toString().trim());
    // The location just saved, to say where it now is.
    const saved = locations.find((l) => l.id === c.req.query('saved'));
    const rl = { id: tr(c, 'portal.admin.id'), name: tr(c, 'portal.admin.name') };
    const ll: Record<string, string> = Object.fromEntries(LOCATION_FIELDS.map((k) => [k, tr(c, `portal.admin.location.${k}`)]));
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.admin.regions')}>
        <h1>{tr(c, 'portal.admin.regions')}</h1>
        <DoneNotice
          c={c}
          messages={{ regionCreated: 'portal.done.regionCreated', regionUpdated: 'portal.done.regionUpdated', ...(saved ? { locationCreated: 'portal.done.locationCreated', locationUpdated: 'portal.done.locationUpdated' } : {}) }}
          params={saved ? { position: positionOf(c, saved) } : {}}
        />
        <p class="hint">{tr(c, 'portal.admin.regionsHint')}</p>
        {regions.map((r) => (
          <section id={`region-${r.id}`}>
            <h2>
              {r.name} <code>{r.id}</code>
            </h2>
            <table>
              <tbody>
                {locations
                  .filter((l) => l.regionId === r.id)
                  .map((l) => (
                    <tr>
                      <td>
                        <a href={`/portal/admin/regions?location=${l.id}#location-form`}>{l.name}</a>
                      </td>
                      <td>{l.municipality}</td>
                      <td>{l.province}</td>
                      <td>{positionOf(c, l)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ))}
        <h2 id="region-form">{tr(c, 'portal.admin.saveRegion')}</h2>
        <ErrorSummary locale={locale} state={region} labels={rl} />
        <form method="post" action="/portal/admin/regions" novalidate>
          <TextField locale={locale} state={region} name="id" label={rl.id} hint={tr(c, 'portal.admin.idHint')} required />
          <TextField locale={locale} state={region} name="name" label={rl.name} required />
          <button type="submit">{tr(c, 'portal.listing.save')}</button>
        </form>
        <h2 id="location-form">{tr(c, 'portal.admin.saveLocation')}</h2>
        <ErrorSummary locale={locale} state={location} labels={ll} prefix="location-" />
        <form method="post" action="/portal/admin/locations" novalidate>
          <TextField locale={locale} state={location} prefix="location-" name="id" label={ll.id!} hint={tr(c, 'portal.admin.idHint')} required />
          <SelectField locale={locale} state={location} prefix="location-" name="regionId" label={ll.regionId!} required options={regions.map((r) => ({ value: r.id, label: r.name }))} />
          <TextField locale={locale} state={location} prefix="location-" name="name" label={ll.name!} required />
          <TextField locale={locale} state={location} prefix="location-" name="municipality" label={ll.municipality!} required />
          <TextField locale={locale} state={location} prefix="location-" name="province" label={ll.province!} required />
          <TextField
            locale={locale}
            state={location}
            prefix="location-"
            name="place"
            label={ll.place!}
            hint={[tr(c, 'portal.admin.location.placeHint'), editing ? tr(c, 'portal.admin.location.placeNow', { position: positionOf(c, editing) }) : ''].filter(Boolean).join(' ')}
            required={!editing}
          />
          <TextField locale={locale} state={location} prefix="location-" name="deskAddress" label={ll.deskAddress!} hint={tr(c, 'portal.admin.location.deskHint')} />
          <TextField locale={locale} state={location} prefix="location-" name="deskHours" label={ll.deskHours!} />
          <TextField locale={locale} state={location} prefix="location-" name="deskPhone" label={ll.deskPhone!} inputmode="tel" />
          <button type="submit">{tr(c, 'portal.listing.save')}</button>
        </form>
      </PortalPage>,
      status,
    );
  };

  app.get('/admin/regions', async (c) => {
    const id = c.req.query('location');
    const { locations } = await adminDirectory(p.deps.db, c.get('actor'));
    const current: Location | undefined = locations.find((l) => l.id === id);
    return directoryPage(c, current ? { location: blankForm(Object.fromEntries(LOCATION_FIELDS.map((k) => [k, String(current[k] ?? '')]))) } : {});
  });

  app.post('/admin/regions', async (c) => {
    const form = await formOf(c);
    let done: string;
    try {
      const known = (await adminDirectory(p.deps.db, c.get('actor'))).regions.some((r) => r.id === one(form.id).trim());
      await saveRegion(p.ctx, c.get('actor'), { id: one(form.id).trim(), name: one(form.name) });
      done = known ? 'regionUpdated' : 'regionCreated';
    } catch (e) {
      if (e instanceof ValidationError) return directoryPage(c, { region: { values: form, errors: e.fields } }, 422);
      throw e;
    }
    return c.redirect(`/portal/admin/regions?done=${done}`, 303);
  });

  app.post('/admin/locations', async (c) => {
    const form = await formOf(c);
    const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());
    const input = {
      ...Object.fromEntries(['id', 'regionId', 'name', 'municipality', 'province', 'place'].map((k) => [k, one(form[k]).trim()])),
      ...Object.fromEntries(['deskAddress', 'deskHours', 'deskPhone'].map((k) => [k, optional(one(form[k]))])),
    };
    let done: string;
    let saved: Location;
    try {
      const known = (await adminDirectory(p.deps.db, c.get('actor'))).locations.some((l) => l.id === one(form.id).trim());
      saved = await saveLocation(p.ctx, c.get('actor'), input);
      done = known ? 'locationUpdated' : 'locationCreated';
    } catch (e) {
      if (e instanceof ValidationError) return directoryPage(c, { location: { values: form, errors: e.fields } }, 422);
      throw e;
    }
    return c.redirect(`/portal/admin/regions?done=${done}&saved=${encodeURIComponent(saved.id)}#done`, 303);
  });

  // Desk staff and their scopes.
  const desksPage = async (c: PortalContext, state: FormState, status: 200 | 422 = 200) => {
    const locale = c.get('locale');
    const actor = c.get('actor');
    const staff = await deskStaff(p.deps.db, actor);
    const { regions, locations } = await adminDirectory(p.deps.db, actor);
    const name = new Map(regions.map((r) => [r.id, r.name]));
    const locationName = new Map(locations.map((l) => [l.id, l.name]));
    const labels = { name: tr(c, 'portal.members.name'), email: tr(c, 'portal.members.email'), regionId: tr(c, 'portal.admin.region'), locationIds: tr(c, 'portal.admin.scope') };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.admin.desks')}>
        <h1>{tr(c, 'portal.admin.desks')}</h1>
        <DoneNotice c={c} messages={{ deskAdded: 'portal.done.deskAdded', deskRemoved: 'portal.done.deskRemoved' }} />
        <table>
          <tbody>
            {staff.flatMap(({ regionId, staff: members }) =>
              members.map((m) => (
                <tr>
                  <td>{name.get(regionId) ?? regionId}</td>
                  <td>{m.email}</td>
                  <td>{m.role === 'desk' && m.locationIds.length > 0 ? m.locationIds.map((l) => locationName.get(l) ?? l).join(', ') : tr(c, 'portal.admin.wholeRegion')}</td>
                  <td>
                    <ActionButton action="/portal/admin/desks/remove" fields={{ email: m.email, regionId }} class="danger" label={tr(c, 'portal.admin.remove')} />
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
        <h2>{tr(c, 'portal.admin.addDesk')}</h2>
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="post" action="/portal/admin/desks" novalidate>
          <TextField locale={locale} state={state} name="name" label={labels.name} required />
          <TextField locale={locale} state={state} name="email" type="email" label={labels.email} required />
          <SelectField locale={locale} state={state} name="regionId" label={labels.regionId} required options={regions.map((r) => ({ value: r.id, label: r.name }))} />
          <p class="hint">{tr(c, 'portal.admin.scopeHint')}</p>
          <CheckboxGroup locale={locale} state={state} name="locationIds" label={labels.locationIds} options={locations.map((l) => ({ value: l.id, label: `${l.name} (${name.get(l.regionId) ?? l.regionId})` }))} />
          <button type="submit">{tr(c, 'portal.admin.addDesk')}</button>
        </form>
      </PortalPage>,
      status,
    );
  };

  app.get('/admin/desks', (c) => desksPage(c, blankForm()));

  app.post('/admin/desks', async (c) => {
    const form = await formOf(c);
    try {
      await addDeskMember(p.ctx, c.get('actor'), { name: one(form.name), email: one(form.email).trim(), regionId: one(form.regionId), locationIds: many(form.locationIds) });
    } catch (e) {
      if (e instanceof ValidationError) return desksPage(c, { values: form, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect('/portal/admin/desks?done=deskAdded', 303);
  });

  app.post('/admin/desks/remove', async (c) => {
    const form = await formOf(c);
    await removeDeskMember(p.ctx, c.get('actor'), one(form.email), one(form.regionId));
    return c.redirect('/portal/admin/desks?done=deskRemoved', 303);
  });

  // Trusted employers.
  app.get('/admin/employers', async (c) => {
    const employers = await listEmployers(p.deps.db, c.get('actor'));
    const done = c.req.query('done');
    const today = p.ctx.clock.now().toISOString().slice(0, 10);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.admin.employers')}>
        <h1>{tr(c, 'portal.admin.employers')}</h1>
        <p class="hint">{tr(c, 'portal.admin.trustedHint')}</p>
        <p class="hint">{tr(c, 'portal.admin.accountsHint')}</p>
        {done === 'blocked' || done === 'unblocked' ? <p class="notice" role="status">{tr(c, `portal.admin.done.${done}`)}</p> : null}
        <DoneNotice c={c} messages={{ trusted: 'portal.done.trusted', untrusted: 'portal.done.untrusted' }} />
        {done === 'removed' ? <p class="notice" role="status">{tr(c, 'portal.admin.done.removed', { members: Number(c.req.query('members')) || 0, closed: Number(c.req.query('closed')) || 0 })}</p> : null}
        <table>
          <tbody>
            {employers.map((o) => (
              <tr id={`employer-${o.id}`}>
                <td>
                  <a href={`/portal/org/${o.id}`}>{o.name}</a>
                </td>
                <td>{o.kvk ?? ''}</td>
                <td>{tr(c, isPartner(o) ? `portal.partnerKind.${o.kind}` : `portal.orgKind.${o.kind as PostingKind}`)}</td>
                <td>{hasValidDeclaration(o, today) ? tr(c, 'portal.admin.declarationValid') : ''}</td>
                <td>{o.trusted ? tr(c, 'portal.admin.trusted') : ''}</td>
                <td>
                  <ActionButton action={`/portal/admin/employers/${o.id}/trust`} fields={{ trusted: o.trusted ? 'no' : 'yes' }} class="secondary" label={tr(c, o.trusted ? 'portal.admin.untrust' : 'portal.admin.trust')} />
                </td>
                <td>
                  {o.blockedAt ? <span class="status status-rejected">{tr(c, 'portal.admin.blocked')}</span> : null}{' '}
                  <ActionButton action={`/portal/admin/employers/${o.id}/block`} fields={{ blocked: o.blockedAt ? 'no' : 'yes' }} class="secondary" label={tr(c, o.blockedAt ? 'portal.admin.unblock' : 'portal.admin.block')} />{' '}
                  <ActionButton action={`/portal/admin/employers/${o.id}/remove`} class="danger" label={tr(c, 'portal.admin.removeAccount')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </PortalPage>,
    );
  });

  app.post('/admin/employers/:id/trust', async (c) => {
    const form = await formOf(c);
    const trusted = one(form.trusted) === 'yes';
    await setTrusted(p.ctx, c.get('actor'), c.req.param('id'), trusted);
    return c.redirect(`/portal/admin/employers?done=${trusted ? 'trusted' : 'untrusted'}`, 303);
  });

  return app;
}

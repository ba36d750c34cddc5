import { Hono } from 'hono';
import type { Listing } from '../../shared/domain/listing.js';
import { ValidationError, type FieldError } from '../../shared/errors.js';
import { t, type Params } from '../../shared/i18n/index.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { isAdmin, isDeskOf, isEmployerOf } from '../../shared/services/actor.js';
import { fieldsOfListing, listingInputFromFields } from '../../shared/services/listing-fields.js';
import { changeStatus, setCuration, updateListing } from '../../shared/services/listings.js';
import { decide, getListingFor, listingHistory } from '../../shared/services/moderation.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, TextArea, type FormState } from './form.js';
import { PortalPage } from './layout.js';
import { labelsOf, ListingForm } from './listing-form.js';
import { dateTime } from './format.js';
import { ListingPreview } from './preview.js';

/** One listing: its page (status, reason, actions, preview), edit, the life-cycle actions, history. */
export function listingRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const today = () => p.ctx.clock.now().toISOString().slice(0, 10);

  type Pending = { action: 'reject' | 'requestChanges'; state: FormState };

  async function listingPage(c: PortalContext, listing: Listing, pending?: Pending, status: 200 | 422 = 200, invalid: FieldError[] = []) {
    const actor = c.get('actor');
    const locale = c.get('locale');
    const organisation = await getOrganisation(p.deps.db, listing.organisationId);
    const desk = isDeskOf(actor, listing.regionId);
    const base = `/portal/listings/${listing.id}`;
    const v = listing.version;
    const editable = !['closed', 'expired'].includes(listing.status);
    const reasonForm = (action: Pending['action'], label: string) => {
      const state = pending?.action === action ? pending.state : blankForm();
      return (
        <form method="post" action={`${base}/${action}`} class="reason">
          <input type="hidden" name="version" value={String(v)} />
          <TextArea locale={locale} state={state} name="reason" prefix={`${action}-`} label={tr(c, 'portal.listing.reason')} rows={3} />
          <button type="submit" class="secondary">{label}</button>
        </form>
      );
    };
    const done = c.req.query('done');
    return c.html(
      <PortalPage c={c} title={listing.title}>
        <p class="meta">
          <a href={`/portal/org/${listing.organisationId}`}>{organisation?.name}</a>
        </p>
        <h1>{listing.title}</h1>
        <p>
          <span class={`status status-${listing.status}`} id="listing-status" data-status={listing.status}>
            {tr(c, `status.${listing.status}`)}
          </span>
          {listing.featured ? <span class="status">{` ${tr(c, 'portal.listing.featured')}`}</span> : null}
          {listing.hidden ? <span class="status">{` ${tr(c, 'portal.listing.hidden')}`}</span> : null}
        </p>
        {done ? <p class="notice" role="status">{tr(c, 'portal.listing.saved')}</p> : null}
        {listing.rejectionReason && (listing.status === 'rejected' || listing.status === 'draft') ? (
          <div class="notice">
            <h2>{tr(c, listing.status === 'rejected' ? 'portal.listing.rejectedBecause' : 'portal.listing.changesAsked')}</h2>
            <p>{listing.rejectionReason}</p>
          </div>
        ) : null}
        {invalid.length > 0 ? (
          <div class="error-summary" role="alert" id="listing-invalid">
            <h2>{tr(c, 'portal.listing.invalid')}</h2>
            <ul>
              {invalid.map((e) => (
                <li>
                  {labelsOf(locale)[e.field] ?? e.field}: {t(locale, e.key, e.params as Params)}
                </li>
              ))}
            </ul>
            {editable ? <a href={`${base}/edit`}>{tr(c, 'portal.listing.edit')}</a> : null}
          </div>
        ) : null}
        {listing.status === 'published' && !listing.hidden ? <p class="hint">{tr(c, 'portal.listing.onSite')}</p> : null}
        <div class="actions">
          {editable ? <a href={`${base}/edit`}>{tr(c, 'portal.listing.edit')}</a> : null}
          <a href={`/portal/org/${listing.organisationId}/listings/new?from=${listing.id}`}>{tr(c, 'portal.listing.duplicate')}</a>
          {desk ? <a href={`${base}/history`}>{tr(c, 'portal.listing.history')}</a> : null}
          {desk ? <a href={`/portal/desk/${listing.regionId}/interests?listingId=${listing.id}`}>{tr(c, 'portal.listing.interests')}</a> : null}
          {isEmployerOf(actor, listing.organisationId) || isAdmin(actor) ? <a href={`${base}/introductions`}>{tr(c, 'portal.introductions.link')}</a> : null}
        </div>
        <div class="actions">
          {listing.status === 'draft' || listing.status === 'rejected' ? <ActionButton action={`${base}/submit`} version={v} label={tr(c, 'portal.listing.submit')} /> : null}
          {desk && listing.status === 'pending' ? <ActionButton action={`${base}/approve`} version={v} label={tr(c, 'portal.listing.approve')} /> : null}
          {desk && listing.status === 'published' ? (
            <>
              <ActionButton action={`${base}/${listing.featured ? 'unfeature' : 'feature'}`} version={v} class="secondary" label={tr(c, listing.featured ? 'portal.listing.unfeature' : 'portal.listing.feature')} />
              <ActionButton action={`${base}/${listing.hidden ? 'unhide' : 'hide'}`} version={v} class="secondary" label={tr(c, listing.hidden ? 'portal.listing.unhide' : 'portal.listing.hide')} />
            </>
          ) : null}
          {editable ? <ActionButton action={`${base}/close`} version={v} class="danger" label={tr(c, 'portal.listing.close')} /> : null}
        </div>
        {desk && listing.status === 'pending' ? (
          <div class="actions">
            {reasonForm('requestChanges', tr(c, 'portal.listing.requestChanges'))}
            {reasonForm('reject', tr(c, 'portal.listing.reject'))}
          </div>
        ) : null}
        <h2>{tr(c, 'portal.listing.preview')}</h2>
        <ListingPreview locale={locale} listing={listing} organisation={organisation} />
      </PortalPage>,
      status,
    );
  }

  app.get('/listings/:id', async (c) => listingPage(c, await getListingFor(p.deps.db, c.get('actor'), c.req.param('id'))));

  const editPage = async (c: PortalContext, listing: Listing, state: FormState, status: 200 | 422 = 200) => {
    const directory = await getDirectory(p.deps.db);
    // Editing keeps the region: only its locations are offered.
    const inRegion = { ...directory, locations: directory.locations.filter((l) => l.regionId === listing.regionId) };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.listing.editTitle')}>
        <h1>{tr(c, 'portal.listing.editTitle')}</h1>
        <p class="meta">{listing.title}</p>
        <ListingForm locale={c.get('locale')} state={state} action={`/portal/listings/${listing.id}`} directory={inRegion} today={today()} horizonMonths={p.deps.config.LISTING_HORIZON_MONTHS} version={listing.version} submitLabel={tr(c, 'portal.listing.save')} />
      </PortalPage>,
      status,
    );
  };

  app.get('/listings/:id/edit', async (c) => {
    const listing = await getListingFor(p.deps.db, c.get('actor'), c.req.param('id'));
    return editPage(c, listing, blankForm(fieldsOfListing(listing)));
  });

  app.post('/listings/:id', async (c) => {
    const actor = c.get('actor');
    const listing = await getListingFor(p.deps.db, actor, c.req.param('id'));
    const form = await formOf(c);
    const fields = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, one(v)]));
    try {
      const directory = await getDirectory(p.deps.db);
      const input = listingInputFromFields(fields, listing.organisationId, directory, { today: today(), regionId: listing.regionId });
      await updateListing(p.deps.db, actor, listing.id, Number(one(form.version)) || 0, input, p.ctx.clock, { horizonMonths: p.deps.config.LISTING_HORIZON_MONTHS });
    } catch (e) {
      // The form again, as typed, with the version it was opened at: a lost race stays a 409.
      if (e instanceof ValidationError) return editPage(c, { ...listing, version: Number(one(form.version)) || listing.version }, { values: form, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect(`/portal/listings/${listing.id}?done=saved`, 303);
  });

  app.post('/listings/:id/:action{submit|close|approve|reject|requestChanges|feature|unfeature|hide|unhide}', async (c) => {
    const actor = c.get('actor');
    const id = c.req.param('id');
    const action = c.req.param('action');
    const form = await formOf(c);
    const version = Number(one(form.version)) || 0;
    try {
      switch (action) {
        case 'submit':
        case 'close':
          await changeStatus(p.deps.db, actor, id, version, action, { clock: p.ctx.clock, retention: p.deps.config, horizonMonths: p.deps.config.LISTING_HORIZON_MONTHS });
          break;
        case 'approve':
        case 'reject':
        case 'requestChanges':
          await decide(p.ctx, actor, id, version, action, one(form.reason));
          break;
        default:
          await setCuration(p.deps.db, actor, id, version, action === 'feature' || action === 'unfeature' ? { featured: action === 'feature' } : { hidden: action === 'hide' }, p.ctx.clock);
      }
    } catch (e) {
      if (e instanceof ValidationError && (action === 'reject' || action === 'requestChanges')) {
        const listing = await getListingFor(p.deps.db, actor, id);
        return listingPage(c, listing, { action, state: { values: form, errors: e.fields } }, 422);
      }
      // Submitting or approving a listing that breaks a rule (saved before the rule, or its
      // dates have passed): nothing changes; the page says what to fix.
      if (e instanceof ValidationError && (action === 'submit' || action === 'approve')) {
        return listingPage(c, await getListingFor(p.deps.db, actor, id), undefined, 422, e.fields);
      }
      throw e;
    }
    return c.redirect(`/portal/listings/${id}?done=${action}`, 303);
  });

  app.get('/listings/:id/history', async (c) => {
    const actor = c.get('actor');
    const listing = await getListingFor(p.deps.db, actor, c.req.param('id'));
    const events = await listingHistory(p.deps.db, actor, listing.id);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.history.title')}>
        <h1>{tr(c, 'portal.history.title')}</h1>
        <p>
          <a href={`/portal/listings/${listing.id}`}>{listing.title}</a>
        </p>
        <table>
          <thead>
            <tr>
              <th>{tr(c, 'portal.history.when')}</th>
              <th>{tr(c, 'portal.history.who')}</th>
              <th>{tr(c, 'portal.history.what')}</th>
              <th>{tr(c, 'portal.history.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr>
                <td>
                  <time datetime={e.at}>{dateTime(c, e.at)}</time>
                </td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.detail ? Object.entries(e.detail).map(([k, v]) => `${k}: ${String(v)}`).join(', ') : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PortalPage>,
    );
  });

  return app;
}

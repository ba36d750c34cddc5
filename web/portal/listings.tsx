import { Hono } from 'hono';
import { proposedVersion, type Listing } from '../../shared/domain/listing.js';
import { listingNumber } from '../../shared/domain/listing-number.js';
import { ValidationError, type FieldError } from '../../shared/errors.js';
import { t, type Params } from '../../shared/i18n/index.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { isAdmin, isDeskOf, isEmployerOf } from '../../shared/services/actor.js';
import { fieldsOfListing, listingInputFromFields } from '../../shared/services/listing-fields.js';
import { changeStatus, editEffect, setCuration, updateListing, withdrawChange } from '../../shared/services/listings.js';
import { decide, getListingFor, listingHistory } from '../../shared/services/moderation.js';
import { ChangeTable } from './changes.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, type FormState } from './form.js';
import { HistoryTable } from './history.js';
import { PortalPage } from './layout.js';
import { labelsOf, ListingForm } from './listing-form.js';
import { ListingPreview } from './preview.js';
import { doneMessage, reviewRoutes, type DONE, type Pending } from './review.js';

/** One listing: its page (status, reason, waiting change, actions, preview), edit, the life-cycle actions, history. */
export function listingRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const today = () => p.ctx.clock.now().toISOString().slice(0, 10);
  const locationNames = async () => {
    const names = new Map((await getDirectory(p.deps.db)).locations.map((l) => [l.id, l.name]));
    return (id: string) => names.get(id) ?? id;
  };

  /** `invalid`: why submitting or approving was refused (a rule the stored listing breaks). */
  async function listingPage(c: PortalContext, listing: Listing, status: 200 | 422 = 200, invalid: FieldError[] = []) {
    const actor = c.get('actor');
    const locale = c.get('locale');
    const organisation = await getOrganisation(p.deps.db, listing.organisationId);
    const desk = isDeskOf(actor, listing.regionId);
    const base = `/portal/listings/${listing.id}`;
    const v = listing.version;
    const editable = !['closed', 'expired'].includes(listing.status);
    const revision = listing.revision;
    const waitsForDesk = listing.status === 'pending' || revision?.status === 'pending';
    const done = doneMessage(c);
    return c.html(
      <PortalPage c={c} title={listing.title}>
        <p class="meta">
          <a href={`/portal/org/${listing.organisationId}`}>{organisation?.name}</a>
          {` · ${tr(c, 'portal.listing.number', { number: listingNumber(listing) })}`}
        </p>
        <h1>{listing.title}</h1>
        <p>
          <span class={`status status-${listing.status}`} id="listing-status" data-status={listing.status}>
            {tr(c, `status.${listing.status}`)}
          </span>
          {revision ? <span class={`status status-change-${revision.status}`} data-revision={revision.status}>{` ${tr(c, 'portal.change.title')}`}</span> : null}
          {listing.featured ? <span class="status">{` ${tr(c, 'portal.listing.featured')}`}</span> : null}
          {listing.hidden ? <span class="status">{` ${tr(c, 'portal.listing.hidden')}`}</span> : null}
        </p>
        {done ? <p class="notice" role="status" id="done">{done}</p> : null}
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
        {listing.rejectionReason && (listing.status === 'rejected' || listing.status === 'draft') ? (
          <div class="notice">
            <h2>{tr(c, listing.status === 'rejected' ? 'portal.listing.rejectedBecause' : 'portal.listing.changesAsked')}</h2>
            <p>{listing.rejectionReason}</p>
          </div>
        ) : null}
        {listing.status === 'published' && !listing.hidden ? <p class="hint">{tr(c, 'portal.listing.onSite')}</p> : null}
        {desk && waitsForDesk ? (
          <p class="actions">
            <a class="button" href={`${base}/review`}>{tr(c, 'portal.listing.review')}</a>
          </p>
        ) : null}
        {revision ? (
          <section class="notice" id="change">
            <h2>{tr(c, 'portal.change.title')}</h2>
            <p>{tr(c, revision.status === 'pending' ? (desk ? 'portal.change.waitingDesk' : 'portal.change.waiting') : revision.status === 'rejected' ? 'portal.change.rejected' : 'portal.change.returned')}</p>
            {revision.reason && revision.status !== 'pending' ? <p class="reason">{revision.reason}</p> : null}
            <ChangeTable locale={locale} live={listing} proposed={proposedVersion(listing)} locationName={await locationNames()} />
            <ActionButton action={`${base}/withdrawChange`} version={v} class="secondary" label={tr(c, 'portal.change.withdraw')} />
          </section>
        ) : null}
        <div class="actions">
          {editable ? <a href={`${base}/edit`}>{tr(c, 'portal.listing.edit')}</a> : null}
          <a href={`/portal/org/${listing.organisationId}/listings/new?from=${listing.id}`}>{tr(c, 'portal.listing.duplicate')}</a>
          {desk || isEmployerOf(actor, listing.organisationId) ? <a href={`${base}/history`}>{tr(c, 'portal.listing.history')}</a> : null}
          {desk ? <a href={`/portal/desk/${listing.regionId}/interests?listingId=${listing.id}`}>{tr(c, 'portal.listing.interests')}</a> : null}
          {desk && listing.status !== 'draft' ? <a href={`${base}/summaries`}>{tr(c, 'portal.summaries.link')}</a> : null}
          {isEmployerOf(actor, listing.organisationId) || isAdmin(actor) ? <a href={`${base}/introductions`}>{tr(c, 'portal.introductions.link')}</a> : null}
        </div>
        <div class="actions">
          {listing.status === 'draft' || listing.status === 'rejected' ? <ActionButton action={`${base}/submit`} version={v} label={tr(c, 'portal.listing.submit')} /> : null}
          {desk && listing.status === 'published' ? (
            <>
              <ActionButton action={`${base}/${listing.featured ? 'unfeature' : 'feature'}`} version={v} class="secondary" label={tr(c, listing.featured ? 'portal.listing.unfeature' : 'portal.listing.feature')} />
              <ActionButton action={`${base}/${listing.hidden ? 'unhide' : 'hide'}`} version={v} class="secondary" label={tr(c, listing.hidden ? 'portal.listing.unhide' : 'portal.listing.hide')} />
            </>
          ) : null}
          {editable ? <ActionButton action={`${base}/close`} version={v} class="danger" label={tr(c, 'portal.listing.close')} /> : null}
        </div>
        <h2>{tr(c, revision ? 'portal.listing.previewNow' : 'portal.listing.preview')}</h2>
        <ListingPreview locale={locale} listing={listing} organisation={organisation} />
        {revision ? (
          <>
            <h2>{tr(c, 'portal.listing.previewProposed')}</h2>
            <ListingPreview locale={locale} listing={proposedVersion(listing)} organisation={organisation} />
          </>
        ) : null}
      </PortalPage>,
      status,
    );
  }

  app.get('/listings/:id', async (c) => listingPage(c, await getListingFor(p.deps.db, c.get('actor'), c.req.param('id'))));

  const editPage = async (c: PortalContext, listing: Listing, state: FormState, status: 200 | 422 = 200) => {
    const directory = await getDirectory(p.deps.db);
    // Editing keeps the region: only its locations are offered.
    const inRegion = { ...directory, locations: directory.locations.filter((l) => l.regionId === listing.regionId) };
    const effect = await editEffect(p.deps.db, c.get('actor'), listing);
    const label = effect === 'review' ? 'portal.edit.saveForReview' : effect === 'live' ? 'portal.edit.saveLive' : 'portal.listing.save';
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.listing.editTitle')}>
        <h1>{tr(c, 'portal.listing.editTitle')}</h1>
        <p class="meta">
          <a href={`/portal/listings/${listing.id}`}>{listing.title}</a>
        </p>
        <p class="notice" id="edit-effect" data-effect={effect}>
          {tr(c, `portal.edit.effect.${effect}`)}
          {listing.revision ? ` ${tr(c, 'portal.edit.effect.proposal')}` : ''}
        </p>
        <ListingForm locale={c.get('locale')} state={state} action={`/portal/listings/${listing.id}`} directory={inRegion} today={today()} horizonMonths={p.deps.config.LISTING_HORIZON_MONTHS} version={listing.version} submitLabel={tr(c, label)} />
      </PortalPage>,
      status,
    );
  };

  app.get('/listings/:id/edit', async (c) => {
    const listing = await getListingFor(p.deps.db, c.get('actor'), c.req.param('id'));
    // A change waits: the form continues from it (the proposal), not from the published text.
    return editPage(c, listing, blankForm(fieldsOfListing(proposedVersion(listing))));
  });

  app.post('/listings/:id', async (c) => {
    const actor = c.get('actor');
    const listing = await getListingFor(p.deps.db, actor, c.req.param('id'));
    const form = await formOf(c);
    const fields = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, one(v)]));
    const version = Number(one(form.version)) || 0;
    let saved: Listing;
    try {
      const directory = await getDirectory(p.deps.db);
      const input = listingInputFromFields(fields, listing.organisationId, directory, { today: today(), regionId: listing.regionId, current: proposedVersion(listing).workplace });
      saved = await updateListing(p.deps.db, actor, listing.id, version, input, p.ctx.clock, { horizonMonths: p.deps.config.LISTING_HORIZON_MONTHS });
    } catch (e) {
      // The form again, as typed, with the version it was opened at: a lost race stays a 409.
      if (e instanceof ValidationError) return editPage(c, { ...listing, version: version || listing.version }, { values: form, errors: e.fields }, 422);
      throw e;
    }
    const done: DONE =
      saved.version === version ? 'unchanged'
      : saved.revision?.status === 'pending' ? 'changeSubmitted'
      : listing.revision && !saved.revision && saved.updatedAt === listing.updatedAt ? 'changeWithdrawn'
      : saved.status === 'published' ? 'savedLive'
      : 'saved';
    return c.redirect(`/portal/listings/${listing.id}?done=${done}`, 303);
  });

  app.post('/listings/:id/withdrawChange', async (c) => {
    const form = await formOf(c);
    const id = c.req.param('id');
    await withdrawChange(p.deps.db, c.get('actor'), id, Number(one(form.version)) || 0, p.ctx.clock);
    return c.redirect(`/portal/listings/${id}?done=changeWithdrawn`, 303);
  });

  app.post('/listings/:id/:action{submit|close|approve|reject|requestChanges|feature|unfeature|hide|unhide}', async (c) => {
    const actor = c.get('actor');
    const id = c.req.param('id');
    const action = c.req.param('action');
    const form = await formOf(c);
    const version = Number(one(form.version)) || 0;
    let done: DONE = action as DONE;
    try {
      switch (action) {
        case 'submit':
        case 'close': {
          const next = await changeStatus(p.deps.db, actor, id, version, action, { clock: p.ctx.clock, retention: p.deps.config, horizonMonths: p.deps.config.LISTING_HORIZON_MONTHS });
          if (action === 'submit' && next.status === 'published') done = 'submitPublished';
          break;
        }
        case 'approve':
        case 'reject':
        case 'requestChanges': {
          const before = await getListingFor(p.deps.db, actor, id);
          await decide(p.ctx, actor, id, version, action, one(form.reason));
          if (before.status === 'published') done = `${action}Change`;
          break;
        }
        default:
          await setCuration(p.deps.db, actor, id, version, action === 'feature' || action === 'unfeature' ? { featured: action === 'feature' } : { hidden: action === 'hide' }, p.ctx.clock);
      }
    } catch (e) {
      if (e instanceof ValidationError && (action === 'reject' || action === 'requestChanges')) {
        const pending: Pending = { action, state: { values: form, errors: e.fields } };
        return reviewPage(c, id, pending, 422);
      }
      // Submitting or approving a listing (or a change) that breaks a rule (saved before the
      // rule, or its dates have passed): nothing changes; the page says what to fix.
      if (e instanceof ValidationError && (action === 'submit' || action === 'approve')) {
        return listingPage(c, await getListingFor(p.deps.db, actor, id), 422, e.fields);
      }
      throw e;
    }
    return c.redirect(`/portal/listings/${id}?done=${done}`, 303);
  });

  const { reviewPage, routes } = reviewRoutes(p);
  app.route('/', routes);

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
        <HistoryTable c={c} events={events} />
      </PortalPage>,
    );
  });

  return app;
}

import { Hono } from 'hono';
import { proposedVersion, type Listing } from '../../shared/domain/listing.js';
import { NotFoundError } from '../../shared/errors.js';
import { isLocale, loadCatalogue, LOCALE_INFO, LOCALES, t } from '../../shared/i18n/index.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { isDeskOf, require } from '../../shared/services/actor.js';
import { getListingFor } from '../../shared/services/moderation.js';
import { INTEREST_ACTION } from '../site/interest-form.js';
import { ListingPage } from '../site/pages/listing.js';
import { createSiteReads } from '../site/reads.js';
import { ChangeTable } from './changes.js';
import { tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { date } from './format.js';
import { ActionButton, blankForm, TextArea, type FormState } from './form.js';
import { PortalPage } from './layout.js';
import { ListingPreview } from './preview.js';

/** What a listing page confirms after an action (`?done=`): one sentence per action, saying what happened. */
export const DONE_KEYS = [
  'created', 'saved', 'savedLive', 'changeSubmitted', 'changeWithdrawn', 'unchanged', 'submit', 'submitPublished', 'approve', 'approveChange',
  'reject', 'rejectChange', 'requestChanges', 'requestChangesChange', 'close', 'feature', 'unfeature', 'hide', 'unhide',
] as const;
export type DONE = (typeof DONE_KEYS)[number];
export function doneMessage(c: PortalContext): string | undefined {
  const done = c.req.query('done');
  return (DONE_KEYS as readonly string[]).includes(done ?? '') ? tr(c, `portal.done.${done as DONE}`) : undefined;
}

/** A decision form that came back with an error (a reason is needed). */
export type Pending = { action: 'reject' | 'requestChanges'; state: FormState };

/**
 * The desk reviews a listing from its preview: what waits (a new listing, or a change to a
 * published one with its field-by-field difference), the listing as residents will see it in
 * Dutch and English side by side (and the whole resident page in any language), and the
 * decisions (approve, ask for changes, reject) on the same page.
 */
export function reviewRoutes(p: Portal) {
  const routes = new Hono<PortalEnv>();

  async function reviewPage(c: PortalContext, id: string, pending?: Pending, status: 200 | 422 = 200) {
    const actor = c.get('actor');
    const locale = c.get('locale');
    const listing = await getListingFor(p.deps.db, actor, id);
    require(isDeskOf(actor, listing.regionId));
    const organisation = await getOrganisation(p.deps.db, listing.organisationId);
    const names = new Map((await getDirectory(p.deps.db)).locations.map((l) => [l.id, l.name]));
    const base = `/portal/listings/${listing.id}`;
    const change = listing.status === 'published' && listing.revision?.status === 'pending' ? listing.revision : undefined;
    const waits = listing.status === 'pending' || change !== undefined;
    const proposed = proposedVersion(listing);
    const reasonForm = (action: Pending['action'], label: string) => {
      const state = pending?.action === action ? pending.state : blankForm();
      return (
        <form method="post" action={`${base}/${action}`} class="reason">
          <input type="hidden" name="version" value={String(listing.version)} />
          <TextArea locale={locale} state={state} name="reason" prefix={`${action}-`} label={tr(c, 'portal.listing.reason')} rows={3} />
          <button type="submit" class="secondary">{label}</button>
        </form>
      );
    };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.review.title', { title: proposed.title })}>
        <p class="meta">
          <a href={`/portal/desk/${listing.regionId}`}>{tr(c, 'portal.desk.queue')}</a> · {organisation?.name}
        </p>
        <h1>{tr(c, 'portal.review.title', { title: proposed.title })}</h1>
        {!waits ? (
          <p class="notice" id="review-nothing">
            {tr(c, 'portal.review.nothing')} <a href={base}>{listing.title}</a>
          </p>
        ) : change ? (
          <>
            <p id="review-kind" data-kind="change">{tr(c, 'portal.review.change', { date: date(c, change.submittedAt), who: change.submittedBy })}</p>
            <ChangeTable locale={locale} live={listing} proposed={proposed} locationName={(l) => names.get(l) ?? l} />
          </>
        ) : (
          <p id="review-kind" data-kind="new">{tr(c, 'portal.review.new', { date: date(c, listing.submittedAt ?? listing.updatedAt) })}</p>
        )}
        {waits ? (
          <section class="decide" id="decide">
            <h2>{tr(c, 'portal.review.decide')}</h2>
            <p class="hint">{tr(c, 'portal.review.approveHint')}</p>
            <ActionButton action={`${base}/approve`} version={listing.version} label={tr(c, 'portal.listing.approve')} />
            <p class="hint">{tr(c, 'portal.review.reasonHint')}</p>
            <div class="actions">
              {reasonForm('requestChanges', tr(c, 'portal.listing.requestChanges'))}
              {reasonForm('reject', tr(c, 'portal.listing.reject'))}
            </div>
          </section>
        ) : null}
        <h2>{tr(c, 'portal.review.previews')}</h2>
        <div class="previews">
          {(['nl', 'en'] as const).map((l) => (
            <div lang={l}>
              <h3>{LOCALE_INFO[l].name}</h3>
              <ListingPreview locale={l} listing={proposed} organisation={organisation} />
            </div>
          ))}
        </div>
        <p>{tr(c, 'portal.review.fullPage')}</p>
        <ul class="inline-list" id="full-previews">
          {LOCALES.map((l) => (
            <li>
              <a href={`${base}/preview/${l}`} hreflang={l} lang={l}>
                {LOCALE_INFO[l].name}
              </a>
            </li>
          ))}
        </ul>
      </PortalPage>,
      status,
    );
  }

  routes.get('/listings/:id/review', (c) => reviewPage(c, c.req.param('id')));

  /**
   * The resident page of a listing as it will be published (a waiting change applied), rendered
   * by the site's own page component in any resident language: for the desk and the employer.
   */
  routes.get('/listings/:id/preview/:locale', async (c) => {
    const locale = c.req.param('locale');
    if (!isLocale(locale)) throw new NotFoundError();
    await loadCatalogue(locale);
    const listing = await getListingFor(p.deps.db, c.get('actor'), c.req.param('id'));
    const shown: Listing = { ...proposedVersion(listing), status: 'published', hidden: false, publishedAt: listing.publishedAt ?? p.ctx.clock.now().toISOString() };
    const reads = { ...createSiteReads(p.deps.db, { reachKm: p.deps.config.REACH_KM, clock: p.ctx.clock }), listing: async () => shown };
    const page = String(await ListingPage({ locale, reads, config: p.deps.config }, listing.id));
    // Say on the page itself that it is a preview: residents do not see it yet.
    const banner = `<p class="box" role="note" lang="${c.get('locale')}" dir="ltr"><strong>${t(c.get('locale'), 'portal.review.previewBanner')}</strong></p>`;
    const note = `<span class="box" id="preview-form-note" lang="${c.get('locale')}" dir="ltr">${t(c.get('locale'), 'portal.review.previewFormNote')}</span>`;
    c.header('X-Robots-Tag', 'noindex');
    return c.html(`<!DOCTYPE html>${inertInterestForm(page.replace('<main', `${banner}<main`), note)}`);
  });

  return { reviewPage, routes };
}

/**
 * The residents' form on a preview, made inert: a desk worker or employer who tries it must not
 * create an interest that no resident made. The form loses where it posts to, its fields sit in a
 * disabled fieldset (nothing can be typed or sent, with or without JavaScript) whose legend says
 * why. A page without the form (a closed listing) is returned as it is.
 */
export function inertInterestForm(html: string, note: string): string {
  const action = html.indexOf(`action="${INTEREST_ACTION}"`);
  if (action < 0) return html;
  const start = html.lastIndexOf('<form', action);
  const openEnd = html.indexOf('>', action) + 1;
  const close = html.indexOf('</form>', openEnd);
  if (start < 0 || openEnd <= 0 || close < 0) return html;
  const opening = html.slice(start, openEnd).replace(/\s(method|action)="[^"]*"/g, '');
  return `${html.slice(0, start)}${opening}<fieldset disabled=""><legend>${note}</legend>${html.slice(openEnd, close)}</fieldset></form>${html.slice(close + '</form>'.length)}`;
}

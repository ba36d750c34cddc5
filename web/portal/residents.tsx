import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { isVisible } from '../../shared/db/keys.js';
import { DomainError, ValidationError, type FieldError } from '../../shared/errors.js';
import { DEFAULT_LOCALE, directionOf, isLocale, loadCatalogue, t, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getListing } from '../../shared/repositories/listings.js';
import { summariesOfListing } from '../../shared/repositories/summaries.js';
import { expressInterest, tellDeskSeatFreed, withdrawByReference, withinInterestLimit, type InterestReceipt, type Withdrawal } from '../../shared/services/interests.js';
import { CancelForm, HONEYPOT, InterestForm, type FormValues } from '../site/interest-form.js';
import { locationsWithinReach } from '../site/reads.js';
import { paths } from '../site/paths.js';
import { summaryIn } from '../../shared/domain/summary.js';
import { Layout } from '../ui/layout.js';
import { DOCTYPE } from './layout.js';
import { clientAddress, formOf, many, one, type Portal, type PortalEnv } from './env.js';

/** A resident's page: the site's layout, in the resident's language and direction. */
function page(c: Context, locale: Locale, title: string | { text: string; lang: Locale }, path: string, body: Child, status: 200 | 400 | 403 | 404 | 409 | 422 | 429 | 500 | 503 = 200) {
  // A listing's title keeps the language it was written in (a Dutch title on an Arabic page).
  const heading = typeof title === 'string' ? title : <span lang={title.lang} dir={directionOf(title.lang)}>{title.text}</span>;
  return c.html(
    <>
      {DOCTYPE}
      <Layout locale={locale} title={typeof title === 'string' ? title : title.text} path={path} noindex>
        <h1>{heading}</h1>
        {body}
      </Layout>
    </>,
    status,
  );
}

/** The database cannot be reached or did not answer in time: say so in the resident's language. */
export const residentUnavailable = (c: Context, locale: Locale) => residentError(c, locale, 'error.unavailable', 503);

/** What went wrong in the resident's language, and the way back to the site. */
export const residentError = (c: Context, locale: Locale, key: MessageKey, status: 400 | 403 | 404 | 409 | 422 | 429 | 500 | 503) =>
  page(c, locale, t(locale, key), '/', <p><a href={paths.home(locale)}>{t(locale, 'nav.home')}</a></p>, status);

/**
 * Residents' form posts from the static site: "I'm interested", visit sign-ups and cancelling
 * them. No account; pages in the resident's language and direction (the site's layout).
 */
export function residentRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const now = () => p.deps.clock.now();

  const localeOf = (v: string | string[] | undefined): Locale => {
    const l = one(v);
    return isLocale(l) ? l : DEFAULT_LOCALE;
  };

  // The bundled HTTP functions load one language's catalogue, the one this request speaks (and
  // Dutch, the fallback); elsewhere every catalogue is loaded and this costs nothing.
  // By path, not '*': mounted at '/', a '*' here would run for every portal request.
  for (const path of ['/interest', '/cancel']) {
    app.use(path, async (c, next) => {
      const locale = localeOf(c.req.method === 'POST' ? (await formOf(c)).locale : c.req.query('locale'));
      await Promise.all([loadCatalogue(locale), loadCatalogue(DEFAULT_LOCALE)]);
      c.set('residentLocale', locale);
      await next();
    });
  }

  /** The form again, with what was typed and a message per field. Nothing was stored. */
  async function formAgain(c: Context, locale: Locale, listingId: string, values: FormValues, errors: FieldError[]) {
    const listing = await getListing(p.deps.db, listingId);
    if (!listing || !isVisible(listing)) return closed(c, locale);
    const [{ locations }, summaries] = await Promise.all([getDirectory(p.deps.db), summariesOfListing(p.deps.db, listing.id)]);
    // The title the resident read on the listing page: the summary in their language, if a person wrote one.
    const summary = summaryIn(locale, listing, summaries);
    const near = locationsWithinReach(locations, listing.workplace, p.deps.config.REACH_KM).map((n) => n.location);
    const rest = locations.filter((l) => l.regionId === listing.regionId && !near.some((n) => n.id === l.id));
    return page(
      c,
      locale,
      { text: summary?.title ?? listing.title, lang: summary ? locale : listing.language },
      `/listings/${listing.id}/`,
      <>
        <p>
          <a href={paths.listing(locale, listing.id)}>{t(locale, 'interest.back')}</a>
        </p>
        <InterestForm locale={locale} listing={listing} locations={[...near, ...rest]} retention={p.deps.config} values={values} errors={errors} />
      </>,
      422,
    );
  }

  const closed = (c: Context, locale: Locale) =>
    page(c, locale, t(locale, 'error.listing_closed'), '/', <p><a href={paths.home(locale)}>{t(locale, 'nav.home')}</a></p>, 409);

  app.post('/interest', async (c) => {
    const form = await formOf(c);
    const locale = localeOf(form.locale);
    c.set('residentLocale', locale);
    const listingId = one(form.listingId);
    // A bot filled in the field people cannot see: thank it, store nothing.
    if (one(form[HONEYPOT]) !== '') return page(c, locale, t(locale, 'interest.title'), '/', <p>{t(locale, 'interest.thanks')}</p>);
    if (!(await withinInterestLimit(p.deps.db, clientAddress(p, c), now()))) {
      return page(c, locale, t(locale, 'interest.title'), '/', <p class="box closed">{t(locale, 'error.too_many_requests')}</p>, 429);
    }
    const input = {
      listingId,
      locationId: one(form.locationId),
      name: one(form.name),
      phone: one(form.phone),
      email: one(form.email),
      eligibility: one(form.eligibility) || undefined,
      dutchLevel: one(form.dutchLevel),
      languages: many(form['languages[]']),
      message: one(form.message) || undefined,
      age: one(form.age) || undefined,
      guardianConsent: one(form.guardianConsent) === 'yes',
      consent: one(form.consent) === 'yes',
      keepLonger: one(form.keepLonger) === 'yes',
      locale,
    };
    let receipt: InterestReceipt;
    try {
      receipt = await expressInterest(p.deps.db, input, now(), p.deps.config);
    } catch (e) {
      if (e instanceof ValidationError) return formAgain(c, locale, listingId, form, e.fields);
      if (e instanceof DomainError && e.key === 'error.listing_closed') return closed(c, locale);
      if (e instanceof DomainError && e.status === 503) return page(c, locale, t(locale, 'interest.title'), '/', <p>{t(locale, 'interest.busy')}</p>, 503);
      throw e;
    }
    return page(
      c,
      locale,
      t(locale, receipt.interest.seat ? 'interest.titleVisit' : 'interest.title'),
      `/listings/${listingId}/`,
      <>
        <p class="box note" role="status">
          {t(locale, 'interest.thanks')}
        </p>
        {receipt.interest.seat === 'confirmed' && <p><strong>{t(locale, 'interest.confirmed')}</strong></p>}
        {receipt.interest.seat === 'waiting' && <p><strong>{t(locale, 'interest.waiting', { position: receipt.waitingPosition ?? 1 })}</strong></p>}
        <p>
          {t(locale, 'interest.reference', { code: '' })}
          <span class="reference">{receipt.reference}</span>
        </p>
        <p>{t(locale, 'interest.referenceHint')}</p>
        <p>
          <a href={`/portal/cancel?locale=${locale}`}>{t(locale, receipt.interest.seat ? 'cancel.link' : 'interest.withdrawLink')}</a>
        </p>
        <p>
          <a href={paths.listing(locale, listingId)}>{t(locale, 'interest.back')}</a>
        </p>
      </>,
    );
  });

  app.get('/cancel', (c) => {
    const locale = localeOf(c.req.query('locale'));
    c.set('residentLocale', locale);
    return page(c, locale, t(locale, 'cancel.title'), '/', <CancelForm locale={locale} />);
  });

  app.post('/cancel', async (c) => {
    const form = await formOf(c);
    const locale = localeOf(form.locale);
    c.set('residentLocale', locale);
    const code = one(form.reference);
    if (!(await withinInterestLimit(p.deps.db, clientAddress(p, c), now()))) {
      return page(c, locale, t(locale, 'cancel.title'), '/', <p class="box closed">{t(locale, 'error.too_many_requests')}</p>, 429);
    }
    let result: Withdrawal;
    try {
      result = await withdrawByReference(p.deps.db, code, now());
    } catch (e) {
      if (e instanceof ValidationError) return page(c, locale, t(locale, 'cancel.title'), '/', <CancelForm locale={locale} code={code} errors={e.fields} />, 422);
      if (e instanceof DomainError && e.key === 'error.reference_unknown') {
        return page(c, locale, t(locale, 'cancel.title'), '/', <CancelForm locale={locale} code={code} errors={[{ field: 'reference', key: 'error.reference_unknown' }]} />, 422);
      }
      if (e instanceof DomainError && e.status === 503) return page(c, locale, t(locale, 'cancel.title'), '/', <p>{t(locale, 'interest.busy')}</p>, 503);
      throw e;
    }
    if (result.done === 'cancelled') await tellDeskSeatFreed(p.ctx, result.cancellation);
    // Says what happened, and only that: nothing changed is not "cancelled".
    const answer = result.done === 'cancelled' ? 'cancel.done' : result.done === 'withdrawn' ? 'cancel.withdrawn' : 'cancel.already';
    return page(c, locale, t(locale, 'cancel.title'), '/', <p class="box note" role="status" data-done={result.done}>{t(locale, answer)}</p>);
  });

  return app;
}

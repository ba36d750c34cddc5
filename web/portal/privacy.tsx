import { Hono } from 'hono';
import { DomainError, ValidationError } from '../../shared/errors.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getListing, getListings } from '../../shared/repositories/listings.js';
import { deskRegions, isAdmin, require } from '../../shared/services/actor.js';
import { deleteResidentData, findByContact, showResidentData } from '../../shared/services/privacy.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { blankForm, ErrorSummary, SelectField, TextField, type FormState } from './form.js';
import { OutcomeHistory, PersonDetails, StatusBadge } from './interest-parts.js';
import { PortalPage } from './layout.js';
import { date } from './format.js';

/**
 * Residents' rights at the desk (docs/domain.md, "Privacy"): by reference code, show a resident's
 * details, or delete them after a confirmation. The code travels in POST bodies only, never in
 * an address that logs keep. The use cases check the region and write the audit events.
 */
export function privacyRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const base = '/portal/desk/privacy';
  const now = () => p.ctx.clock.now();
  /** Only desk staff and admins get the form; which region a code belongs to, the use cases check. */
  const deskOnly = (c: PortalContext) => {
    const actor = c.get('actor');
    require(isAdmin(actor) || deskRegions(actor).length > 0);
  };

  /** The regions whose residents this person may look up: their desk regions, or all for an admin. */
  const regionsOf = async (c: PortalContext) => {
    const actor = c.get('actor');
    const { regions } = await getDirectory(p.deps.db);
    return regions.filter((r) => isAdmin(actor) || deskRegions(actor).includes(r.id)).map((r) => ({ value: r.id, label: r.name }));
  };

  const formPage = async (c: PortalContext, state: FormState, status: 200 | 404 | 422 = 200, lost: FormState = blankForm()) => {
    const locale = c.get('locale');
    const label = tr(c, 'portal.privacy.reference');
    const regions = await regionsOf(c);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.privacy.title')}>
        <h1>{tr(c, 'portal.privacy.title')}</h1>
        <p>{tr(c, 'portal.privacy.intro')}</p>
        <ErrorSummary locale={locale} state={state} labels={{ reference: label }} />
        <form method="post" action={base} novalidate>
          <TextField locale={locale} state={state} name="reference" label={label} hint={tr(c, 'portal.privacy.referenceHint')} autocomplete="off" required />
          <button type="submit">{tr(c, 'portal.privacy.show')}</button>
        </form>
        <section id="lost-code">
          <h2>{tr(c, 'portal.privacy.lost')}</h2>
          <p class="hint">{tr(c, 'portal.privacy.lostHint')}</p>
          <ErrorSummary locale={locale} state={lost} labels={{ contact: tr(c, 'portal.privacy.contact') }} prefix="lost" />
          <form method="post" action={`${base}/find`} novalidate>
            <SelectField locale={locale} state={lost} name="regionId" prefix="lost" label={tr(c, 'portal.privacy.region')} options={regions} required />
            <TextField locale={locale} state={lost} name="contact" prefix="lost" label={tr(c, 'portal.privacy.contact')} autocomplete="off" required />
            <button type="submit">{tr(c, 'portal.privacy.find')}</button>
          </form>
        </section>
      </PortalPage>,
      status,
    );
  };

  // A resident who lost the code: found by the contact details they gave (audited per match).
  app.post('/desk/privacy/find', async (c) => {
    deskOnly(c);
    const form = await formOf(c);
    const contact = one(form.contact).trim();
    if (!contact) return formPage(c, blankForm(), 422, { values: form, errors: [{ field: 'contact', key: 'error.required' }] });
    const found = await findByContact(p.deps.db, c.get('actor'), one(form.regionId), contact, now());
    const titles = new Map((await getListings(p.deps.db, [...new Set(found.map((f) => f.interest.listingId))])).map((l) => [l.id, l.title]));
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.privacy.lost')}>
        <h1>{tr(c, 'portal.privacy.lost')}</h1>
        <p role="status">{found.length === 0 ? tr(c, 'portal.privacy.notFound') : tr(c, 'portal.privacy.found', { count: found.length })}</p>
        <ul class="cards" id="found">
          {found.map(({ interest, person }) => (
            <li>
              <p>
                {titles.get(interest.listingId) ?? interest.listingId} <span class="meta">{date(c, interest.createdAt)}</span>
              </p>
              <form method="post" action={base}>
                <input type="hidden" name="reference" value={person.reference} />
                <button type="submit">{`${tr(c, 'portal.privacy.show')}: ${person.reference}`}</button>
              </form>
            </li>
          ))}
        </ul>
        <p>
          <a href={base}>{tr(c, 'portal.privacy.again')}</a>
        </p>
      </PortalPage>,
    );
  });

  app.get('/desk/privacy', (c) => {
    deskOnly(c);
    return formPage(c, blankForm());
  });

  app.post('/desk/privacy', async (c) => {
    deskOnly(c);
    const form = await formOf(c);
    const reference = one(form.reference).trim();
    if (!reference) return formPage(c, { values: form, errors: [{ field: 'reference', key: 'error.required' }] }, 422);
    let shown;
    try {
      shown = await showResidentData(p.deps.db, c.get('actor'), reference, now());
    } catch (e) {
      if (e instanceof DomainError && e.key === 'error.reference_unknown') return formPage(c, { values: form, errors: [{ field: 'reference', key: e.key }] }, 422);
      throw e;
    }
    const { interest, person } = shown;
    const [listing, directory] = await Promise.all([getListing(p.deps.db, interest.listingId), getDirectory(p.deps.db)]);
    const location = directory.locations.find((l) => l.id === interest.locationId)?.name ?? interest.locationId;
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.privacy.title')}>
        <h1>{tr(c, 'portal.privacy.data', { reference: person.reference })}</h1>
        <dl class="facts">
          <dt>{tr(c, 'portal.interest.listing')}</dt>
          <dd>{listing?.title ?? interest.listingId}</dd>
          <dt>{tr(c, 'portal.interest.location')}</dt>
          <dd>{location}</dd>
          <dt>{tr(c, 'portal.interest.date')}</dt>
          <dd>{date(c, interest.createdAt)}</dd>
          <dt>{tr(c, 'portal.interest.status')}</dt>
          <dd>
            <StatusBadge c={c} interest={interest} />
            {interest.seat ? ` ${tr(c, `portal.seat.${interest.seat}`)}` : ''}
          </dd>
        </dl>
        <PersonDetails c={c} person={person} withNote withReference />
        <h2>{tr(c, 'portal.outcome.history')}</h2>
        <OutcomeHistory c={c} interest={interest} />
        <h2>{tr(c, 'portal.privacy.delete')}</h2>
        <p class="hint">{tr(c, 'portal.privacy.deleteHint')}</p>
        <form method="post" action={`${base}/delete`}>
          <input type="hidden" name="reference" value={person.reference} />
          <button type="submit" class="danger">
            {tr(c, 'portal.privacy.delete')}
          </button>
        </form>
      </PortalPage>,
    );
  });

  // First the question, then the deletion: it cannot be undone.
  app.post('/desk/privacy/delete', async (c) => {
    deskOnly(c);
    const form = await formOf(c);
    const reference = one(form.reference).trim();
    if (!reference) throw new ValidationError([{ field: 'reference', key: 'error.required' }]);
    if (one(form.confirm) !== 'yes') {
      return c.html(
        <PortalPage c={c} title={tr(c, 'portal.privacy.confirmTitle')}>
          <h1>{tr(c, 'portal.privacy.confirmTitle')}</h1>
          <p>{tr(c, 'portal.privacy.confirm', { reference })}</p>
          <div class="actions">
            <form method="post" action={`${base}/delete`}>
              <input type="hidden" name="reference" value={reference} />
              <input type="hidden" name="confirm" value="yes" />
              <button type="submit" class="danger">
                {tr(c, 'portal.privacy.confirmDelete')}
              </button>
            </form>
            <a href={base}>{tr(c, 'portal.privacy.cancel')}</a>
          </div>
        </PortalPage>,
      );
    }
    await deleteResidentData(p.deps.db, c.get('actor'), reference, now());
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.privacy.deletedTitle')}>
        <h1>{tr(c, 'portal.privacy.deletedTitle')}</h1>
        <p class="notice" role="status">
          {tr(c, 'portal.privacy.deleted', { reference })}
        </p>
        <p>
          <a href={base}>{tr(c, 'portal.privacy.again')}</a>
        </p>
      </PortalPage>,
    );
  });

  return app;
}

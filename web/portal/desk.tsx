import { Hono } from 'hono';
import { hasValidDeclaration, isPartner, PartnerKind, type PostingKind } from '../../shared/domain/organisation.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { t, type Params } from '../../shared/i18n/index.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { getDirectory, getRegion } from '../../shared/repositories/directory.js';
import { employersInRegion } from '../../shared/services/accounts.js';
import { moderationQueue } from '../../shared/services/catalogue.js';
import { IMPORT_COLUMNS, importListings, MAX_IMPORT_ROWS, type ImportRow } from '../../shared/services/import.js';
import { choicesOf, templateCsv } from '../../shared/services/import-template.js';
import { listOrganisations } from '../../shared/repositories/organisations.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { Directory } from '../../shared/repositories/directory.js';
import { listingInputFromFields } from '../../shared/services/listing-fields.js';
import { createListing } from '../../shared/services/listings.js';
import { findListingsByNumber, queueCount } from '../../shared/services/moderation.js';
import type { Listing } from '../../shared/domain/listing.js';
import { createPartner, getPartner, partnersOfRegion, removePartner, updatePartner } from '../../shared/services/partners.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, Checkbox, ErrorSummary, SelectField, TextArea, TextField, type FormState } from './form.js';
import { DoneNotice } from './done.js';
import { PortalPage } from './layout.js';
import { ListingForm } from './listing-form.js';
import { date } from './format.js';

/** The import's columns with what each may hold: the allowed values, or the format. */
function ImportColumns(props: { c: PortalContext; regionId: string; directory: Directory; organisations: Organisation[] }) {
  const { c } = props;
  const FORMAT: Record<string, PortalKey> = {
    hoursPerWeek: 'portal.import.number', wagePerHour: 'portal.import.number', seats: 'portal.import.number', 'workplace.city': 'portal.import.place',
    startDate: 'portal.import.date', closingDate: 'portal.import.date', startsAt: 'portal.import.time', endsAt: 'portal.import.time',
  };
  return (
    <details id="import-columns" open>
      <summary>{tr(c, 'portal.import.allowed')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{tr(c, 'portal.import.column')}</th>
            <th scope="col">{tr(c, 'portal.import.values')}</th>
          </tr>
        </thead>
        <tbody>
          {IMPORT_COLUMNS.map((column) => {
            const options = choicesOf(column, props.directory, [props.regionId], props.organisations);
            return (
              <tr data-column={column}>
                <th scope="row">
                  <code>{column}</code>
                </th>
                <td>
                  {column === 'organisation' ? `${tr(c, 'portal.import.organisationHint')} ` : null}
                  {options ? options.map((o, i) => <>{i > 0 ? ', ' : ''}<code>{o}</code></>) : tr(c, FORMAT[column] ?? 'portal.import.freeText')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}

/** The desk's lookup of a listing by the number printed on its page (GET: a search changes nothing). */
function FindByNumber(props: { c: PortalContext; regionId: string; state: FormState }) {
  const { c, state } = props;
  const label = tr(c, 'portal.find.number');
  return (
    <form method="get" action={`/portal/desk/${props.regionId}/find`} class="filters" id="find" novalidate>
      <ErrorSummary locale={c.get('locale')} state={state} labels={{ number: label }} />
      <TextField locale={c.get('locale')} state={state} name="number" label={label} hint={tr(c, 'portal.find.hint')} autocomplete="off" required />
      <button type="submit">{tr(c, 'portal.find.submit')}</button>
    </form>
  );
}

/** Desks: the region's queue, posting on behalf of an employer, CSV import, the partner network. */
export function deskRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const today = () => p.ctx.clock.now().toISOString().slice(0, 10);
  const regionName = async (regionId: string) => (await getRegion(p.deps.db, regionId))?.name ?? regionId;

  app.get('/desk/:regionId', async (c) => {
    const actor = c.get('actor');
    const regionId = c.req.param('regionId');
    const queue = await moderationQueue(p.deps.db, actor, regionId, { cursor: c.req.query('cursor'), limit: 50 });
    const count = await queueCount(p.deps.db, actor, regionId);
    const base = `/portal/desk/${regionId}`;
    const name = await regionName(regionId);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.desk.title', { region: name })}>
        <h1>{tr(c, 'portal.desk.title', { region: name })}</h1>
        <div class="actions">
          <a href={`${base}/listings/new`}>{tr(c, 'portal.desk.onBehalf')}</a>
          <a href={`${base}/import`}>{tr(c, 'portal.import.title')}</a>
          <a href={`${base}/partners`}>{tr(c, 'portal.partners.title')}</a>
          <a href={`${base}/organisations`}>{tr(c, 'portal.desk.organisations')}</a>
          <a href={`${base}/interests`}>{tr(c, 'portal.nav.interests', { region: name })}</a>
          <a href={`${base}/report`}>{tr(c, 'portal.report.link')}</a>
          <a href="/portal/desk/privacy">{tr(c, 'portal.privacy.link')}</a>
        </div>
        <FindByNumber c={c} regionId={regionId} state={blankForm()} />
        <h2 id="queue">
          {tr(c, 'portal.desk.queue')} (<span id="queue-count">{count}</span>)
        </h2>
        {queue.items.length === 0 ? <p>{tr(c, 'portal.desk.queueEmpty')}</p> : null}
        <ol class="cards" id="queue-items">
          {queue.items.map((l) => (
            <li data-listing={l.id} data-kind={l.status === 'published' ? 'change' : 'new'}>
              {/* The desk decides from the review page, having seen the listing (and a change's difference). */}
              <a href={`/portal/listings/${l.id}/review`}>{l.title}</a>{' '}
              {l.status === 'published' ? <span class="status status-change-pending">{tr(c, 'portal.desk.change')}</span> : <span class="status status-pending">{tr(c, 'portal.desk.new')}</span>}{' '}
              <span class="meta">{`${t(c.get('locale'), `kind.${l.kind}`)} · ${l.workplace.city} · ${tr(c, 'portal.desk.submitted', { date: date(c, l.revision?.submittedAt ?? l.submittedAt ?? l.updatedAt) })}`}</span>
            </li>
          ))}
        </ol>
        {queue.cursor ? <a href={`${base}?cursor=${encodeURIComponent(queue.cursor)}`}>{tr(c, 'portal.more')}</a> : null}
      </PortalPage>,
    );
  });

  const onBehalfPage = async (c: PortalContext, regionId: string, state: FormState, status: 200 | 422 = 200) => {
    const employers = await employersInRegion(p.deps.db, c.get('actor'), regionId);
    const directory = await getDirectory(p.deps.db);
    const inRegion = { ...directory, locations: directory.locations.filter((l) => l.regionId === regionId) };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.desk.onBehalf')}>
        <h1>{tr(c, 'portal.desk.onBehalf')}</h1>
        <ListingForm locale={c.get('locale')} state={state} action={`/portal/desk/${regionId}/listings`} directory={inRegion} today={today()} horizonMonths={p.deps.config.LISTING_HORIZON_MONTHS} employers={employers} submitLabel={tr(c, 'portal.listing.create')} />
      </PortalPage>,
      status,
    );
  };

  // A resident reads out the number printed on a listing's page: one match goes straight to it.
  app.get('/desk/:regionId/find', async (c) => {
    const actor = c.get('actor');
    const regionId = c.req.param('regionId');
    const text = c.req.query('number') ?? '';
    let state: FormState = blankForm({ number: text });
    let found: Listing[] | undefined;
    try {
      found = await findListingsByNumber(p.deps.db, actor, regionId, text);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      state = { ...state, errors: e.fields };
    }
    if (found?.length === 1) return c.redirect(`/portal/listings/${found[0]!.id}`, 303);
    const name = await regionName(regionId);
    const number = text.trim().toUpperCase();
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.find.title')}>
        <p class="meta">
          <a href={`/portal/desk/${regionId}`}>{tr(c, 'portal.desk.title', { region: name })}</a>
        </p>
        <h1>{tr(c, 'portal.find.title')}</h1>
        {found?.length === 0 ? (
          <p class="notice" role="status" id="find-none">
            {tr(c, 'portal.find.none', { number, region: name })}
          </p>
        ) : null}
        {found && found.length > 1 ? (
          <>
            <p id="find-several">{tr(c, 'portal.find.several', { number })}</p>
            <ul class="cards" id="find-results">
              {found.map((l) => (
                <li data-listing={l.id}>
                  <a href={`/portal/listings/${l.id}`}>{l.title}</a> <span class="meta">{`${t(c.get('locale'), `kind.${l.kind}`)} · ${l.workplace.city} · ${tr(c, `status.${l.status}`)}`}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <FindByNumber c={c} regionId={regionId} state={state} />
      </PortalPage>,
      state.errors.length > 0 ? 422 : 200,
    );
  });

  app.get('/desk/:regionId/listings/new', (c) => onBehalfPage(c, c.req.param('regionId'), blankForm()));

  app.post('/desk/:regionId/listings', async (c) => {
    const regionId = c.req.param('regionId');
    const form = await formOf(c);
    const fields = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, one(v)]));
    try {
      const employers = await employersInRegion(p.deps.db, c.get('actor'), regionId);
      const organisationId = fields.organisationId ?? '';
      if (!employers.some((e) => e.id === organisationId)) {
        throw new ValidationError([{ field: 'organisationId', key: organisationId ? 'error.invalid_choice' : 'error.required' }]);
      }
      const input = listingInputFromFields(fields, organisationId, await getDirectory(p.deps.db), { today: today(), regionId });
      const listing = await createListing(p.deps.db, c.get('actor'), input, p.ctx.clock, { id: fields.newId, horizonMonths: p.deps.config.LISTING_HORIZON_MONTHS });
      return c.redirect(`/portal/listings/${listing.id}?done=created`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return onBehalfPage(c, regionId, { values: form, errors: e.fields }, 422);
      throw e;
    }
  });

  // The organisations that post in the region: their kind and volunteer declaration, for the desk to check.
  app.get('/desk/:regionId/organisations', async (c) => {
    const regionId = c.req.param('regionId');
    const organisations = await employersInRegion(p.deps.db, c.get('actor'), regionId);
    const today = p.ctx.clock.now().toISOString().slice(0, 10);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.desk.organisations')}>
        <h1>{tr(c, 'portal.desk.organisations')}</h1>
        <p class="hint">{tr(c, 'portal.declaration.hint')}</p>
        <table>
          <tbody>
            {organisations.map((o) => (
              <tr id={`organisation-${o.id}`}>
                <td>{o.name}</td>
                <td>{tr(c, isPartner(o) ? `portal.partnerKind.${o.kind}` : `portal.orgKind.${o.kind as PostingKind}`)}</td>
                <td>{hasValidDeclaration(o, today) ? tr(c, 'portal.admin.declarationValid') : ''}</td>
                <td>
                  <a href={`/portal/org/${o.id}/declaration`}>{tr(c, 'portal.declaration.title')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </PortalPage>,
    );
  });

  const importPage = async (c: PortalContext, regionId: string, o: { state?: FormState; report?: ImportRow[] } = {}, status: 200 | 422 = 200) => {
    // Only a desk of this region (or an admin) gets the page: the count checks it.
    await queueCount(p.deps.db, c.get('actor'), regionId);
    const [directory, organisations] = await Promise.all([getDirectory(p.deps.db), listOrganisations(p.deps.db)]);
    const locale = c.get('locale');
    const state = o.state ?? blankForm({ publish: 'on' });
    const imported = o.report?.filter((r) => r.errors.length === 0).length ?? 0;
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.import.title')}>
        <h1>{tr(c, 'portal.import.title')}</h1>
        <p>{tr(c, 'portal.import.intro', { maximum: MAX_IMPORT_ROWS })}</p>
        <p>
          <a href={`/portal/desk/${regionId}/import/template.csv`} download>
            {tr(c, 'portal.import.template')}
          </a>
        </p>
        <ImportColumns c={c} regionId={regionId} directory={directory} organisations={organisations} />
        <ErrorSummary locale={locale} state={state} labels={{ file: tr(c, 'portal.import.file') }} />
        <form method="post" action={`/portal/desk/${regionId}/import`} enctype="multipart/form-data">
          <div class="field">
            <label for="f-file">{tr(c, 'portal.import.file')}</label>
            <input id="f-file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <Checkbox state={state} name="publish" label={tr(c, 'portal.import.publish')} />
          <button type="submit">{tr(c, 'portal.import.send')}</button>
        </form>
        {o.report ? (
          <section id="import-report">
            <h2>{tr(c, 'portal.import.report', { imported, refused: o.report.length - imported })}</h2>
            <table>
              <thead>
                <tr>
                  <th>{tr(c, 'portal.import.line')}</th>
                  <th>{tr(c, 'portal.listing.field.title')}</th>
                  <th>{tr(c, 'portal.import.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {o.report.map((r) => (
                  <tr data-line={String(r.line)}>
                    <td>{r.line}</td>
                    <td>{r.listingId ? <a href={`/portal/listings/${r.listingId}`}>{r.title}</a> : r.title}</td>
                    <td>
                      {r.errors.length === 0 ? (
                        <span class="report-ok">{tr(c, `status.${r.status as 'draft'}`)}</span>
                      ) : (
                        <ul class="report-refused">
                          {r.errors.map((e) => (
                            <li>
                              <code>{e.field}</code>: {t(locale, e.key, e.params as Params)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </PortalPage>,
      status,
    );
  };

  app.get('/desk/:regionId/import', (c) => importPage(c, c.req.param('regionId')));

  /** The import template: the columns and an example row, for Excel with Dutch settings. */
  app.get('/desk/:regionId/import/template.csv', async (c) => {
    const regionId = c.req.param('regionId');
    await queueCount(p.deps.db, c.get('actor'), regionId);
    const [directory, organisations] = await Promise.all([getDirectory(p.deps.db), listOrganisations(p.deps.db)]);
    if (!directory.regions.some((r) => r.id === regionId)) throw new NotFoundError();
    return c.body(templateCsv(directory, regionId, organisations, today()), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="opweg-import-${regionId}.csv"`,
    });
  });

  app.post('/desk/:regionId/import', async (c) => {
    const regionId = c.req.param('regionId');
    const body = await c.req.parseBody();
    const file = body.file;
    const values = { publish: body.publish === 'on' ? 'on' : '' };
    const csv = typeof file === 'object' && file !== null ? await file.text() : typeof file === 'string' ? file : '';
    try {
      const report = await importListings(p.ctx, c.get('actor'), csv, { publish: values.publish === 'on' });
      return importPage(c, regionId, { state: blankForm(values), report });
    } catch (e) {
      if (e instanceof ValidationError) return importPage(c, regionId, { state: { values, errors: e.fields.map((f) => (f.field === 'file' ? f : { ...f, field: 'file', params: f.params })) } }, 422);
      throw e;
    }
  });

  // The partner network of the region.
  const PARTNER_FIELDS = ['kind', 'name', 'website', 'contactEmail', 'contactPhone', 'address', 'offers'] as const;
  const partnerInput = (form: Record<string, string | string[]>) => Object.fromEntries(PARTNER_FIELDS.map((k) => [k, one(form[k]).trim() || undefined]));

  app.get('/desk/:regionId/partners', async (c) => {
    const regionId = c.req.param('regionId');
    const partners = await partnersOfRegion(p.deps.db, c.get('actor'), regionId);
    const base = `/portal/desk/${regionId}/partners`;
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.partners.title')}>
        <h1>{tr(c, 'portal.partners.title')}</h1>
        <DoneNotice c={c} messages={{ partnerCreated: 'portal.done.partnerCreated', partnerUpdated: 'portal.done.partnerUpdated', partnerUnchanged: 'portal.done.partnerUnchanged', partnerRemoved: 'portal.done.partnerRemoved' }} />
        <p>
          <a href={`${base}/new`}>{tr(c, 'portal.partners.new')}</a>
        </p>
        {partners.length === 0 ? <p>{tr(c, 'portal.partners.empty')}</p> : null}
        <table>
          <tbody>
            {partners.map((o) => (
              <tr>
                <td>
                  <a href={`${base}/${o.id}`}>{o.name}</a>
                </td>
                <td>{tr(c, `portal.partnerKind.${o.kind}` as PortalKey)}</td>
                <td>{o.offers ?? ''}</td>
                <td>{[o.contactEmail, o.contactPhone].filter(Boolean).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PortalPage>,
    );
  });

  const partnerPage = async (c: PortalContext, regionId: string, id: string | undefined, state: FormState, status: 200 | 422 = 200) => {
    const locale = c.get('locale');
    const labels: Record<string, string> = Object.fromEntries(PARTNER_FIELDS.map((k) => [k, tr(c, `portal.partner.${k}`)]));
    const action = `/portal/desk/${regionId}/partners${id ? `/${id}` : ''}`;
    return c.html(
      <PortalPage c={c} title={tr(c, id ? 'portal.partners.edit' : 'portal.partners.new')}>
        <h1>{tr(c, id ? 'portal.partners.edit' : 'portal.partners.new')}</h1>
        <ErrorSummary locale={locale} state={state} labels={labels} />
        <form method="post" action={action} novalidate>
          <SelectField locale={locale} state={state} name="kind" label={labels.kind!} required options={PartnerKind.options.map((k) => ({ value: k, label: tr(c, `portal.partnerKind.${k}`) }))} />
          <TextField locale={locale} state={state} name="name" label={labels.name!} required />
          <TextArea locale={locale} state={state} name="offers" label={labels.offers!} rows={3} />
          <TextField locale={locale} state={state} name="website" label={labels.website!} type="url" />
          <TextField locale={locale} state={state} name="contactEmail" label={labels.contactEmail!} type="email" />
          <TextField locale={locale} state={state} name="contactPhone" label={labels.contactPhone!} type="tel" />
          <TextField locale={locale} state={state} name="address" label={labels.address!} />
          <button type="submit">{tr(c, 'portal.listing.save')}</button>
        </form>
        {id ? <ActionButton action={`${action}/remove`} class="danger" label={tr(c, 'portal.partners.remove')} /> : null}
      </PortalPage>,
      status,
    );
  };

  app.get('/desk/:regionId/partners/new', async (c) => {
    const regionId = c.req.param('regionId');
    await partnersOfRegion(p.deps.db, c.get('actor'), regionId);
    return partnerPage(c, regionId, undefined, blankForm());
  });

  app.post('/desk/:regionId/partners', async (c) => {
    const regionId = c.req.param('regionId');
    const form = await formOf(c);
    try {
      await createPartner(p.ctx, c.get('actor'), regionId, partnerInput(form));
    } catch (e) {
      if (e instanceof ValidationError) return partnerPage(c, regionId, undefined, { values: form, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect(`/portal/desk/${regionId}/partners?done=partnerCreated`, 303);
  });

  app.get('/desk/:regionId/partners/:id', async (c) => {
    const regionId = c.req.param('regionId');
    const partner = await getPartner(p.deps.db, c.get('actor'), regionId, c.req.param('id'));
    return partnerPage(c, regionId, partner.id, blankForm(Object.fromEntries(PARTNER_FIELDS.map((k) => [k, partner[k] ?? '']))));
  });

  app.post('/desk/:regionId/partners/:id', async (c) => {
    const regionId = c.req.param('regionId');
    const id = c.req.param('id');
    const form = await formOf(c);
    let changed: boolean;
    try {
      const before = await getPartner(p.deps.db, c.get('actor'), regionId, id);
      const after = await updatePartner(p.ctx, c.get('actor'), regionId, id, partnerInput(form));
      changed = PARTNER_FIELDS.some((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    } catch (e) {
      if (e instanceof ValidationError) return partnerPage(c, regionId, id, { values: form, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect(`/portal/desk/${regionId}/partners?done=${changed ? 'partnerUpdated' : 'partnerUnchanged'}`, 303);
  });

  app.post('/desk/:regionId/partners/:id/remove', async (c) => {
    const regionId = c.req.param('regionId');
    await removePartner(p.ctx, c.get('actor'), regionId, c.req.param('id'));
    return c.redirect(`/portal/desk/${regionId}/partners?done=partnerRemoved`, 303);
  });

  return app;
}

import { Hono } from 'hono';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { languageName } from '../../shared/i18n/format.js';
import { directionOf, isLocale, type Locale } from '../../shared/i18n/index.js';
import { getRegion } from '../../shared/repositories/directory.js';
import { publishedInRegion } from '../../shared/repositories/listings.js';
import { summariesOfListing } from '../../shared/repositories/summaries.js';
import { isDeskOf, require } from '../../shared/services/actor.js';
import {
  invitedTranslatorsOf,
  inviteTranslator,
  listingSummaries,
  machineDraft,
  mayWriteSummaries,
  removeSummary,
  saveSummary,
  summaryLanguages,
  translatorsOf,
} from '../../shared/services/summaries.js';
import { isCurrent, type Summary } from '../../shared/domain/summary.js';
import type { Listing } from '../../shared/domain/listing.js';
import type { TranslatorInvitation } from '../../shared/domain/user.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, ErrorSummary, TextArea, TextField, type FormState } from './form.js';
import { date } from './format.js';
import { DoneNotice } from './done.js';
import { PortalPage } from './layout.js';

const summariesPath = (listingId: string) => `/portal/listings/${listingId}/summaries`;

/**
 * Summaries of listings in residents' languages: the desk and the volunteer translators it
 * invited write them; a machine translation (Amazon Translate on AWS) may pre-fill the form for
 * a person to check. What is saved shows on the listing's page in that language.
 */
export function summaryRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();

  /** A region's published listings, newest first, with the languages each has a summary in; the desk also keeps its translators here. */
  app.get('/translate/:regionId', async (c) => {
    const actor = c.get('actor');
    const regionId = c.req.param('regionId');
    require(mayWriteSummaries(actor, { regionId }));
    const region = await getRegion(p.deps.db, regionId);
    const page = await publishedInRegion(p.deps.db, regionId, { cursor: c.req.query('cursor'), limit: 20 });
    const summaries = await Promise.all(page.items.map((l) => summariesOfListing(p.deps.db, l.id)));
    const desk = isDeskOf(actor, regionId);
    const translators = desk ? await translatorsOf(p.deps.db, actor, regionId) : [];
    const invited = desk ? await invitedTranslatorsOf(p.ctx, actor, regionId) : [];
    const title = tr(c, 'portal.translate.title', { region: region?.name ?? regionId });
    const locale = c.get('locale');
    return c.html(
      <PortalPage c={c} title={title}>
        <h1>{title}</h1>
        <DoneNotice c={c} messages={{ translatorJoined: 'portal.done.translatorJoined' }} />
        <p>{tr(c, 'portal.translate.intro')}</p>
        {page.items.length === 0 ? <p>{tr(c, 'portal.translate.empty')}</p> : null}
        <table>
          <tbody>
            {page.items.map((l, i) => (
              <tr>
                <td>
                  <a href={summariesPath(l.id)} lang={l.language} dir={directionOf(l.language)}>
                    {l.title}
                  </a>
                </td>
                <td>
                  {summaries[i]!.length === 0
                    ? tr(c, 'portal.translate.none')
                    : summaries[i]!.map((s) => languageName(locale, s.language)).join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.cursor ? <a href={`/portal/translate/${regionId}?cursor=${encodeURIComponent(page.cursor)}`}>{tr(c, 'portal.more')}</a> : null}
        {desk ? <TranslatorsSection c={c} regionId={regionId} emails={translators.map((m) => m.email)} invited={invited} state={blankForm()} /> : null}
      </PortalPage>,
    );
  });

  app.post('/translate/:regionId/translators', async (c) => {
    const regionId = c.req.param('regionId');
    const form = await formOf(c);
    let sent;
    try {
      sent = await inviteTranslator(p.ctx, c.get('actor'), regionId, { name: one(form.name), email: one(form.email) }, c.get('locale'));
    } catch (e) {
      if (e instanceof ValidationError) {
        const translators = await translatorsOf(p.deps.db, c.get('actor'), regionId);
        const invited = await invitedTranslatorsOf(p.ctx, c.get('actor'), regionId);
        return c.html(
          <PortalPage c={c} title={tr(c, 'portal.translators.invite')}>
            <TranslatorsSection c={c} regionId={regionId} emails={translators.map((m) => m.email)} invited={invited} state={{ values: form, errors: e.fields }} />
          </PortalPage>,
          422,
        );
      }
      throw e;
    }
    const done = { sent: 'translatorInvited', 'already-translator': 'translatorAlready', 'rate-limited': 'invitationsLimited' }[sent];
    return c.redirect(`/portal/translate/${regionId}?done=${done}#translators`, 303);
  });

  /** One listing: its summary (or none) per language. */
  app.get('/listings/:id/summaries', async (c) => {
    const { listing, summaries } = await listingSummaries(p.deps.db, c.get('actor'), c.req.param('id'));
    const locale = c.get('locale');
    const title = tr(c, 'portal.summaries.title', { title: listing.title });
    return c.html(
      <PortalPage c={c} title={title}>
        <h1>{title}</h1>
        {isLocale(c.req.query('language') ?? '') ? (
          <DoneNotice c={c} messages={{ summarySaved: 'portal.done.summarySaved', summaryUnchanged: 'portal.done.summaryUnchanged', summaryRemoved: 'portal.done.summaryRemoved' }} params={{ language: languageName(locale, c.req.query('language') as Locale) }} />
        ) : null}
        <p>{tr(c, 'portal.summaries.intro')}</p>
        <h2>{tr(c, 'portal.summaries.original', { language: languageName(locale, listing.language) })}</h2>
        <Original listing={listing} />
        <table>
          <tbody>
            {summaryLanguages(listing).map((language) => {
              const s = summaries.find((x) => x.language === language);
              return (
                <tr>
                  <th scope="row">{languageName(locale, language)}</th>
                  <td>{s ? <Written c={c} summary={s} listing={listing} /> : tr(c, 'portal.summaries.missing')}</td>
                  <td>
                    <a href={`${summariesPath(listing.id)}/${language}`}>{tr(c, s ? 'portal.summaries.edit' : 'portal.summaries.write')}</a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </PortalPage>,
    );
  });

  const editPage = async (c: PortalContext, listingId: string, language: string, state: FormState | undefined, o: { machine?: boolean; status?: 200 | 422 } = {}) => {
    const { listing, summaries } = await listingSummaries(p.deps.db, c.get('actor'), listingId);
    if (!summaryLanguages(listing).some((l) => l === language)) throw new NotFoundError();
    const locale = c.get('locale');
    const name = languageName(locale, language);
    const existing = summaries.find((s) => s.language === language);
    const service = p.deps.translation;
    const supported = service.supports(listing.language, language as Listing['language']);
    let form = state ?? blankForm(existing ? { title: existing.title, text: existing.text } : {});
    let drafted = form.values.machineDraft === '1';
    if (o.machine && supported) {
      const draft = await machineDraft(p.deps.db, c.get('actor'), service, listingId, language);
      if (draft) {
        form = blankForm({ title: draft.title, text: draft.text, machineDraft: '1' });
        drafted = true;
      }
    }
    const action = `${summariesPath(listing.id)}/${language}`;
    const lang = { lang: language, dir: directionOf(language) };
    const labels = { title: tr(c, 'portal.summary.fieldTitle'), text: tr(c, 'portal.summary.fieldText') };
    const title = tr(c, 'portal.summary.title', { language: name });
    return c.html(
      <PortalPage c={c} title={title}>
        <h1>{title}</h1>
        <p>
          <a href={summariesPath(listing.id)}>{tr(c, 'portal.summaries.title', { title: listing.title })}</a>
        </p>
        <h2>{tr(c, 'portal.summaries.original', { language: languageName(locale, listing.language) })}</h2>
        <Original listing={listing} />
        <h2>{name}</h2>
        {drafted ? <p class="notice">{tr(c, 'portal.summary.machineDraft', { service: service.name })}</p> : null}
        {supported ? (
          drafted ? null : (
            <p>
              <a href={`${action}?machine=1`}>{tr(c, 'portal.summary.machine', { service: service.name })}</a>
            </p>
          )
        ) : (
          <p>{tr(c, 'portal.summary.machineNone', { language: name })}</p>
        )}
        <ErrorSummary locale={locale} state={form} labels={labels} />
        <form method="post" action={action} novalidate>
          {drafted ? <input type="hidden" name="machineDraft" value="1" /> : null}
          <TextField locale={locale} state={form} name="title" label={labels.title} required lang={lang} />
          <TextArea locale={locale} state={form} name="text" label={labels.text} rows={8} required lang={lang} />
          <button type="submit">{tr(c, 'portal.summary.save')}</button>
        </form>
        {existing ? <ActionButton action={`${action}/remove`} class="danger" label={tr(c, 'portal.summary.remove')} /> : null}
      </PortalPage>,
      o.status ?? 200,
    );
  };

  app.get('/listings/:id/summaries/:language', (c) => editPage(c, c.req.param('id'), c.req.param('language'), undefined, { machine: c.req.query('machine') === '1' }));

  app.post('/listings/:id/summaries/:language', async (c) => {
    const id = c.req.param('id');
    const language = c.req.param('language');
    const form = await formOf(c);
    let done: 'summarySaved' | 'summaryUnchanged';
    try {
      const before = (await listingSummaries(p.deps.db, c.get('actor'), id)).summaries.find((s) => s.language === language);
      const saved = await saveSummary(p.ctx, c.get('actor'), id, language, { title: one(form.title), text: one(form.text) }, { machineDraft: one(form.machineDraft) === '1' });
      done = before && before.title === saved.title && before.text === saved.text && before.source === saved.source ? 'summaryUnchanged' : 'summarySaved';
    } catch (e) {
      if (e instanceof ValidationError) return editPage(c, id, language, { values: form, errors: e.fields }, { status: 422 });
      throw e;
    }
    return c.redirect(`${summariesPath(id)}?done=${done}&language=${encodeURIComponent(language)}`, 303);
  });

  app.post('/listings/:id/summaries/:language/remove', async (c) => {
    const id = c.req.param('id');
    await removeSummary(p.ctx, c.get('actor'), id, c.req.param('language'));
    return c.redirect(`${summariesPath(id)}?done=summaryRemoved&language=${encodeURIComponent(c.req.param('language'))}`, 303);
  });

  return app;
}

function Original(p: { listing: Listing }) {
  const l = { lang: p.listing.language, dir: directionOf(p.listing.language) };
  return (
    <blockquote>
      <p {...l}>
        <strong>{p.listing.title}</strong>
      </p>
      <p {...l} style="white-space:pre-line">
        {p.listing.description}
      </p>
    </blockquote>
  );
}

function Written(p: { c: PortalContext; summary: Summary; listing: Listing }) {
  const { c, summary: s } = p;
  return (
    <>
      {tr(c, 'portal.summaries.written', { by: s.writtenBy, date: date(c, s.updatedAt) })}
      {s.machineDraft ? ` (${tr(c, 'portal.summaries.machineChecked')})` : ''}
      {!isCurrent(s, p.listing) ? (
        <>
          {' '}
          <strong>{tr(c, 'portal.summaries.outdated')}</strong>
        </>
      ) : null}
    </>
  );
}

/** What the desk's translators section confirms after an invitation (`?done=`). */
const TRANSLATOR_DONE = {
  translatorInvited: 'portal.done.translatorInvited',
  translatorAlready: 'portal.done.translatorAlready',
  invitationsLimited: 'portal.members.limited',
} as const;

function TranslatorsSection(p: { c: PortalContext; regionId: string; emails: string[]; invited: TranslatorInvitation[]; state: FormState }) {
  const { c } = p;
  const locale = c.get('locale');
  const labels = { name: tr(c, 'portal.translators.name'), email: tr(c, 'portal.translators.email') };
  return (
    <section id="translators">
      <h2>{tr(c, 'portal.translators.title')}</h2>
      <DoneNotice c={c} messages={TRANSLATOR_DONE} />
      {p.emails.length === 0 && p.invited.length === 0 ? (
        <p>{tr(c, 'portal.translators.empty')}</p>
      ) : (
        <ul>
          {p.emails.map((e) => (
            <li>{e}</li>
          ))}
          {p.invited.map((i) => (
            <li class="meta">{tr(c, 'portal.translators.pending', { email: i.email })}</li>
          ))}
        </ul>
      )}
      <h3>{tr(c, 'portal.translators.invite')}</h3>
      <ErrorSummary locale={locale} state={p.state} labels={labels} />
      <form method="post" action={`/portal/translate/${p.regionId}/translators`} novalidate>
        <TextField locale={locale} state={p.state} name="name" label={labels.name} required autocomplete="off" />
        <TextField locale={locale} state={p.state} name="email" label={labels.email} type="email" required autocomplete="off" />
        <button type="submit">{tr(c, 'portal.translators.invite')}</button>
      </form>
    </section>
  );
}

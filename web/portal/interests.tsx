import { Hono } from 'hono';
import { InterestStatus } from '../../shared/domain/interest.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getListing, getListings, listingsOfRegionBetween } from '../../shared/repositories/listings.js';
import { cancelSeatForDesk, deskInbox, interestForDesk, introduceToEmployer, recordOutcome, type InterestWithPerson } from '../../shared/services/introductions.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { ActionButton, blankForm, ErrorSummary, SelectField, TextArea, type FormState } from './form.js';
import { OutcomeForm, OutcomeHistory, outcomeInput, PersonDetails, StatusBadge, statusLabel, statusOptions, TwvStatus } from './interest-parts.js';
import { dutchDay } from '../../shared/domain/dutch-time.js';
import { PortalPage } from './layout.js';
import { date } from './format.js';

const YEAR = 365 * 86_400_000;

/**
 * The desk's side of residents' interest: the region's inbox (filters as a plain GET form,
 * pages by signed cursor), one interest with its outcomes, the warm introduction (mail to the
 * employer), outcomes, and giving up a seat on a visit.
 */
export function deskInterestRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const now = () => p.ctx.clock.now();
  const base = (regionId: string) => `/portal/desk/${regionId}/interests`;

  app.get('/desk/:regionId/interests', async (c) => {
    const actor = c.get('actor');
    const regionId = c.req.param('regionId');
    const status = InterestStatus.safeParse(c.req.query('status')).data;
    const filter = { listingId: c.req.query('listingId') || undefined, locationId: c.req.query('locationId') || undefined, status };
    // The use case checks the desk first; the pickers' lists are read after.
    const page = await deskInbox(p.deps.db, actor, regionId, { ...filter, cursor: c.req.query('cursor') || undefined }, now());
    const [directory, recent] = await Promise.all([getDirectory(p.deps.db), listingsOfRegionBetween(p.deps.db, regionId, new Date(now().getTime() - YEAR).toISOString(), now().toISOString())]);
    const titles = new Map(recent.map((l) => [l.id, l.title]));
    const missing = [...new Set([...page.items.map((i) => i.interest.listingId), ...(filter.listingId ? [filter.listingId] : [])])].filter((id) => !titles.has(id));
    for (const l of await getListings(p.deps.db, missing)) titles.set(l.id, l.title);
    const locations = directory.locations.filter((l) => l.regionId === regionId);
    const locationName = new Map(directory.locations.map((l) => [l.id, l.name]));
    const region = directory.regions.find((r) => r.id === regionId)?.name ?? regionId;
    const locale = c.get('locale');
    const state = blankForm({ listingId: filter.listingId ?? '', locationId: filter.locationId ?? '', status: filter.status ?? '' });
    const more = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
    if (page.cursor) more.set('cursor', page.cursor);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.interests.title', { region })}>
        <h1>{tr(c, 'portal.interests.title', { region })}</h1>
        <p class="hint">{tr(c, 'portal.interests.intro')}</p>
        <form method="get" action={base(regionId)} class="filters">
          <SelectField locale={locale} state={state} name="listingId" label={tr(c, 'portal.interests.listing')} empty={tr(c, 'portal.interests.allListings')} options={[...titles].map(([value, label]) => ({ value, label }))} />
          <SelectField locale={locale} state={state} name="locationId" label={tr(c, 'portal.interests.location')} empty={tr(c, 'portal.interests.allLocations')} options={locations.map((l) => ({ value: l.id, label: l.name }))} />
          <SelectField locale={locale} state={state} name="status" label={tr(c, 'portal.interests.status')} empty={tr(c, 'portal.interests.allStatuses')} options={statusOptions(c)} />
          <button type="submit">{tr(c, 'portal.interests.filter')}</button>
          <a href={base(regionId)}>{tr(c, 'portal.interests.clear')}</a>
        </form>
        {page.items.length === 0 ? <p>{tr(c, 'portal.interests.empty')}</p> : null}
        <ol class="cards" id="interests">
          {page.items.map(({ interest, person }) => (
            <li data-interest={interest.id}>
              <p>
                <a href={`${base(regionId)}/${interest.id}`}>{titles.get(interest.listingId) ?? interest.listingId}</a>{' '}
                <span class="meta">{`${locationName.get(interest.locationId) ?? interest.locationId} · ${tr(c, 'portal.interests.on', { date: date(c, interest.createdAt) })}`}</span> <StatusBadge c={c} interest={interest} />
                {interest.seat ? <span class={`status seat-${interest.seat}`}>{` ${tr(c, `portal.seat.${interest.seat}`)}`}</span> : null}
                {interest.withdrawnAt ? <span class="status withdrawn">{` ${tr(c, 'portal.interest.withdrawn', { date: date(c, interest.withdrawnAt) })}`}</span> : null}
              </p>
              <PersonDetails c={c} person={person} />
            </li>
          ))}
        </ol>
        {page.cursor ? <a href={`${base(regionId)}?${more.toString()}`}>{tr(c, 'portal.more')}</a> : null}
      </PortalPage>,
    );
  });

  type Pending = { form: 'introduce' | 'outcome'; state: FormState };

  async function interestPage(c: PortalContext, regionId: string, seen: InterestWithPerson, pending?: Pending, status: 200 | 422 = 200) {
    const { person } = seen;
    // After a refused form, the version it was opened at: a lost race stays a 409.
    const version = pending ? Number(one(pending.state.values.version)) || seen.interest.version : seen.interest.version;
    const interest = { ...seen.interest, version };
    const [listing, directory] = await Promise.all([getListing(p.deps.db, interest.listingId), getDirectory(p.deps.db)]);
    const region = directory.regions.find((r) => r.id === regionId)?.name ?? regionId;
    const location = directory.locations.find((l) => l.id === interest.locationId)?.name ?? interest.locationId;
    const title = listing?.title ?? interest.listingId;
    const here = `${base(regionId)}/${interest.id}`;
    const done = c.req.query('done');
    const locale = c.get('locale');
    const introduceState = pending?.form === 'introduce' ? pending.state : blankForm();
    const outcomeState = pending?.form === 'outcome' ? pending.state : blankForm({ on: dutchDay(now()) });
    return c.html(
      <PortalPage c={c} title={title}>
        <p class="meta">
          <a href={base(regionId)}>{tr(c, 'portal.interest.back', { region })}</a>
        </p>
        <h1>{tr(c, 'portal.interest.title', { title })}</h1>
        {done === 'introduced' || done === 'introducedNoMail' || done === 'cancelled' || done === 'promoted' ? (
          <p class="notice" role="status" id="done">
            {tr(c, `portal.interest.done.${done}`)}
          </p>
        ) : done === 'outcome' && interest.outcomes.length > 0 ? (
          <p class="notice" role="status" id="done">
            {tr(c, 'portal.interest.done.outcome', { status: statusLabel(c, interest.outcomes.at(-1)!.status), date: date(c, interest.outcomes.at(-1)!.on) })}
          </p>
        ) : null}
        <dl class="facts">
          <dt>{tr(c, 'portal.interest.listing')}</dt>
          <dd>{listing ? <a href={`/portal/listings/${listing.id}`}>{listing.title}</a> : title}</dd>
          <dt>{tr(c, 'portal.interest.location')}</dt>
          <dd>{location}</dd>
          <dt>{tr(c, 'portal.interest.date')}</dt>
          <dd>{date(c, interest.createdAt)}</dd>
          <dt>{tr(c, 'portal.interest.status')}</dt>
          <dd id="interest-status">
            <StatusBadge c={c} interest={interest} />
            {interest.introducedAt ? ` ${tr(c, 'portal.interest.introducedOn', { date: date(c, interest.introducedAt) })}` : ''}
            {interest.withdrawnAt ? <strong class="withdrawn">{` ${tr(c, 'portal.interest.withdrawn', { date: date(c, interest.withdrawnAt) })}`}</strong> : null}
          </dd>
          {interest.seat ? (
            <>
              <dt>{tr(c, 'portal.interest.seat')}</dt>
              <dd id="interest-seat" data-seat={interest.seat}>
                {tr(c, `portal.seat.${interest.seat}`)}
              </dd>
            </>
          ) : null}
        </dl>
        {interest.seat === 'confirmed' || interest.seat === 'waiting' ? (
          <div class="actions">
            <ActionButton action={`${here}/cancel-seat`} class="danger" label={tr(c, 'portal.interest.cancelSeat')} />
            <p class="hint">{tr(c, 'portal.interest.cancelSeatHint')}</p>
          </div>
        ) : null}
        <PersonDetails c={c} person={person} withNote withReference />
        {interest.status === 'new' && !interest.withdrawnAt && person ? (
          <section id="introduce">
            <h2>{tr(c, 'portal.interest.introduce')}</h2>
            <p class="hint">{tr(c, 'portal.interest.introduceHint')}</p>
            <ErrorSummary locale={locale} state={introduceState} labels={{ note: tr(c, 'portal.interest.note') }} />
            <form method="post" action={`${here}/introduce`} novalidate>
              <input type="hidden" name="version" value={String(interest.version)} />
              <TextArea locale={locale} state={introduceState} name="note" label={tr(c, 'portal.interest.note')} rows={4} required />
              <button type="submit">{tr(c, 'portal.interest.introduceSend')}</button>
            </form>
          </section>
        ) : null}
        <section id="outcomes">
          <h2>{tr(c, 'portal.outcome.history')}</h2>
          <OutcomeHistory c={c} interest={interest} />
          <TwvStatus c={c} interest={interest} today={dutchDay(now())} />
        </section>
        {interest.introducedAt ? (
          <section id="outcome">
            <h2>{tr(c, 'portal.outcome.record')}</h2>
            <OutcomeForm c={c} action={`${here}/outcome`} version={interest.version} state={outcomeState} />
          </section>
        ) : null}
      </PortalPage>,
      status,
    );
  }

  /** The interest for the desk, under its own region's address only. */
  async function seenByDesk(c: PortalContext) {
    const seen = await interestForDesk(p.deps.db, c.get('actor'), c.req.param('id')!, now());
    if (seen.interest.regionId !== c.req.param('regionId')) throw new NotFoundError();
    return seen;
  }

  app.get('/desk/:regionId/interests/:id', async (c) => interestPage(c, c.req.param('regionId'), await seenByDesk(c)));

  app.post('/desk/:regionId/interests/:id/introduce', async (c) => {
    const form = await formOf(c);
    try {
      const { interest, mailed } = await introduceToEmployer(p.ctx, c.get('actor'), c.req.param('id'), Number(one(form.version)) || 0, one(form.note));
      return c.redirect(`${base(interest.regionId)}/${interest.id}?done=${mailed > 0 ? 'introduced' : 'introducedNoMail'}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return interestPage(c, c.req.param('regionId'), await seenByDesk(c), { form: 'introduce', state: { values: form, errors: e.fields } }, 422);
      throw e;
    }
  });

  app.post('/desk/:regionId/interests/:id/outcome', async (c) => {
    const form = await formOf(c);
    try {
      const interest = await recordOutcome(p.deps.db, c.get('actor'), c.req.param('id'), Number(one(form.version)) || 0, outcomeInput(form), now());
      return c.redirect(`${base(interest.regionId)}/${interest.id}?done=outcome`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return interestPage(c, c.req.param('regionId'), await seenByDesk(c), { form: 'outcome', state: { values: form, errors: e.fields } }, 422);
      throw e;
    }
  });

  app.post('/desk/:regionId/interests/:id/cancel-seat', async (c) => {
    const cancellation = await cancelSeatForDesk(p.deps.db, c.get('actor'), c.req.param('id'), now());
    const { interest } = cancellation;
    return c.redirect(`${base(interest.regionId)}/${interest.id}?done=${cancellation.promoted ? 'promoted' : 'cancelled'}`, 303);
  });

  return app;
}

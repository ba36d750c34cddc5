import { Hono } from 'hono';
import { ValidationError } from '../../shared/errors.js';
import { getListing } from '../../shared/repositories/listings.js';
import { introductionsForEmployer, recordOutcome } from '../../shared/services/introductions.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { blankForm, type FormState } from './form.js';
import { OutcomeForm, OutcomeHistory, outcomeInput, PersonDetails, StatusBadge, statusLabel, TwvStatus } from './interest-parts.js';
import { dutchDay } from '../../shared/domain/dutch-time.js';
import { PortalPage } from './layout.js';
import { date } from './format.js';

/**
 * The employer's side: the residents the desk introduced for one of its listings (and only
 * those, only for that listing), with the desk's note and a form to record what came of it.
 */
export function introductionRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const now = () => p.ctx.clock.now();
  const base = (listingId: string) => `/portal/listings/${listingId}/introductions`;

  /** `refused`: the interest whose outcome form came back with errors, as it was typed. */
  async function introductionsPage(c: PortalContext, listingId: string, refused?: { interestId: string; state: FormState }, status: 200 | 422 = 200) {
    const introduced = await introductionsForEmployer(p.deps.db, c.get('actor'), listingId, now());
    const listing = (await getListing(p.deps.db, listingId))!;
    // The step just recorded, in words: what it was and on which day.
    const recorded = c.req.query('done') === 'outcome' ? introduced.find((i) => i.interest.id === c.req.query('interest'))?.interest.outcomes.at(-1) : undefined;
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.introductions.link')}>
        <p class="meta">
          <a href={`/portal/listings/${listing.id}`}>{listing.title}</a>
        </p>
        <h1>{tr(c, 'portal.introductions.title', { title: listing.title })}</h1>
        {recorded ? <p class="notice" role="status" id="done">{tr(c, 'portal.interest.done.outcome', { status: statusLabel(c, recorded.status), date: date(c, recorded.on) })}</p> : null}
        <p class="hint">{tr(c, 'portal.introductions.intro')}</p>
        {introduced.length === 0 ? <p id="no-introductions">{tr(c, 'portal.introductions.empty')}</p> : null}
        <ol class="cards" id="introductions">
          {introduced.map(({ interest, person }) => {
            const mine = refused?.interestId === interest.id ? refused : undefined;
            const version = mine ? Number(one(mine.state.values.version)) || interest.version : interest.version;
            return (
              <li id={`i-${interest.id}`} data-interest={interest.id}>
                <h2>
                  <bdi>{person?.name}</bdi>
                </h2>
                <p>
                  <StatusBadge c={c} interest={interest} /> <span class="meta">{interest.introducedAt ? tr(c, 'portal.interest.introducedOn', { date: date(c, interest.introducedAt) }) : ''}</span>
                </p>
                <PersonDetails c={c} person={person} withNote />
                <h3>{tr(c, 'portal.outcome.history')}</h3>
                <OutcomeHistory c={c} interest={interest} />
                <TwvStatus c={c} interest={interest} today={dutchDay(now())} />
                <h3>{tr(c, 'portal.outcome.record')}</h3>
                <OutcomeForm c={c} action={`${base(listing.id)}/${interest.id}/outcome`} version={version} prefix={`${interest.id}-`} state={mine?.state ?? blankForm({ on: dutchDay(now()) })} />
              </li>
            );
          })}
        </ol>
      </PortalPage>,
      status,
    );
  }

  app.get('/listings/:id/introductions', (c) => introductionsPage(c, c.req.param('id')));

  app.post('/listings/:id/introductions/:interestId/outcome', async (c) => {
    const listingId = c.req.param('id');
    const interestId = c.req.param('interestId');
    const form = await formOf(c);
    try {
      const interest = await recordOutcome(p.deps.db, c.get('actor'), interestId, Number(one(form.version)) || 0, outcomeInput(form), now());
      return c.redirect(`${base(interest.listingId)}?done=outcome&interest=${interest.id}#i-${interest.id}`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return introductionsPage(c, listingId, { interestId, state: { values: form, errors: e.fields } }, 422);
      throw e;
    }
  });

  return app;
}

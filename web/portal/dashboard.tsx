import { ListingStatus } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { myInvitations } from '../../shared/services/accounts.js';
import type { DashboardRow } from '../../shared/services/dashboard.js';
import type { TranslatorInvitation } from '../../shared/domain/user.js';
import { tr, type PortalContext } from './env.js';
import { date } from './format.js';

/**
 * The employer's dashboard of one organisation: its listings grouped by status, each with how
 * many residents reacted (never who), how many the desk introduced, and the next step in words.
 * Cards, not a table: it reads on a 360 px phone.
 */
export function OrganisationDashboard(props: { c: PortalContext; organisation: Organisation; rows: DashboardRow[]; cursor?: string; heading: 'h1' | 'h2' }) {
  const { c, organisation, rows } = props;
  const base = `/portal/org/${organisation.id}`;
  const Heading = props.heading;
  const Sub = props.heading === 'h1' ? 'h2' : 'h3';
  return (
    <section class="dashboard" id={`dashboard-${organisation.id}`} data-organisation={organisation.id}>
      <Heading>
        {props.heading === 'h2' ? <a href={base}>{organisation.name}</a> : organisation.name}
      </Heading>
      <div class="actions">
        <a href={`${base}/listings/new`}>{tr(c, 'portal.dashboard.new')}</a>
        <a href={`${base}/members`}>{tr(c, 'portal.members.title')}</a>
        <a href={`${base}/profile`}>{tr(c, 'portal.profile.title')}</a>
      </div>
      {organisation.trusted ? <p class="hint">{tr(c, 'portal.dashboard.trusted')}</p> : null}
      {rows.length === 0 ? <p>{tr(c, 'portal.dashboard.empty')}</p> : <p class="hint">{tr(c, 'portal.dashboard.privacyHint')}</p>}
      {ListingStatus.options.map((status) => {
        const group = rows.filter((r) => r.listing.status === status);
        return group.length === 0 ? null : (
          <section id={`status-${status}`}>
            <Sub>
              {tr(c, `status.${status}`)} ({group.length})
            </Sub>
            <ul class="cards">
              {group.map((row) => (
                <ListingCard c={c} row={row} />
              ))}
            </ul>
          </section>
        );
      })}
      {props.cursor ? <a href={`${base}?cursor=${encodeURIComponent(props.cursor)}`}>{tr(c, 'portal.more')}</a> : null}
    </section>
  );
}

function ListingCard(props: { c: PortalContext; row: DashboardRow }) {
  const { c, row } = props;
  const l = row.listing;
  const next = row.next;
  const counts = l.status === 'published' || l.status === 'closed' || l.status === 'expired' || l.publishedAt;
  return (
    <li data-listing={l.id} data-reacted={String(row.reacted)} data-introduced={String(row.introduced)}>
      <a href={`/portal/listings/${l.id}`}>{l.title}</a> <span class="meta">{`${tr(c, `kind.${l.kind}`)} · ${l.workplace.city}`}</span>
      <br />
      <span class={`status status-${l.status}`}>{tr(c, 'portal.dashboard.status', { status: tr(c, `status.${l.status}`) })}</span>
      {counts ? (
        <>
          <br />
          <span class="counts">
            {tr(c, 'portal.dashboard.reacted', { count: row.reacted })}
            {row.waiting > 0 ? ` (${tr(c, 'portal.dashboard.waiting', { count: row.waiting })})` : ''}
            {' · '}
            {tr(c, 'portal.dashboard.introduced', { count: row.introduced })}
          </span>
        </>
      ) : null}
      <br />
      <span class="next-step" data-next={next.key}>
        {tr(c, next.key, { count: next.count ?? 0, date: next.date ? date(c, next.date) : '' })}
      </span>
      {row.introduced > 0 ? (
        <>
          {' '}
          <a href={`/portal/listings/${l.id}/introductions`}>{tr(c, 'portal.introductions.link')}</a>
        </>
      ) : null}
    </li>
  );
}

/**
 * The invitations waiting for this person's yes or no, to an organisation or to translate for
 * a region: one list on the start page (and the organisation invitations on every dashboard).
 */
export function Invitations(props: {
  c: PortalContext;
  invitations: Awaited<ReturnType<typeof myInvitations>>;
  translating?: { invitation: TranslatorInvitation; regionName: string }[];
}) {
  const { c, invitations } = props;
  const translating = props.translating ?? [];
  return invitations.length + translating.length === 0 ? null : (
    <section id="invitations">
      <h2>{tr(c, 'portal.invitations.title')}</h2>
      <ul class="cards">
        {invitations.map(({ invitation, organisation }) => (
          <li data-organisation={organisation.id}>
            <p>{tr(c, 'portal.invitations.from', { organisation: organisation.name, by: invitation.invitedBy })}</p>
            <YesOrNo c={c} action={`/portal/invitations/${organisation.id}`} />
          </li>
        ))}
        {translating.map(({ invitation, regionName }) => (
          <li data-region={invitation.regionId}>
            <p>{tr(c, 'portal.invitations.translator', { region: regionName, by: invitation.invitedBy })}</p>
            <YesOrNo c={c} action={`/portal/invitations/translate/${invitation.regionId}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Accept and decline, posted to `<action>/accept` and `<action>/decline`. */
function YesOrNo(props: { c: PortalContext; action: string }) {
  const { c, action } = props;
  return (
    <div class="actions">
      <form method="post" action={`${action}/accept`}>
        <button type="submit">{tr(c, 'portal.invitations.accept')}</button>
      </form>
      <form method="post" action={`${action}/decline`}>
        <button type="submit" class="secondary">
          {tr(c, 'portal.invitations.decline')}
        </button>
      </form>
    </div>
  );
}

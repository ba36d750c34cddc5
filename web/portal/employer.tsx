import { Hono } from 'hono';
import { declarationValidUntil, hasValidDeclaration, isNonProfit, isPartner, PostingKind, type Organisation } from '../../shared/domain/organisation.js';
import type { FieldError } from '../../shared/errors.js';
import { mayRecordDeclaration, recordNonProfitStatus } from '../../shared/services/declarations.js';
import { ValidationError } from '../../shared/errors.js';
import { getDirectory } from '../../shared/repositories/directory.js';
import { getOrganisationFor, INVITATION_DAYS, myInvitations, inviteColleague, mayRemoveMembers, membersOfOrganisation, openInvitationsOf, removeMember, updateOrganisationProfile } from '../../shared/services/accounts.js';
import { employerDashboard } from '../../shared/services/dashboard.js';
import { fieldsOfListing, listingInputFromFields } from '../../shared/services/listing-fields.js';
import { createListing } from '../../shared/services/listings.js';
import { getListingFor } from '../../shared/services/moderation.js';
import { formOf, one, tr, type Portal, type PortalContext, type PortalEnv } from './env.js';
import { blankForm, CheckboxGroup, ErrorSummary, SelectField, TextArea, TextField, type FormState } from './form.js';
import { Invitations, OrganisationDashboard } from './dashboard.js';
import { DoneNotice } from './done.js';
import { PortalPage } from './layout.js';
import { ListingForm } from './listing-form.js';

/** Employers: the dashboard of their listings, new listings (also duplicates), colleagues, profile. */
export function employerRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  const today = () => p.ctx.clock.now().toISOString().slice(0, 10);

  /**
   * The organisation's kind and UWV volunteer declaration: everyone who reads the organisation
   * sees them; the desk of its regions and admins record them here.
   */
  const DeclarationSection = (props: { c: PortalContext; organisation: Organisation; state?: FormState }) => {
    const { c, organisation: o } = props;
    const locale = c.get('locale');
    const d = o.volunteerDeclaration;
    const today = p.ctx.clock.now().toISOString().slice(0, 10);
    const state = props.state ?? blankForm({ kind: isPartner(o) ? '' : o.kind, declarationIssuedOn: d?.issuedOn ?? '' });
    const labels = { kind: tr(c, 'portal.declaration.kind'), declarationIssuedOn: tr(c, 'portal.declaration.issuedOn') };
    return (
      <section id="declaration">
        <h2>{tr(c, 'portal.declaration.title')}</h2>
        <DoneNotice c={c} messages={{ declaration: 'portal.done.declaration', declarationUnchanged: 'portal.done.declarationUnchanged' }} />
        <p>
          {tr(c, isPartner(o) ? `portal.partnerKind.${o.kind}` : `portal.orgKind.${o.kind as PostingKind}`)}
          {' · '}
          <span id="declaration-status">
            {d === undefined
              ? tr(c, isNonProfit(o) ? 'portal.declaration.none' : 'portal.declaration.employer')
              : hasValidDeclaration(o, today)
                ? tr(c, 'portal.declaration.valid', { date: d.issuedOn, until: declarationValidUntil(d.issuedOn), by: d.recordedBy })
                : tr(c, 'portal.declaration.expired', { date: d.issuedOn, until: declarationValidUntil(d.issuedOn) })}
          </span>
        </p>
        <p class="hint">{tr(c, 'portal.declaration.hint')}</p>
        {mayRecordDeclaration(c.get('actor'), o) ? (
          <>
            <ErrorSummary locale={locale} state={state} labels={labels} prefix="declaration-" />
            <form method="post" action={`/portal/org/${o.id}/declaration`} novalidate>
              {isPartner(o) ? null : (
                <SelectField locale={locale} state={state} prefix="declaration-" name="kind" label={labels.kind} required options={PostingKind.options.map((k) => ({ value: k, label: tr(c, `portal.orgKind.${k}`) }))} />
              )}
              <TextField locale={locale} state={state} prefix="declaration-" name="declarationIssuedOn" type="date" label={labels.declarationIssuedOn} hint={tr(c, 'portal.declaration.issuedOnHint')} />
              <button type="submit">{tr(c, 'portal.listing.save')}</button>
            </form>
          </>
        ) : null}
      </section>
    );
  };

  const dashboard = async (c: PortalContext) => {
    const actor = c.get('actor');
    const organisation = await getOrganisationFor(p.deps.db, actor, c.req.param('orgId') ?? '');
    const [{ rows, cursor }, invitations] = await Promise.all([employerDashboard(p.deps.db, actor, organisation.id, { cursor: c.req.query('cursor') }), myInvitations(p.ctx, actor)]);
    return c.html(
      <PortalPage c={c} title={organisation.name}>
        {c.req.query('done') === 'joined' ? (
          <p class="notice" role="status" id="done">
            {tr(c, 'portal.invitations.joined', { organisation: organisation.name })}
          </p>
        ) : null}
        <Invitations c={c} invitations={invitations} />
        <OrganisationDashboard c={c} organisation={organisation} rows={rows} cursor={cursor} heading="h1" />
        <DeclarationSection c={c} organisation={organisation} />
      </PortalPage>,
    );
  };

  app.get('/org/:orgId', (c) => dashboard(c));

  /** The declaration on its own page: desks reach it from their region's organisations. */
  const declarationPage = async (c: PortalContext, state?: FormState, status: 200 | 422 = 200) => {
    const organisation = await getOrganisationFor(p.deps.db, c.get('actor'), c.req.param('orgId') ?? '');
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.declaration.title')}>
        <p class="meta">{organisation.name}</p>
        <DeclarationSection c={c} organisation={organisation} state={state} />
      </PortalPage>,
      status,
    );
  };

  app.get('/org/:orgId/declaration', (c) => declarationPage(c));

  app.post('/org/:orgId/declaration', async (c) => {
    const form = await formOf(c);
    const organisationId = c.req.param('orgId');
    const before = await getOrganisationFor(p.deps.db, c.get('actor'), organisationId);
    let after: Organisation;
    try {
      after = await recordNonProfitStatus(p.ctx, c.get('actor'), organisationId, {
        kind: one(form.kind).trim() || undefined,
        declarationIssuedOn: one(form.declarationIssuedOn).trim() || undefined,
      });
    } catch (e) {
      if (e instanceof ValidationError) return declarationPage(c, { values: form, errors: e.fields as FieldError[] }, 422);
      throw e;
    }
    const same = after.kind === before.kind && after.volunteerDeclaration?.issuedOn === before.volunteerDeclaration?.issuedOn;
    return c.redirect(`/portal/org/${organisationId}/declaration?done=${same ? 'declarationUnchanged' : 'declaration'}`, 303);
  });

  const newPage = async (c: PortalContext, organisationId: string, state: FormState, status: 200 | 422 = 200) => {
    const organisation = await getOrganisationFor(p.deps.db, c.get('actor'), organisationId);
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.listing.newTitle')}>
        <h1>{tr(c, 'portal.listing.newTitle')}</h1>
        <p class="meta">{organisation.name}</p>
        <ListingForm locale={c.get('locale')} state={state} action={`/portal/org/${organisation.id}/listings`} directory={await getDirectory(p.deps.db)} today={today()} horizonMonths={p.deps.config.LISTING_HORIZON_MONTHS} submitLabel={tr(c, 'portal.listing.create')} />
      </PortalPage>,
      status,
    );
  };

  app.get('/org/:orgId/listings/new', async (c) => {
    const from = c.req.query('from');
    // Duplicate: the form filled in from another listing; nothing is stored until it is saved.
    const values = from ? fieldsOfListing(await getListingFor(p.deps.db, c.get('actor'), from)) : {};
    if (from) values.closingDate = '';
    return newPage(c, c.req.param('orgId'), blankForm(values));
  });

  app.post('/org/:orgId/listings', async (c) => {
    const actor = c.get('actor');
    const organisationId = c.req.param('orgId');
    const form = await formOf(c);
    const fields = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, one(v)]));
    try {
      const input = listingInputFromFields(fields, organisationId, await getDirectory(p.deps.db), { today: today() });
      const listing = await createListing(p.deps.db, actor, input, p.ctx.clock, { id: fields.newId, horizonMonths: p.deps.config.LISTING_HORIZON_MONTHS });
      return c.redirect(`/portal/listings/${listing.id}?done=created`, 303);
    } catch (e) {
      if (e instanceof ValidationError) return newPage(c, organisationId, { values: form, errors: e.fields }, 422);
      throw e;
    }
  });

  const membersPage = async (c: PortalContext, organisationId: string, state: FormState, notice?: string, status: 200 | 422 | 429 = 200) => {
    const actor = c.get('actor');
    const organisation = await getOrganisationFor(p.deps.db, actor, organisationId);
    const [members, invitations] = await Promise.all([membersOfOrganisation(p.deps.db, actor, organisation.id), openInvitationsOf(p.ctx, actor, organisation.id)]);
    const removes = mayRemoveMembers(actor, organisation.id);
    const self = actor.kind === 'person' ? actor.email : '';
    const labels = { name: tr(c, 'portal.members.name'), email: tr(c, 'portal.members.email') };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.members.title')}>
        <h1>{tr(c, 'portal.members.title')}</h1>
        <p class="meta">
          <a href={`/portal/org/${organisation.id}`}>{organisation.name}</a>
        </p>
        {notice ? <p class="notice" role="status">{notice}</p> : null}
        <ul class="cards" id="members">
          {members.map((m) => (
            <li data-member={m.email}>
              {m.email}
              {m.role === 'employer' && m.owner === true ? ` (${tr(c, 'portal.members.owner')})` : ''}
              {removes && m.email !== self ? (
                <form method="post" action={`/portal/org/${organisation.id}/members/remove`} class="inline">
                  <input type="hidden" name="email" value={m.email} />
                  <button type="submit" class="danger">
                    {tr(c, 'portal.members.remove')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {invitations.length > 0 ? (
          <>
            <h2>{tr(c, 'portal.members.pending')}</h2>
            <ul class="cards" id="invited">
              {invitations.map((i) => (
                <li data-invited={i.email}>{i.email}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{tr(c, 'portal.members.invite')}</h2>
        <p class="hint">{tr(c, 'portal.members.inviteHint', { days: INVITATION_DAYS })}</p>
        <ErrorSummary locale={c.get('locale')} state={state} labels={labels} />
        <form method="post" action={`/portal/org/${organisation.id}/members`} novalidate>
          <TextField locale={c.get('locale')} state={state} name="name" label={labels.name} required />
          <TextField locale={c.get('locale')} state={state} name="email" type="email" label={labels.email} required />
          <button type="submit">{tr(c, 'portal.members.send')}</button>
        </form>
      </PortalPage>,
      status,
    );
  };

  app.get('/org/:orgId/members', (c) => membersPage(c, c.req.param('orgId'), blankForm()));

  app.post('/org/:orgId/members', async (c) => {
    const organisationId = c.req.param('orgId');
    const form = await formOf(c);
    const email = one(form.email).trim();
    let sent;
    try {
      sent = await inviteColleague(p.ctx, c.get('actor'), organisationId, { name: one(form.name), email }, c.get('locale'));
    } catch (e) {
      if (e instanceof ValidationError) return membersPage(c, organisationId, { values: form, errors: e.fields }, undefined, 422);
      throw e;
    }
    if (sent === 'rate-limited') return membersPage(c, organisationId, { values: form, errors: [] }, tr(c, 'portal.members.limited'), 429);
    return membersPage(c, organisationId, blankForm(), tr(c, sent === 'sent' ? 'portal.members.sent' : 'portal.members.alreadyMember', { email }));
  });

  // Owners and the admin take a member off the organisation; the person's other work stays.
  app.post('/org/:orgId/members/remove', async (c) => {
    const organisationId = c.req.param('orgId');
    const email = one((await formOf(c)).email);
    await removeMember(p.ctx, c.get('actor'), organisationId, email);
    return membersPage(c, organisationId, blankForm(), tr(c, 'portal.members.removed', { email }));
  });

  const PROFILE_FIELDS = ['name', 'kvk', 'sector', 'address', 'website', 'contactEmail', 'contactPhone', 'offers'] as const;

  const profilePage = async (c: PortalContext, organisationId: string, state: FormState | undefined, status: 200 | 422 = 200) => {
    const organisation = await getOrganisationFor(p.deps.db, c.get('actor'), organisationId);
    const { regions } = await getDirectory(p.deps.db);
    const s = state ?? blankForm({ ...Object.fromEntries(PROFILE_FIELDS.map((k) => [k, organisation[k] ?? ''])), regionIds: organisation.regionIds });
    const locale = c.get('locale');
    const labels: Record<string, string> = { ...Object.fromEntries(PROFILE_FIELDS.map((k) => [k, tr(c, `portal.org.${k}`)])), regionIds: tr(c, 'portal.org.regions') };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.profile.title')}>
        <h1>{tr(c, 'portal.profile.title')}</h1>
        <DoneNotice c={c} messages={{ profile: 'portal.done.profile', profileUnchanged: 'portal.done.profileUnchanged' }} params={{ organisation: organisation.name }} />
        <ErrorSummary locale={locale} state={s} labels={labels} />
        <form method="post" action={`/portal/org/${organisation.id}/profile`} novalidate>
          <TextField locale={locale} state={s} name="name" label={labels.name!} required />
          <TextField locale={locale} state={s} name="kvk" label={labels.kvk!} hint={tr(c, 'portal.org.kvkHint')} inputmode="numeric" />
          <TextField locale={locale} state={s} name="sector" label={labels.sector!} />
          <TextField locale={locale} state={s} name="address" label={labels.address!} />
          <TextField locale={locale} state={s} name="website" label={labels.website!} type="url" />
          <TextField locale={locale} state={s} name="contactEmail" label={labels.contactEmail!} type="email" />
          <TextField locale={locale} state={s} name="contactPhone" label={labels.contactPhone!} type="tel" />
          <CheckboxGroup locale={locale} state={s} name="regionIds" label={labels.regionIds!} options={regions.map((r) => ({ value: r.id, label: r.name }))} />
          <TextArea locale={locale} state={s} name="offers" label={labels.offers!} rows={3} />
          <button type="submit">{tr(c, 'portal.listing.save')}</button>
        </form>
      </PortalPage>,
      status,
    );
  };

  app.get('/org/:orgId/profile', (c) => profilePage(c, c.req.param('orgId'), undefined));

  app.post('/org/:orgId/profile', async (c) => {
    const organisationId = c.req.param('orgId');
    const form = await formOf(c);
    const input = { ...Object.fromEntries(PROFILE_FIELDS.map((k) => [k, one(form[k]).trim() || undefined])), regionIds: [form.regionIds ?? []].flat() };
    let changed: boolean;
    try {
      changed = (await updateOrganisationProfile(p.ctx, c.get('actor'), organisationId, input)).changed;
    } catch (e) {
      if (e instanceof ValidationError) return profilePage(c, organisationId, { values: form, errors: e.fields }, 422);
      throw e;
    }
    return c.redirect(`/portal/org/${organisationId}/profile?done=${changed ? 'profile' : 'profileUnchanged'}`, 303);
  });

  return app;
}

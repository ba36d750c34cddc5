import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../adapters/mail-outbox.js';
import { loadConfig } from '../config/index.js';
import { Listing } from '../domain/listing.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { auditHistory } from '../repositories/audit.js';
import { getListing, listingsOfOrganisation, writeListing } from '../repositories/listings.js';
import { getOrganisation } from '../repositories/organisations.js';
import { putMembership } from '../repositories/users.js';
import type { ServiceContext } from './context.js';
import { recordNonProfitStatus } from './declarations.js';
import { importListings } from './import.js';
import { changeStatus, createListing, updateListing } from './listings.js';
import { sweep } from './sweep.js';
import { createTestDb } from '../../test/db.js';
import { admin, clock, deskOf, employerOf, NON_PROFIT, NOW, seedDirectory, seedOrganisation, serviceContext, vacancy, visit, volunteering } from '../../test/fixtures.js';

/** The listing rules of docs/domain.md, through the use cases the portal, the import and scripts share. */
let db: Awaited<ReturnType<typeof createTestDb>>;
let ctx: ServiceContext;
const desk = deskOf('zuid');

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  ctx = serviceContext(db);
});

/** The field and message keys of the ValidationError a promise rejects with. */
async function refusal(p: Promise<unknown>): Promise<string[]> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(e instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(e)}`);
  return e.fields.map((f) => `${f.field}:${f.key}`);
}

describe('creating listings under the rules', () => {
  it('refuses the €9 job starting in 2019, and stores nothing', async () => {
    const org = await seedOrganisation(db);
    const errors = await refusal(createListing(db, employerOf(org.id), vacancy(org.id, { wagePerHour: 9, startDate: '2019-06-01' }), clock));
    expect(errors).toEqual(['wagePerHour:error.wage_below_minimum', 'startDate:error.date_in_past']);
    expect((await listingsOfOrganisation(db, org.id)).items).toEqual([]);
  });

  it('refuses an apprenticeship without a wage and closing dates past the horizon, which the deployment may widen', async () => {
    const org = await seedOrganisation(db);
    expect(await refusal(createListing(db, desk, vacancy(org.id, { kind: 'apprenticeship', wagePerHour: undefined }), clock))).toEqual(['wagePerHour:error.wage_required']);
    expect(await refusal(createListing(db, desk, vacancy(org.id, { closingDate: '9999-12-31' }), clock))).toEqual(['closingDate:error.date_too_far']);
    expect(await refusal(createListing(db, desk, visit(org.id, { startsAt: '9999-12-02T09:00:00+01:00', endsAt: '9999-12-02T12:00:00+01:00' }), clock))).toEqual(['startsAt:error.date_too_far']);
    const far = await createListing(db, desk, vacancy(org.id, { closingDate: '2028-06-01' }), clock, { horizonMonths: 24 });
    expect(far.closingDate).toBe('2028-06-01');
  });

  it('lets only a non-profit with a recorded declaration post volunteering, the desk on its behalf included', async () => {
    const factory = await seedOrganisation(db, { name: 'Fabriek BV' });
    expect(await refusal(createListing(db, employerOf(factory.id), volunteering(factory.id), clock))).toEqual(['kind:error.volunteering_non_profit_only']);
    const without = await seedOrganisation(db, { kind: 'non-profit', name: 'Stichting Zonder' });
    expect(await refusal(createListing(db, desk, volunteering(without.id), clock))).toEqual(['kind:error.volunteering_declaration_required']);
    const ngo = await seedOrganisation(db, { ...NON_PROFIT, kind: 'ngo', name: 'VluchtelingenWerk Venlo' });
    const posted = await createListing(db, desk, volunteering(ngo.id), clock);
    expect(posted).toMatchObject({ status: 'draft', kind: 'volunteering', openTo: 'everyone' });
    // A partner may post work (an agency) or an event (the WSP), but no volunteering.
    const agency = await seedOrganisation(db, { kind: 'employment-agency', name: 'Uitzendbureau Venlo' });
    expect((await createListing(db, desk, vacancy(agency.id), clock)).kind).toBe('job');
    expect(await refusal(createListing(db, desk, volunteering(agency.id), clock))).toEqual(['kind:error.volunteering_non_profit_only']);
  });

  it('keeps a stored start date that has passed when the listing is edited, but refuses moving it into the past', async () => {
    const org = await seedOrganisation(db);
    const l = await createListing(db, desk, vacancy(org.id, { startDate: '2026-11-23' }), clock);
    const later = { now: () => new Date('2026-11-30T10:00:00Z') };
    const edited = await updateListing(db, desk, l.id, 1, { ...vacancy(org.id, { startDate: '2026-11-23' }), title: 'Ander werk' }, later);
    expect(edited).toMatchObject({ title: 'Ander werk', startDate: '2026-11-23' });
    expect(await refusal(updateListing(db, desk, l.id, 2, vacancy(org.id, { startDate: '2026-11-20' }), later))).toEqual(['startDate:error.date_in_past']);
    expect((await getListing(db, l.id))?.version).toBe(2);
  });
});

describe('submitting and approving check the rules again', () => {
  it('refuses to submit or approve a listing stored before the rules (a €9 job), and changes nothing', async () => {
    const org = await seedOrganisation(db);
    const at = NOW.toISOString();
    const old = Listing.parse({ ...vacancy(org.id, { wagePerHour: 9, startDate: '2024-01-01' }), id: ulid(), status: 'draft', version: 1, createdAt: at, updatedAt: at });
    await writeListing(db, old, undefined, []);
    expect(await refusal(changeStatus(db, employerOf(org.id), old.id, 1, 'submit', { clock }))).toEqual(['wagePerHour:error.wage_below_minimum', 'startDate:error.date_in_past']);
    const pending = Listing.parse({ ...old, id: ulid(), status: 'pending' });
    await writeListing(db, pending, undefined, []);
    expect(await refusal(changeStatus(db, desk, pending.id, 1, 'approve', { clock }))).toContain('wagePerHour:error.wage_below_minimum');
    expect((await getListing(db, old.id))?.status).toBe('draft');
    expect((await getListing(db, pending.id))?.status).toBe('pending');
  });
});

describe('the sweep and a new minimum wage', () => {
  it('sends a published listing below a rate that took effect back to the desk, telling employer and desk, once', async () => {
    const org = await seedOrganisation(db, { name: 'Kas Venlo' });
    await putMembership(db, { role: 'employer', email: 'kas@example.org', organisationId: org.id });
    await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
    const publish = async (wagePerHour: number, title: string) => {
      const l = await createListing(db, desk, vacancy(org.id, { wagePerHour, title, closingDate: '2027-03-01' }), clock);
      await changeStatus(db, desk, l.id, 1, 'submit', { clock });
      return changeStatus(db, desk, l.id, 2, 'approve', { clock });
    };
    const low = await publish(14.8, 'Net boven het minimum');
    const high = await publish(16, 'Ruim boven het minimum');
    const wageTable = [{ from: '2026-01-01', euros: 14.71 }, { from: '2027-01-01', euros: 15.05 }];
    const mail = new Outbox();
    const config = loadConfig({ PUBLIC_ORIGIN: 'https://opweg.example.org' });

    // The day before the new rate: nothing happens.
    expect((await sweep({ db, config, mail, wageTable }, new Date('2026-12-31T12:00:00Z'))).belowMinimumWage).toEqual([]);
    const newYear = new Date('2027-01-01T00:30:00Z');
    const first = await sweep({ db, config, mail, wageTable }, newYear);
    expect(first.belowMinimumWage).toEqual([low.id]);
    expect((await getListing(db, low.id))?.status).toBe('pending');
    expect((await getListing(db, high.id))?.status).toBe('published');
    const notice = mail.latestTo('kas@example.org');
    expect(notice?.subject).toContain('Net boven het minimum');
    expect(notice?.text).toContain('€15.05');
    expect(notice?.text).toContain(`https://opweg.example.org/portal/listings/${low.id}`);
    expect(mail.messages().some((m) => m.to === 'desk-zuid@example.org' && m.subject === notice?.subject)).toBe(true);
    const history = await auditHistory(db, 'listing', low.id);
    expect(history.at(-1)).toMatchObject({ actor: 'system', action: 'listing.wageBelowMinimum', detail: { from: 'published', to: 'pending' } });

    // The next run sends nothing again; with today's table nothing is flagged at all.
    const sent = mail.messages().length;
    expect((await sweep({ db, config, mail, wageTable }, new Date('2027-01-01T01:30:00Z'))).belowMinimumWage).toEqual([]);
    expect(mail.messages()).toHaveLength(sent);
    expect(mail.messages().filter((m) => m.subject === notice?.subject)).toHaveLength(2);
    expect((await sweep({ db, config }, newYear)).belowMinimumWage).toEqual([]);
  });
});

describe('the sweep and a lapsed volunteer declaration', () => {
  it('sends published volunteering back to the desk the day the declaration runs out, telling the organisation and the desk', async () => {
    const declaration = { issuedOn: '2023-12-01', recordedBy: 'desk-zuid@example.org', recordedAt: '2023-12-02T09:00:00.000Z' };
    const org = await seedOrganisation(db, { kind: 'non-profit', name: 'Stichting Taalcafé', volunteerDeclaration: declaration });
    await putMembership(db, { role: 'employer', email: 'taalcafe@example.org', organisationId: org.id });
    const l = await createListing(db, desk, volunteering(org.id, { title: 'Gastvrouw taalcafé' }), clock);
    await changeStatus(db, desk, l.id, 1, 'submit', { clock });
    await changeStatus(db, desk, l.id, 2, 'approve', { clock });
    const mail = new Outbox();
    const config = loadConfig({ PUBLIC_ORIGIN: 'https://opweg.example.org' });

    // Valid through 2026-11-30 (3 years less a day): still published that day.
    expect((await sweep({ db, config, mail }, new Date('2026-11-30T12:00:00Z'))).declarationLapsed).toEqual([]);
    const lapsed = await sweep({ db, config, mail }, new Date('2026-12-01T06:00:00Z'));
    expect(lapsed.declarationLapsed).toEqual([l.id]);
    expect((await getListing(db, l.id))?.status).toBe('pending');
    const notice = mail.latestTo('taalcafe@example.org');
    expect(notice?.subject).toContain('Gastvrouw taalcafé');
    expect(notice?.text).toContain('2026-11-30');
    expect(mail.messages().some((m) => m.to === 'desk-zuid@example.org' && m.subject === notice?.subject)).toBe(true);
    expect((await auditHistory(db, 'listing', l.id)).at(-1)).toMatchObject({ actor: 'system', action: 'listing.declarationLapsed' });
    // The desk cannot approve it again until a new declaration is recorded.
    expect(await refusal(changeStatus(db, desk, l.id, 4, 'approve', { clock: { now: () => new Date('2026-12-01T09:00:00Z') } }))).toEqual(['kind:error.volunteering_declaration_required']);
  });
});

describe('recording the kind and the volunteer declaration', () => {
  it('lets a desk of the region or an admin record it, with checks on the date, and then volunteering can be posted', async () => {
    const org = await seedOrganisation(db, { name: 'Stichting Samen' });
    expect(await refusal(recordNonProfitStatus(ctx, desk, org.id, { declarationIssuedOn: '2025-05-01' }))).toEqual(['declarationIssuedOn:error.declaration_non_profit_only']);
    expect(await refusal(recordNonProfitStatus(ctx, desk, org.id, { kind: 'non-profit', declarationIssuedOn: '2026-12-01' }))).toEqual(['declarationIssuedOn:error.date_in_future']);
    expect(await refusal(recordNonProfitStatus(ctx, desk, org.id, { kind: 'non-profit', declarationIssuedOn: '2023-11-01' }))).toEqual(['declarationIssuedOn:error.declaration_expired']);
    await expect(recordNonProfitStatus(ctx, deskOf('noord'), org.id, { kind: 'non-profit' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordNonProfitStatus(ctx, employerOf(org.id), org.id, { kind: 'non-profit' })).rejects.toBeInstanceOf(ForbiddenError);

    const recorded = await recordNonProfitStatus(ctx, desk, org.id, { kind: 'non-profit', declarationIssuedOn: '2025-05-01' });
    expect(recorded).toMatchObject({ kind: 'non-profit', volunteerDeclaration: { issuedOn: '2025-05-01', recordedBy: 'desk-zuid@example.org' } });
    expect(await getOrganisation(db, org.id)).toMatchObject({ kind: 'non-profit', volunteerDeclaration: { issuedOn: '2025-05-01' } });
    expect((await createListing(db, employerOf(org.id), volunteering(org.id), clock)).kind).toBe('volunteering');
    expect((await auditHistory(db, 'organisation', org.id)).at(-1)).toMatchObject({ action: 'organisation.non-profit-status', detail: { kind: 'non-profit', declarationIssuedOn: '2025-05-01' } });

    // Back to employer: the declaration goes with it, and volunteering is refused again.
    await recordNonProfitStatus(ctx, admin, org.id, { kind: 'employer' });
    expect((await getOrganisation(db, org.id))?.volunteerDeclaration).toBeUndefined();
    expect(await refusal(createListing(db, employerOf(org.id), volunteering(org.id), clock))).toEqual(['kind:error.volunteering_non_profit_only']);
  });
});

describe('CSV rows follow the same rules', () => {
  it('refuses each unlawful row with its reasons and imports volunteering of a non-profit with a declaration', async () => {
    const factory = await seedOrganisation(db, { name: 'Fabriek Tegelen', kvk: '55512345' });
    await seedOrganisation(db, { ...NON_PROFIT, kind: 'volunteer-centre', name: 'Vrijwilligerscentrale Venlo' });
    const header = 'organisation,locationId,kind,title,description,openTo,dutchLevel,wagePerHour,startDate,closingDate,workplace.city,startsAt,endsAt,seats';
    const csv = [
      header,
      `55512345,venlo,job,Negen euro,Inpakken,permit-holders,A1,"9,00",2019-06-01,2026-12-20,Venlo,,,`,
      `55512345,venlo,apprenticeship,Leerbaan,Lassen leren,permit-holders-and-asylum-seekers,A2,,2027-01-04,2026-12-20,Venlo,,,`,
      `55512345,venlo,job,Ver weg,Inpakken,permit-holders,A1,16.00,2026-12-07,9999-12-31,Venlo,,,`,
      `55512345,venlo,volunteering,Fabrieksvrijwilliger,Helpen,everyone,none,,,2026-12-20,Venlo,,,`,
      `Vrijwilligerscentrale Venlo,venlo,volunteering,Taalmaatje,Samen Nederlands praten,everyone,none,,,2026-12-20,Venlo,,,`,
      `55512345,venlo,company-visit,Open dag,Rondleiding,permit-holders-and-asylum-seekers,none,,,,Venlo,2026-12-02T09:00,2026-12-02T11:00,10`,
    ].join('\n');
    const report = await importListings(ctx, desk, csv, { publish: true });
    expect(report.map((r) => [r.title, r.status, r.errors.map((e) => `${e.field}:${e.key}`)])).toEqual([
      ['Negen euro', undefined, ['wagePerHour:error.wage_below_minimum', 'startDate:error.date_in_past']],
      ['Leerbaan', undefined, ['wagePerHour:error.wage_required']],
      ['Ver weg', undefined, ['closingDate:error.date_too_far']],
      ['Fabrieksvrijwilliger', undefined, ['kind:error.volunteering_non_profit_only']],
      ['Taalmaatje', 'published', []],
      ['Open dag', undefined, ['openTo:error.open_to_work_permit_not_needed']],
    ]);
    expect((await listingsOfOrganisation(db, factory.id)).items).toEqual([]);
  });
});

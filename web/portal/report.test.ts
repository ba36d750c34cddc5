import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { ValidationError } from '../../shared/errors.js';
import { putLocation } from '../../shared/repositories/directory.js';
import type { Membership } from '../../shared/domain/user.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { cancelSeat, expressInterest } from '../../shared/services/interests.js';
import { introduce, recordOutcome } from '../../shared/services/introductions.js';
import { createListing } from '../../shared/services/listings.js';
import { regionReport } from '../../shared/services/report.js';
import { createTestDb } from '../../test/db.js';
import { admin, clock, deskOf, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { publishedListing, seedPeople, signedIn, type PortalClient } from './testing.js';

/**
 * The region report with a history built by hand (docs/outcomes.md): every number below was
 * counted on paper from the story in `beforeAll`, then checked through the use case, the page
 * and the CSV, which must agree.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
let zuid: PortalClient;
let noord: PortalClient;
let manager: PortalClient;
let adminClient: PortalClient;
let employer: PortalClient;
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };
/** Everything personal the residents gave. */
const ids: Record<string, string> = {};
const personal = ['Idris', 'Amal', 'Bashir', 'Chaya', 'Dawit', 'Esra', 'Farid', 'Gul', 'Hamid', '1111', '2222', '7777', '@example.org'];

const at = (iso: string) => new Date(iso);
const noon = (day: string) => at(`${day}T11:00:00Z`);

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  await putLocation(db, { id: 'weert', regionId: 'zuid', name: 'Weert', municipality: 'Weert', province: 'Limburg', lat: 51.25, lon: 5.71 });
  const org = await seedOrganisation(db, { name: 'Distributiecentrum Venlo', sector: 'Logistiek' });
  const north = await seedOrganisation(db, { name: 'Kaasmakerij Assen', sector: 'Voeding', regionIds: ['noord'] });
  const memberships: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] },
    { role: 'manager', email: 'manager-zuid@example.org', regionId: 'zuid' },
    { role: 'admin', email: 'admin@example.org' },
  ];
  await seedPeople(db, memberships);
  // All created on 2026-11-23 (the fixtures' NOW); a draft is left out of the listings count.
  const job = await publishedListing(db, vacancy(org.id, { title: 'Orderpicker' }));
  const internship = await publishedListing(db, vacancy(org.id, { kind: 'internship', title: 'Stage magazijn', wagePerHour: undefined }));
  const tour = await publishedListing(db, visit(org.id));
  await createListing(db, SYSTEM, vacancy(org.id, { title: 'Nog een concept' }), clock);
  const northJob = await publishedListing(db, vacancy(north.id, { regionId: 'noord', title: 'Kaasmaker', workplace: { city: 'Assen', lat: 52.99, lon: 6.56 } }));

  const react = (listingId: string, when: string, who: Record<string, unknown>) =>
    expressInterest(db, { listingId, locationId: 'venlo', dutchLevel: 'A2', consent: true, age: '18-plus', eligibility: 'permit-holder', ...who }, at(when), retention);
  const step = async (id: string, version: number, status: string, on: string, reason?: string) => (await recordOutcome(db, deskOf('zuid'), id, version, { status, on, reason }, noon(on))).version;
  const introduced = async (id: string, day: string) => (await introduce(db, SYSTEM, id, 1, 'Voorgesteld', noon(day))).version;

  // R1 Amal reacts three times: by e-mail, by phone, by both: one resident, a permit holder.
  const a = (await react(job.id, '2026-11-02T09:00:00Z', { name: 'Amal', email: 'amal@example.org' })).interest;
  await react(internship.id, '2026-11-03T09:00:00Z', { name: 'Amal', phone: '06 1111 1111' });
  await react(tour.id, '2026-11-04T09:00:00Z', { name: 'Amal A.', email: 'AMAL@example.org', phone: '+31 6 1111 1111' });
  let v = await introduced(a.id, '2026-11-05');
  v = await step(a.id, v, 'interview', '2026-11-10');
  await step(a.id, v, 'started', '2026-11-20'); // implies "matched" on 2026-11-20
  // R2 Bashir, an asylum seeker: TWV applied in November, granted and started in December.
  const b = (await react(job.id, '2026-11-06T09:00:00Z', { name: 'Bashir', phone: '0622222222', eligibility: 'asylum-6-months' })).interest;
  v = await introduced(b.id, '2026-11-09');
  v = await step(b.id, v, 'twv-applied', '2026-11-12'); // implies interview and matched on 2026-11-12
  v = await step(b.id, v, 'twv-granted', '2026-12-10');
  await step(b.id, v, 'started', '2026-12-14');
  // R3 Chaya signs up for the visit and cancels: not a reaction.
  const c = (await react(tour.id, '2026-11-07T09:00:00Z', { name: 'Chaya', email: 'chaya@example.org', eligibility: 'not-sure' })).interest;
  await cancelSeat(db, c.id, at('2026-11-08T09:00:00Z'), 'resident');
  // R4 Dawit (Weert) reacts at 00:30 Dutch time on 1 November (still 31 October in UTC), stops for travel.
  const d = (await react(job.id, '2026-10-31T23:30:00Z', { name: 'Dawit', email: 'dawit@example.org', locationId: 'weert' })).interest;
  v = await introduced(d.id, '2026-11-02');
  await step(d.id, v, 'stopped', '2026-11-15', 'travel');
  // R5 Esra reacts at 00:30 Dutch time on 1 December: not in November.
  await react(job.id, '2026-11-30T23:30:00Z', { name: 'Esra', email: 'esra@example.org', eligibility: 'asylum-6-months' });
  // R6 Farid reacted in September; his match in November counts in November's outcomes, not in its residents.
  const f = (await react(job.id, '2026-09-15T09:00:00Z', { name: 'Farid', email: 'farid@example.org' })).interest;
  v = await introduced(f.id, '2026-09-20');
  v = await step(f.id, v, 'interview', '2026-10-01');
  await step(f.id, v, 'matched', '2026-11-03');
  // R7 Gul, an asylum seeker, reacts to the internship and waits.
  await react(internship.id, '2026-11-10T09:00:00Z', { name: 'Gul', phone: '0677777777', eligibility: 'asylum-6-months' });
  // R9 Idris, an asylum seeker, reacted in September; his TWV application of 1 October still waits (nothing in November).
  const i9 = (await react(job.id, '2026-09-20T09:00:00Z', { name: 'Idris', email: 'idris@example.org', eligibility: 'asylum-6-months' })).interest;
  v = await introduced(i9.id, '2026-09-22');
  await step(i9.id, v, 'twv-applied', '2026-10-01');
  ids.idris = i9.id;
  ids.bashir = b.id;
  // R8 in region Noord, with Amal's e-mail address: Amal again, for the national totals.
  await expressInterest(db, { listingId: northJob.id, locationId: 'assen', name: 'Hamid', email: 'amal@example.org', age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', consent: true }, at('2026-11-11T09:00:00Z'), retention);

  server = await startTestServer(db, { mail: outbox, clock });
  zuid = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  noord = await signedIn(server.url, outbox, 'desk-noord@example.org');
  manager = await signedIn(server.url, outbox, 'manager-zuid@example.org');
  adminClient = await signedIn(server.url, outbox, 'admin@example.org');
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
});
afterAll(() => server?.close());

const zeroKinds = { job: 0, internship: 0, 'workplace-learning': 0, apprenticeship: 0, volunteering: 0, 'company-visit': 0, event: 0 };
const split = (total: number, byKind: Partial<typeof zeroKinds>, byPermit: { 'permit-holder'?: number; 'asylum-seeker'?: number; unknown?: number }) => ({
  total,
  byKind: { ...zeroKinds, ...byKind },
  byPermit: { 'permit-holder': 0, 'asylum-seeker': 0, unknown: 0, ...byPermit },
});
const none = split(0, {}, {});

describe('the region report, counted by hand', () => {
  it('counts residents once, outcomes by the day they happened, and where each resident stands at the end of the period', async () => {
    const r = await regionReport(db, deskOf('zuid'), 'zuid', NOVEMBER);
    // Residents who reacted in November: Amal, Bashir, Dawit, Gul (not Chaya: cancelled; not Esra: December; not Farid: September).
    expect(r.residents).toEqual(split(4, { job: 3, internship: 1 }, { 'permit-holder': 2, 'asylum-seeker': 2 }));
    expect(r.reactions).toBe(6); // Amal 3, Bashir, Dawit, Gul
    expect(r.outcomes).toEqual({
      introduced: split(3, { job: 3 }, { 'permit-holder': 2, 'asylum-seeker': 1 }), // Amal 5th, Bashir 9th, Dawit 2nd
      interview: split(2, { job: 2 }, { 'permit-holder': 1, 'asylum-seeker': 1 }), // Amal 10th, Bashir 12th (implied)
      matched: split(3, { job: 3 }, { 'permit-holder': 2, 'asylum-seeker': 1 }), // Amal 20th (implied), Bashir 12th (implied), Farid 3rd
      'twv-applied': split(1, { job: 1 }, { 'asylum-seeker': 1 }),
      'twv-granted': none, // 10 December
      'twv-refused': none,
      started: split(1, { job: 1 }, { 'permit-holder': 1 }), // Amal; Bashir starts in December
      retained: none,
      stopped: split(1, { job: 1 }, { 'permit-holder': 1 }),
      moved: none,
      housed: none,
      unreachable: none,
    });
    // At the end of November (Bashir's December steps do not change November).
    expect(r.current).toEqual({
      new: split(1, { internship: 1 }, { 'asylum-seeker': 1 }), // Gul
      introduced: none,
      interview: none,
      matched: none,
      'twv-applied': split(1, { job: 1 }, { 'asylum-seeker': 1 }), // Bashir
      'twv-granted': none,
      'twv-refused': none,
      started: split(1, { job: 1 }, { 'permit-holder': 1 }), // Amal: her furthest of three
      retained: none,
      stopped: split(1, { job: 1 }, { 'permit-holder': 1 }), // Dawit
      moved: none,
      housed: none,
      unreachable: none,
    });
    const rows = Object.values(r.current).reduce((sum, s) => sum + s.total, 0);
    expect(rows).toBe(r.residents.total);
    // Reaction to introduction: Amal 2→5 (3 days), Bashir 6→9 (3), Dawit 1→2 (1, a Dutch day); introduction to start: Amal 5→20 (15).
    expect(r.leadTimes).toEqual({ interestToIntroduction: { count: 3, median: 3 }, introductionToStart: { count: 1, median: 15 }, twvWait: { count: 0 } });
    expect(r.stopReasons).toMatchObject({ travel: 1, 'not-given': 0, personal: 0 });
    expect(Object.values(r.stopReasons).reduce((a, b) => a + b, 0)).toBe(1);
    expect(r.startsBySector).toEqual({ Logistiek: 1 });
    expect(r.listings.job).toEqual({ pending: 0, published: 1, rejected: 0, closed: 0, expired: 0 });
    expect(r.listings.internship.published).toBe(1);
    expect(r.listings['company-visit'].published).toBe(1);

    // December: Bashir's permit (28 days' wait) and start (35 days after his introduction); Esra's reaction.
    const december = await regionReport(db, deskOf('zuid'), 'zuid', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.residents).toEqual(split(1, { job: 1 }, { 'asylum-seeker': 1 }));
    expect(december.outcomes['twv-granted'].total).toBe(1);
    expect(december.outcomes.started).toEqual(split(1, { job: 1 }, { 'asylum-seeker': 1 }));
    expect(december.leadTimes).toEqual({ interestToIntroduction: { count: 0 }, introductionToStart: { count: 1, median: 35 }, twvWait: { count: 1, median: 28 } });

    // One location: Weert has only Dawit.
    const weert = await regionReport(db, deskOf('zuid'), 'zuid', { ...NOVEMBER, locationId: 'weert' });
    expect(weert.residents.total).toBe(1);
    expect(weert.outcomes.introduced.total).toBe(1);
    expect(weert.current.stopped.total).toBe(1);
    // A location of another region is not a choice here.
    await expect(regionReport(db, deskOf('zuid'), 'zuid', { ...NOVEMBER, locationId: 'assen' })).rejects.toBeInstanceOf(ValidationError);

    // National: Hamid in Noord gave Amal's e-mail address, so Amal is still one resident.
    const national = await regionReport(db, admin, undefined, NOVEMBER);
    expect(national.residents.total).toBe(4);
    expect(national.reactions).toBe(7);
    expect(national.current.started.total).toBe(1);
    expect(national.current.new.total).toBe(1);
  });
});

/** A number in the page's table `table`, row `row`, column `col`. */
function cell(html: string, table: string, row: string, col: string): number {
  const section = html.slice(html.indexOf(`<table id="${table}">`));
  const tr = section.slice(section.indexOf(`<tr data-row="${row}">`));
  const m = new RegExp(`<td data-col="${col}">(\\d+|–)</td>`).exec(tr.slice(0, tr.indexOf('</tr>')));
  if (!m) throw new Error(`no cell ${table}/${row}/${col}`);
  return Number(m[1]);
}

describe('the TWV on the desk\'s page', () => {
  it('shows the lead time of a decided application, and flags one waiting longer than 5 weeks', async () => {
    const decided = await (await zuid.get(`/portal/desk/zuid/interests/${ids.bashir}`)).text();
    expect(decided).toContain('Aangevraagd op 12 november 2026, TWV verleend op 10 december 2026: 28 dagen.');
    const waiting = await (await zuid.get(`/portal/desk/zuid/interests/${ids.idris}`)).text();
    // The server's today is 23 November: 53 days since 1 October.
    expect(waiting).toContain('Aangevraagd op 1 oktober 2026; wacht nu 53 dagen op UWV.');
    expect(waiting).toContain('Langer dan 5 weken');
    expect(decided).not.toContain('Langer dan 5 weken');
  });
});

describe('the report page and its CSV', () => {
  it('shows the same numbers on the page and in a CSV for Dutch Excel (BOM, semicolons, Dutch headers), with no personal data', async () => {
    const res = await zuid.get('/portal/desk/zuid/report?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(cell(html, 'residents', 'unique', 'total')).toBe(4);
    expect(cell(html, 'outcomes', 'matched', 'total')).toBe(3);
    expect(cell(html, 'outcomes', 'matched', 'permit-holder')).toBe(2);
    expect(cell(html, 'current', 'twv-applied', 'asylum-seeker')).toBe(1);
    expect(cell(html, 'current', 'total', 'total')).toBe(4);
    expect(cell(html, 'lead-times', 'introductionToStart', 'median')).toBe(15);
    expect(html).toContain('href="/portal/desk/zuid/report.csv?from=2026-11-01&amp;to=2026-11-30"');
    // The header names who is signed in; the report itself names nobody.
    for (const p of personal) expect(html.slice(html.indexOf('<main>'))).not.toContain(p);

    const csvRes = await zuid.get('/portal/desk/zuid/report.csv?from=2026-11-01&to=2026-11-30');
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers.get('content-disposition')).toBe('attachment; filename="opweg-zuid-2026-11-01-2026-11-30.csv"');
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Onderdeel;Rij;Uitsplitsing;Aantal');
    expect(lines[1]).toBe('Periode;2026-11-01;2026-11-30;');
    const csvCount = (section: string, row: string, split: string) => {
      const line = lines.find((l) => l.startsWith(`${section};${row};${split};`));
      if (!line) throw new Error(`no CSV row ${section};${row};${split}`);
      return Number(line.split(';')[3]);
    };
    // Every number of the outcome and stage tables, page against CSV.
    const steps: [string, string][] = [['introduced', 'voorgesteld'], ['interview', 'gesprek'], ['matched', 'match met de werkgever'], ['twv-applied', 'TWV aangevraagd'], ['started', 'aan het werk (minstens één dag gewerkt)'], ['stopped', 'gestopt']];
    for (const [key, label] of steps) {
      for (const [col, split] of [['total', 'Totaal'], ['job', 'Betaalde baan'], ['permit-holder', 'statushouder'], ['asylum-seeker', 'asielzoeker']] as const) {
        expect(csvCount('Wat er in de periode gebeurde', label, split), `${key} ${col}`).toBe(cell(html, 'outcomes', key, col));
        expect(csvCount('Waar deze bewoners aan het eind van de periode staan', label, split), `${key} ${col}`).toBe(cell(html, 'current', key, col));
      }
    }
    expect(csvCount('Bewoners die in de periode reageerden', 'Bewoners (elk één keer geteld)', 'Totaal')).toBe(4);
    expect(csvCount('Doorlooptijden (dagen)', 'Van voorstellen tot eerste werkdag', 'Mediaan')).toBe(15);
    expect(csvCount('Redenen van stoppen in de periode', 'reistijd of vervoer', '')).toBe(1);
    // Listings by status, drafts left out: the job row counts the published one, not the draft.
    expect(csvCount('Aanbod geplaatst in de periode, naar soort en status (zonder concepten)', 'Betaalde baan', 'gepubliceerd')).toBe(1);
    expect(lines.filter((l) => l.startsWith('Aanbod geplaatst')).map((l) => l.split(';')[2])).not.toContain('concept');
    for (const p of personal) expect(csv).not.toContain(p);
  });

  it('re-renders a bad period with a message per field, and shows no numbers', async () => {
    const res = await zuid.get('/portal/desk/zuid/report?from=2026-11-30&to=2026-11-01');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-to-error"/);
    expect(html).not.toContain('<table id="residents">');
    expect(await (await zuid.get('/portal/desk/zuid/report?from=gisteren')).text()).toMatch(/id="f-from-error"/);
    const assen = await zuid.get('/portal/desk/zuid/report?from=2026-11-01&to=2026-11-30&locationId=assen');
    expect(assen.status).toBe(422);
    expect(await assen.text()).toMatch(/id="f-locationId-error"/);
  });

  it('is for the region\'s desk and its read-only region managers; national totals for the admin', async () => {
    expect((await noord.get('/portal/desk/zuid/report')).status).toBe(403);
    expect((await noord.get('/portal/desk/zuid/report.csv')).status).toBe(403);
    expect((await employer.get('/portal/desk/zuid/report')).status).toBe(403);
    // The region manager reads the report, and nothing about single residents.
    expect((await manager.get('/portal/desk/zuid/report?from=2026-11-01&to=2026-11-30')).status).toBe(200);
    expect((await manager.get('/portal/desk/zuid/report.csv')).status).toBe(200);
    expect(await (await manager.get('/portal/')).text()).toContain('href="/portal/desk/zuid/report"');
    expect((await manager.get('/portal/desk/noord/report')).status).toBe(403);
    expect((await manager.get('/portal/desk/zuid/interests')).status).toBe(403);
    expect((await manager.get('/portal/desk/zuid')).status).toBe(403);
    expect((await manager.get('/portal/admin/report')).status).toBe(403);
    expect((await zuid.get('/portal/admin/report')).status).toBe(403);
    const national = await (await adminClient.get('/portal/admin/report?from=2026-11-01&to=2026-11-30')).text();
    expect(cell(national, 'residents', 'unique', 'total')).toBe(4);
    expect(cell(national, 'current', 'total', 'total')).toBe(4);
    expect((await adminClient.get('/portal/admin/report.csv?from=2026-11-01&to=2026-11-30')).headers.get('content-disposition')).toBe('attachment; filename="opweg-nederland-2026-11-01-2026-11-30.csv"');
  });
});

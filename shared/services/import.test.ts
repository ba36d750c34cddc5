import { beforeAll, describe, expect, it } from 'vitest';
import { getListing, listingsOfOrganisation } from '../repositories/listings.js';
import type { ServiceContext } from './context.js';
import { IMPORT_COLUMNS, importListings } from './import.js';
import { templateCsv } from './import-template.js';
import { getDirectory } from '../repositories/directory.js';
import { listOrganisations } from '../repositories/organisations.js';
import { createTestDb } from '../../test/db.js';
import { deskOf, employerOf, seedDirectory, seedOrganisation, serviceContext } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let ctx: ServiceContext;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  ctx = serviceContext(db);
});

const HEADER = 'organisation,locationId,kind,title,description,openTo,dutchLevel,englishOk,hoursPerWeek,wagePerHour,startDate,closingDate,workplace.city,startsAt,endsAt,seats';

describe('CSV import', () => {
  it('imports good rows and reports each refused row with its reasons; refused rows store nothing', async () => {
    const org = await seedOrganisation(db, { name: 'Tuinderij Noorderlicht', kvk: '12345678' });
    const csv = [
      HEADER,
      `12345678,venlo,job,Oogstmedewerker,Tomaten plukken,permit-holders-and-asylum-seekers,A1,ja,32,"15,10",2026-12-07,2026-12-20,Venlo,,,`,
      `Tuinderij Noorderlicht,venlo,job,Te laag loon,Werk,permit-holders,A1,,32,12.00,2026-12-07,2026-12-20,Venlo,,,`,
      `${org.id},venlo,job,Verlopen,Werk,permit-holders,A1,,32,15.00,2026-12-07,2026-11-01,Venlo,,,`,
      `${org.id},venlo,company-visit,Bezoek zonder stoelen,Rondleiding,everyone,none,,,,,,Venlo,2026-12-02T09:00,2026-12-02T11:00,`,
      `Onbekend BV,venlo,job,Van niemand,Werk,permit-holders,A1,,32,15.00,,,Venlo,,,`,
      `${org.id},atlantis,volunteering,Nergens,Werk,everyone,none,,,,,,Venlo,,,`,
    ].join('\n');
    const report = await importListings(ctx, deskOf('zuid'), csv, { publish: true });
    expect(report.map((r) => [r.line, r.title, r.status, r.errors])).toEqual([
      [2, 'Oogstmedewerker', 'published', []],
      [3, 'Te laag loon', undefined, [{ field: 'wagePerHour', key: 'error.wage_below_minimum', params: { minimum: 14.71, date: '2026-01-01' } }]],
      [4, 'Verlopen', undefined, [{ field: 'closingDate', key: 'error.date_in_past' }]],
      [5, 'Bezoek zonder stoelen', undefined, [{ field: 'seats', key: 'error.seats_required' }]],
      // A refused choice names the options: the region's organisations, its locations.
      [6, 'Van niemand', undefined, [{ field: 'organisation', key: 'portal.import.chooseFrom', params: { options: 'Tuinderij Noorderlicht' } }]],
      [7, 'Nergens', undefined, [{ field: 'locationId', key: 'portal.import.chooseFrom', params: { options: 'venlo' } }]],
    ]);
    const stored = (await listingsOfOrganisation(db, org.id)).items;
    expect(stored.map((l) => l.title)).toEqual(['Oogstmedewerker']);
    expect(await getListing(db, report[0]!.listingId!)).toMatchObject({ wagePerHour: 15.1, englishOk: true, regionId: 'zuid', locationId: 'venlo', workplace: { city: 'Venlo', lat: 51.37, lon: 6.1681 } });
  });

  it('places each row by its place name, refuses an unknown or ambiguous one by name, and still reads old files with coordinates', async () => {
    const org = await seedOrganisation(db, { name: 'Plaatsbedrijf' });
    const row = (title: string, city: string) => `${org.id},venlo,job,${title},Werk,permit-holders,A1,,32,15.00,2026-12-07,2026-12-20,${city},,,`;
    const report = await importListings(ctx, deskOf('zuid'), [HEADER, row('In Tegelen', 'Tegelen'), row('In Atlantis', 'Atlantis'), row('In Hengelo', 'Hengelo')].join('\n'), { publish: false });
    expect(report.map((r) => [r.title, r.errors])).toEqual([
      ['In Tegelen', []],
      ['In Atlantis', [{ field: 'workplace.city', key: 'portal.place.unknown', params: { typed: 'Atlantis' } }]],
      ['In Hengelo', [{ field: 'workplace.city', key: 'portal.place.ambiguous', params: { typed: 'Hengelo', options: 'Hengelo (Gelderland), Hengelo (Overijssel)', example: 'Hengelo (Gelderland)' } }]],
    ]);
    expect(await getListing(db, report[0]!.listingId!)).toMatchObject({ workplace: { city: 'Tegelen', lat: 51.3442, lon: 6.1361 } });
    expect((await listingsOfOrganisation(db, org.id)).items.map((l) => l.title)).toEqual(['In Tegelen']);
    // A file made with the old template, with the two coordinate columns: still read, its numbers kept.
    const old = `${HEADER},workplace.lat,workplace.lon\n${row('Oud bestand', 'Blerick')},51.3712,6.1402\n`;
    const [imported] = await importListings(ctx, deskOf('zuid'), old, { publish: false });
    expect(imported).toMatchObject({ errors: [] });
    expect(await getListing(db, imported!.listingId!)).toMatchObject({ workplace: { city: 'Blerick', lat: 51.3712, lon: 6.1402 } });
  });

  it('reads semicolon-separated files (Dutch spreadsheets), keeps drafts when asked, and gives visits Dutch times', async () => {
    const org = await seedOrganisation(db, { name: 'Bezoekbedrijf' });
    const csv = `${HEADER.replaceAll(',', ';')}\n${org.id};venlo;company-visit;Kijkje in de keuken;Rondleiding;everyone;none;;;;;;Venlo;2026-12-02T09:00;2026-12-02T11:30;12\n`;
    const [row] = await importListings(ctx, deskOf('zuid'), csv, { publish: false });
    expect(row).toMatchObject({ status: 'draft', errors: [] });
    expect(await getListing(db, row!.listingId!)).toMatchObject({ startsAt: '2026-12-02T09:00:00+01:00', endsAt: '2026-12-02T11:30:00+01:00', seats: 12 });
  });

  it('refuses a file with unknown columns or no rows, as a whole', async () => {
    await expect(importListings(ctx, deskOf('zuid'), 'organisation,salary\nX,1\n', { publish: false })).rejects.toMatchObject({
      fields: [{ field: 'salary', key: 'portal.import.unknownColumn', params: { column: 'salary', columns: IMPORT_COLUMNS.join(', ') } }],
    });
    await expect(importListings(ctx, deskOf('zuid'), `${HEADER}\n`, { publish: false })).rejects.toMatchObject({ fields: [{ field: 'file', key: 'error.required' }] });
    await expect(importListings(ctx, employerOf('01JDEM0000000000000000000A'), `${HEADER}\n`, { publish: false })).rejects.toMatchObject({ status: 403 });
  });
});

describe('the import template and its options', () => {
  it('names the allowed values when a choice is wrong', async () => {
    const org = await seedOrganisation(db, { name: 'Keuzes BV' });
    const csv = `${HEADER}\n${org.id},venlo,baan,Keuze,Werk,iedereen,B3,ja,32,15.00,2026-12-07,2026-12-20,Venlo,,,\n`;
    const [row] = await importListings(ctx, deskOf('zuid'), csv, { publish: false });
    expect(row!.errors).toEqual([
      { field: 'kind', key: 'portal.import.chooseFrom', params: { options: 'job, internship, workplace-learning, apprenticeship, volunteering, company-visit, event' } },
      { field: 'openTo', key: 'portal.import.chooseFrom', params: { options: 'permit-holders, permit-holders-and-asylum-seekers, everyone' } },
      { field: 'dutchLevel', key: 'portal.import.chooseFrom', params: { options: 'none, A1, A2, B1, B2, C1, C2' } },
    ]);
  });

  it('downloads as a template that imports as it is: the columns and an example row, for Dutch Excel', async () => {
    const directory = await getDirectory(db);
    const csv = templateCsv(directory, 'zuid', await listOrganisations(db), '2026-11-23');
    expect(csv.startsWith('\uFEFForganisation;kind;title;')).toBe(true);
    expect(csv.split('\r\n')[0]!.split(';')).toEqual([...IMPORT_COLUMNS].map((c, i) => (i === 0 ? `\uFEFF${c}` : c)));
    const [row] = await importListings(ctx, deskOf('zuid'), csv, { publish: false });
    expect(row).toMatchObject({ title: 'Orderpicker magazijn', status: 'draft', errors: [] });
  });
});

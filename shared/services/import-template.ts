import { ContentLanguage } from '../domain/common.js';
import { DutchLevel, ListingKind, OpenTo } from '../domain/listing.js';
import { postsInRegion, type Organisation } from '../domain/organisation.js';
import type { FieldError } from '../errors.js';
import type { Directory } from '../repositories/directory.js';
import { IMPORT_COLUMNS } from './import.js';
import { findPlace } from './places.js';

/**
 * What a desk needs to fill in an import file without guessing: the allowed values per column
 * (the page lists them, refused rows name them) and a template to download.
 */

/** Columns that take a yes or no. */
export const YES_NO = ['ja', 'nee'];

/** The values a column allows, for the regions a desk works in; undefined: free text, a number or a date. */
export function choicesOf(column: string, directory: Directory, regionIds: string[], organisations: Organisation[]): string[] | undefined {
  switch (column) {
    case 'organisation':
      return organisations.filter((o) => regionIds.some((r) => postsInRegion(o, r))).map((o) => o.name);
    case 'kind':
      return [...ListingKind.options];
    case 'openTo':
      return [...OpenTo.options];
    case 'dutchLevel':
      return [...DutchLevel.options];
    case 'language':
      return [...ContentLanguage.options];
    case 'locationId':
      return directory.locations.filter((l) => regionIds.includes(l.regionId)).map((l) => l.id);
    case 'helpsWithWorkPermit':
    case 'englishOk':
      return YES_NO;
    default:
      return undefined;
  }
}

/** A refused choice names the options: "Choose one of: job, internship, …". */
export function nameTheOptions(errors: FieldError[], choices: (column: string) => string[] | undefined): FieldError[] {
  return errors.map((e) => {
    const options = e.key === 'error.invalid_choice' || e.key === 'error.not_found' ? choices(e.field) : undefined;
    return options && options.length > 0 ? { field: e.field, key: 'portal.import.chooseFrom', params: { options: options.join(', ') } } : e;
  });
}

/**
 * The template: the header and one example row (a job at the region's first location, for its
 * first organisation when it has one), as a CSV for Dutch Excel: BOM, semicolons, CRLF.
 */
export function templateCsv(directory: Directory, regionId: string, organisations: Organisation[], today: string): string {
  const location = directory.locations.find((l) => l.regionId === regionId);
  const organisation = organisations.find((o) => postsInRegion(o, regionId));
  const start = new Date(Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  const closing = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  const example: Record<string, string> = {
    organisation: organisation?.name ?? '',
    kind: 'job',
    title: 'Orderpicker magazijn',
    description: 'Je verzamelt bestellingen in ons magazijn en maakt ze klaar voor verzending. Wij leren je het werk.',
    language: 'nl',
    locationId: location?.id ?? '',
    openTo: 'permit-holders-and-asylum-seekers',
    helpsWithWorkPermit: 'ja',
    dutchLevel: 'A1',
    englishOk: 'ja',
    hoursPerWeek: '32',
    wagePerHour: '15,25',
    startDate: start,
    closingDate: closing,
    // A place name the places data set knows: the one the admin placed the location by, else the location's own name, else its municipality.
    'workplace.city': location ? ([location.place, location.name, location.municipality].find((n) => n && 'found' in findPlace(n)) ?? location.municipality) : '',
  };
  const cell = (v: string) => (/[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [IMPORT_COLUMNS.join(';'), IMPORT_COLUMNS.map((c) => cell(example[c] ?? '')).join(';')];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

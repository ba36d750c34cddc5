import { DomainError, ForbiddenError, ValidationError, type FieldError } from '../errors.js';
import { getDirectory } from '../repositories/directory.js';
import { listOrganisations } from '../repositories/organisations.js';
import { deskRegions, isAdmin, require, type Actor } from './actor.js';
import type { ServiceContext } from './context.js';
import { findOrganisation, LEGACY_POSITION_FIELDS, LISTING_FIELDS, listingInputFromFields } from './listing-fields.js';
import { choicesOf, nameTheOptions } from './import-template.js';
import { changeStatus, createListing } from './listings.js';

/**
 * Bulk import of listings from CSV, for desks: one listing per row, each row checked like the
 * portal's form, each refused row reported with its reasons. Rows are independent: a refused row
 * stores nothing, and the rows around it are imported.
 */
export const IMPORT_COLUMNS = ['organisation', ...LISTING_FIELDS] as const;
export const MAX_IMPORT_ROWS = 500;

export interface ImportRow {
  /** The line in the file: the header is line 1. */
  line: number;
  title?: string;
  listingId?: string;
  status?: string;
  errors: FieldError[];
}

export async function importListings(ctx: ServiceContext, actor: Actor, csv: string, o: { publish: boolean }): Promise<ImportRow[]> {
  require(isAdmin(actor) || deskRegions(actor).length > 0);
  // Spreadsheets in Dutch settings write semicolons: the header line tells which.
  const header = csv.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.split(';').length > header.split(',').length ? ';' : ',';
  let rows: Record<string, string>[];
  // The parser is loaded by the upload that needs it, not with every portal cold start.
  const { parse } = await import('csv-parse/sync');
  try {
    rows = parse(csv, { columns: (h: string[]) => h.map((c) => c.trim()), skip_empty_lines: true, trim: true, bom: true, delimiter });
  } catch {
    throw new ValidationError([{ field: 'file', key: 'error.invalid' }]);
  }
  if (rows.length === 0) throw new ValidationError([{ field: 'file', key: 'error.required' }]);
  if (rows.length > MAX_IMPORT_ROWS) throw new ValidationError([{ field: 'file', key: 'error.number_too_big', params: { maximum: MAX_IMPORT_ROWS } }]);
  const known: readonly string[] = [...IMPORT_COLUMNS, ...LEGACY_POSITION_FIELDS];
  const unknownColumns = Object.keys(rows[0]!).filter((c) => !known.includes(c));
  if (unknownColumns.length > 0) throw new ValidationError(unknownColumns.map((c) => ({ field: c, key: 'portal.import.unknownColumn', params: { column: c, columns: IMPORT_COLUMNS.join(', ') } })));

  const directory = await getDirectory(ctx.db);
  const organisations = await listOrganisations(ctx.db);
  // A refused choice names the options, for the regions this desk works in.
  const regionIds = isAdmin(actor) ? directory.regions.map((r) => r.id) : deskRegions(actor);
  const choices = (column: string) => choicesOf(column, directory, regionIds, organisations);
  const report: ImportRow[] = [];
  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    const title = row.title || undefined;
    const organisation = findOrganisation(organisations, row.organisation);
    if (!organisation) {
      report.push({ line, title, errors: [{ field: 'organisation', key: row.organisation?.trim() ? 'error.not_found' : 'error.required' }] });
      continue;
    }
    try {
      const input = listingInputFromFields(row, organisation.id, directory, { today: ctx.clock.now().toISOString().slice(0, 10) });
      const rules = { horizonMonths: ctx.config.LISTING_HORIZON_MONTHS };
      let listing = await createListing(ctx.db, actor, input, ctx.clock, rules);
      if (o.publish) {
        listing = await changeStatus(ctx.db, actor, listing.id, listing.version, 'submit', { clock: ctx.clock, ...rules });
        if (listing.status === 'pending') listing = await changeStatus(ctx.db, actor, listing.id, listing.version, 'approve', { clock: ctx.clock, ...rules });
      }
      report.push({ line, title, listingId: listing.id, status: listing.status, errors: [] });
    } catch (e) {
      // createListing holds the rule for posting on behalf (an employer of the listing's region), as for the form.
      if (e instanceof ValidationError) report.push({ line, title, errors: e.fields.map((f) => (f.field === 'organisationId' ? { ...f, field: 'organisation' } : f)) });
      else if (e instanceof ForbiddenError) report.push({ line, title, errors: [{ field: 'locationId', key: 'error.forbidden' }] });
      else if (e instanceof DomainError) report.push({ line, title, errors: [{ field: '_', key: e.key, params: e.params }] });
      else throw e;
    }
  }
  return report.map((r) => ({ ...r, errors: nameTheOptions(r.errors, choices) }));
}

import { InterestStatus, PermitGroup, StopReason } from '../domain/interest.js';
import { ListingKind } from '../domain/listing.js';
import { t, type AnyKey } from '../i18n/index.js';
import { REPORTED_LISTING_STATUSES, REPORTED_STEPS, type RegionReport, type Split } from './report.js';

/**
 * The region report as a CSV that opens cleanly in Excel with Dutch settings: a UTF-8 byte order
 * mark (or Excel reads é as Ã©), semicolons between cells, CRLF line ends, Dutch headers and
 * labels. The same numbers as the page: both are made from one RegionReport.
 */
export function reportCsv(r: RegionReport, names: { area: string; location?: string }): string {
  const nl = (key: string, params?: Record<string, string | number>) => t('nl', key as AnyKey, params);
  const rows: (string | number)[][] = [[nl('portal.report.csv.section'), nl('portal.report.csv.row'), nl('portal.report.csv.split'), nl('portal.report.count')]];
  rows.push([nl('portal.report.csv.period'), r.from, r.to, '']);
  rows.push([nl('portal.report.csv.scope'), names.area, names.location ?? nl('portal.report.allLocations'), '']);
  const split = (section: string, row: string, s: Split) => {
    rows.push([section, row, nl('portal.report.total'), s.total]);
    for (const k of ListingKind.options) rows.push([section, row, nl(`kind.${k}`), s.byKind[k]]);
    for (const g of PermitGroup.options) rows.push([section, row, nl(`portal.permit.${g}`), s.byPermit[g]]);
  };
  const residents = nl('portal.report.residents');
  split(residents, nl('portal.report.residents.unique'), r.residents);
  rows.push([residents, nl('portal.report.residents.reactions'), nl('portal.report.total'), r.reactions]);
  for (const s of REPORTED_STEPS) split(nl('portal.report.outcomes'), nl(`portal.interestStatus.${s}`), r.outcomes[s]);
  for (const s of InterestStatus.options) split(nl('portal.report.current'), nl(`portal.interestStatus.${s}`), r.current[s]);
  for (const [k, lead] of Object.entries(r.leadTimes)) {
    rows.push([nl('portal.report.leadTimes'), nl(`portal.report.lead.${k}`), nl('portal.report.lead.count'), lead.count]);
    rows.push([nl('portal.report.leadTimes'), nl(`portal.report.lead.${k}`), nl('portal.report.lead.median'), lead.median ?? '']);
  }
  for (const reason of StopReason.options) rows.push([nl('portal.report.stopReasons'), nl(`portal.stopReason.${reason}`), '', r.stopReasons[reason]]);
  for (const k of ListingKind.options) for (const s of REPORTED_LISTING_STATUSES) rows.push([nl('portal.report.listings'), nl(`kind.${k}`), nl(`status.${s}`), r.listings[k][s] ?? 0]);
  for (const [sector, n] of Object.entries(r.startsBySector)) rows.push([nl('portal.report.placements'), sector === '—' ? nl('portal.report.noSector') : sector, '', n]);
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

/** A cell: quoted when it holds a separator, quote or line break; a text that looks like a formula is defused. */
function cell(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[";\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

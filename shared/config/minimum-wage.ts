/**
 * The statutory minimum wage (wettelijk minimumloon) for workers aged 21 and over, gross euros
 * per hour, by the date each rate took effect. This table is the one place OpWeg knows these
 * amounts (docs/domain.md, "Minimum wage"): rules, forms, the sweep and the admin's warning all
 * read it. The government sets a new rate on 1 January and 1 July; add a row as soon as it is
 * published (source: rijksoverheid.nl, "Bedragen minimumloon"), before the day it takes effect.
 */
export interface MinimumWageRate {
  /** The day it takes effect, YYYY-MM-DD. */
  from: string;
  euros: number;
}
export type MinimumWageTable = readonly MinimumWageRate[];

export const MINIMUM_WAGE_PER_HOUR: MinimumWageTable = [
  { from: '2024-07-01', euros: 13.68 },
  { from: '2025-01-01', euros: 14.06 },
  { from: '2025-07-01', euros: 14.4 },
  { from: '2026-01-01', euros: 14.71 },
];

/**
 * The rate in force on a date (YYYY-MM-DD): the newest row that took effect on or before it.
 * A rate stays in force until a newer row replaces it. Undefined before the table's first row:
 * then no rate is known, and a wage cannot be checked.
 */
export function minimumWageOn(date: string, table: MinimumWageTable = MINIMUM_WAGE_PER_HOUR): MinimumWageRate | undefined {
  let rate: MinimumWageRate | undefined;
  for (const row of table) if (row.from <= date && (!rate || row.from > rate.from)) rate = row;
  return rate;
}

/** The next day the rate changes by law (1 January or 1 July) after a date. */
export function nextRateChange(date: string): string {
  const year = Number(date.slice(0, 4));
  return date < `${year}-07-01` ? `${year}-07-01` : `${year + 1}-01-01`;
}

/**
 * The change days (1 January, 1 July) from the table's last row up to the next change after
 * `today` that have no row: the rates someone must look up and add. Empty when the table covers
 * today and the next half year.
 */
export function missingMinimumWageRates(today: string, table: MinimumWageTable = MINIMUM_WAGE_PER_HOUR): string[] {
  const known = new Set(table.map((r) => r.from));
  const last = table.reduce((m, r) => (r.from > m ? r.from : m), '');
  const until = nextRateChange(today);
  const missing: string[] = [];
  for (let day = nextRateChange(last || today); day <= until; day = nextRateChange(day)) if (!known.has(day)) missing.push(day);
  return missing;
}

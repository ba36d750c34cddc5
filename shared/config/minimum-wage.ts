/**
 * Statutory minimum wage for workers aged 21 and over, gross euros per hour, by the date it
 * took effect (DOMAIN.md). Dated facts live here, not in rules: add a row each half year.
 */
export const MINIMUM_WAGE_PER_HOUR: ReadonlyArray<{ from: string; euros: number }> = [
  { from: '2024-07-01', euros: 13.68 },
  { from: '2025-01-01', euros: 14.06 },
  { from: '2025-07-01', euros: 14.4 },
  { from: '2026-01-01', euros: 14.71 },
];

/** The rate in force on a date (YYYY-MM-DD), or undefined before the first known rate. */
export function minimumWageOn(date: string): number | undefined {
  let rate: number | undefined;
  for (const row of MINIMUM_WAGE_PER_HOUR) if (row.from <= date) rate = row.euros;
  return rate;
}

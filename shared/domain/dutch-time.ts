/**
 * Calendar days as people in the Netherlands count them (Europe/Amsterdam: UTC+1 in winter,
 * UTC+2 in summer). Reports and outcome dates use these days, never UTC's.
 */
const ZONE = 'Europe/Amsterdam';
/**
 * Made on first use, not when the module loads: a formatter with a time zone loads the zone's
 * data (~5-10 ms), and the residents' function imports this module without needing it to answer
 * (docs/scale.md, "Cold starts").
 */
let formats: { day: Intl.DateTimeFormat; offset: Intl.DateTimeFormat } | undefined;
const formatsOf = () =>
  (formats ??= {
    day: new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
    offset: new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }),
  });

/** The Dutch calendar day (YYYY-MM-DD) of an instant. */
export const dutchDay = (instant: Date | string): string => formatsOf().day.format(typeof instant === 'string' ? new Date(instant) : instant);

/** The offset of Dutch time at an instant, in minutes (60 or 120). */
function offsetMinutes(at: Date): number {
  const name = formatsOf().offset.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT+01:00';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const endOfDay = new Map<string, string>();
/**
 * The end of a Dutch calendar day as an instant with its offset ("2026-11-26T23:59:59+01:00"),
 * for machine-readable end dates (JSON-LD validThrough). Site rebuilds name the same few hundred
 * days on thousands of pages: each is worked out once (the map is emptied should it grow large).
 */
export function endOfDutchDay(day: string): string {
  let end = endOfDay.get(day);
  if (end === undefined) {
    if (endOfDay.size > 10_000) endOfDay.clear();
    const minutes = offsetMinutes(new Date(`${day}T12:00:00Z`));
    const sign = minutes < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
    const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
    endOfDay.set(day, (end = `${day}T23:59:59${sign}${hh}:${mm}`));
  }
  return end;
}

/** The instant a Dutch calendar day begins (00:00 in Amsterdam), as a UTC ISO string. */
export function startOfDutchDay(day: string): string {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // The offset at local midnight: DST changes happen at 02:00/03:00, never at midnight.
  const offset = offsetMinutes(new Date(midnightUtc - 60 * 60_000));
  return new Date(midnightUtc - offset * 60_000).toISOString();
}

/** The calendar day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The calendar day `n` months after `day` (the 31st of a short month becomes its last day). */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The instants that bound Dutch days `from` to `to` (inclusive): [start of `from`, last millisecond of `to`]. */
export function dutchDayRange(from: string, to: string): { from: string; to: string } {
  return { from: startOfDutchDay(from), to: new Date(Date.parse(startOfDutchDay(addDays(to, 1))) - 1).toISOString() };
}

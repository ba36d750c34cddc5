import * as z from 'zod';
import type { Interest, OutcomeStatus } from '../domain/interest.js';
import { ListingKind, ListingStatus } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { getDirectory } from '../repositories/directory.js';
import { interestsOfRegionBetween } from '../repositories/interests.js';
import { listingsOfRegionBetween } from '../repositories/listings.js';
import { isDeskOf, require, type Actor } from './actor.js';

/**
 * The region report desks give COA and the municipality: what came of the interests made in a
 * period (docs/domain.md, "Outcomes the desks report"). Aggregates only: no names, no contacts, no reference codes.
 */
export const ReportQuery = z
  .object({ from: z.iso.date(), to: z.iso.date(), locationId: z.string().optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'end_before_start' });

export interface RegionReport {
  regionId: string;
  locationId?: string;
  from: string;
  to: string;
  residents: {
    interests: number;
    introduced: number;
    interviews: number;
    matched: number;
    startedWork: number;
    apprenticeshipOrSchool: number;
    waitingForPermit: number;
    stopped: number;
    stillInMediation: number;
  };
  /** kind → status → count, for listings created in the period. */
  listings: Record<string, Record<string, number>>;
  /** Residents who started work or an apprenticeship/school, by the employer's sector. */
  placementsBySector: Record<string, number>;
}

const reached = (i: Interest, s: OutcomeStatus) => i.outcomes.some((o) => o.status === s);

export function summarise(interests: Interest[]): RegionReport['residents'] {
  const count = (f: (i: Interest) => boolean) => interests.filter(f).length;
  return {
    interests: interests.length,
    introduced: count((i) => i.introducedAt !== undefined),
    interviews: count((i) => reached(i, 'interview')),
    matched: count((i) => reached(i, 'matched')),
    startedWork: count((i) => reached(i, 'started')),
    apprenticeshipOrSchool: count((i) => reached(i, 'school')),
    waitingForPermit: count((i) => i.status === 'waiting-permit'),
    stopped: count((i) => i.status === 'stopped'),
    stillInMediation: count((i) => i.introducedAt !== undefined && !['started', 'school', 'stopped'].includes(i.status)),
  };
}

export async function regionReport(db: Db, actor: Actor, regionId: string, query: unknown): Promise<RegionReport> {
  require(isDeskOf(actor, regionId));
  const q = parseInput(ReportQuery, query);
  await requireKnownArea(db, regionId, q.locationId);
  const from = `${q.from}T00:00:00.000Z`;
  const to = `${q.to}T23:59:59.999Z`;
  const [allInterests, allListings] = await Promise.all([interestsOfRegionBetween(db, regionId, from, to), listingsOfRegionBetween(db, regionId, from, to)]);
  const interests = q.locationId ? allInterests.filter((i) => i.locationId === q.locationId) : allInterests;

  const listings: RegionReport['listings'] = {};
  for (const kind of ListingKind.options) listings[kind] = Object.fromEntries(ListingStatus.options.map((s) => [s, 0]));
  for (const l of allListings) listings[l.kind]![l.status]! += 1;

  const placementsBySector: Record<string, number> = {};
  for (const i of interests) {
    if (reached(i, 'started') || reached(i, 'school')) placementsBySector[i.sector ?? '—'] = (placementsBySector[i.sector ?? '—'] ?? 0) + 1;
  }
  return { regionId, locationId: q.locationId, from: q.from, to: q.to, residents: summarise(interests), listings, placementsBySector };
}

/**
 * The region must exist and the location, when given, be one of its locations: both end up in
 * the CSV's file name and body, so nothing typed into a link reaches them unchecked.
 */
async function requireKnownArea(db: Db, regionId: string | undefined, locationId: string | undefined) {
  const directory = await getDirectory(db);
  if (regionId !== undefined && !directory.regions.some((r) => r.id === regionId)) throw new NotFoundError();
  if (locationId !== undefined && !directory.locations.some((l) => l.id === locationId && (regionId === undefined || l.regionId === regionId))) {
    throw new ValidationError([{ field: 'locationId', key: 'error.invalid_choice' }]);
  }
}

/** The same report as CSV rows: section, item, detail, count. */
export function reportCsv(r: RegionReport): string {
  const rows: (string | number)[][] = [['section', 'item', 'detail', 'count']];
  rows.push(['period', r.from, r.to, '']);
  rows.push(['scope', r.regionId, r.locationId ?? 'all locations', '']);
  for (const [k, v] of Object.entries(r.residents)) rows.push(['residents', k, '', v]);
  for (const [kind, byStatus] of Object.entries(r.listings)) for (const [status, n] of Object.entries(byStatus)) rows.push(['listings', kind, status, n]);
  for (const [sector, n] of Object.entries(r.placementsBySector)) rows.push(['placements', sector, '', n]);
  const cell = (v: string | number) => {
    const s = String(v);
    // Quote, and defuse spreadsheet formulas in text cells (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

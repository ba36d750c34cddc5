import * as z from 'zod';
import { addDays, daysBetween, dutchDay, dutchDayRange } from '../domain/dutch-time.js';
import { Exit, InterestStatus, PermitGroup, Stage, StopReason, type Interest, type OutcomeFact } from '../domain/interest.js';
import { isExit, RANK, statusOn } from '../domain/ladder.js';
import { ListingKind, ListingStatus } from '../domain/listing.js';
import type { Db } from '../db/client.js';
import { NotFoundError, ValidationError, parseInput } from '../errors.js';
import { getDirectory, type Directory } from '../repositories/directory.js';
import { interestsOfRegionBetween, outcomesOfRegionBetween } from '../repositories/interests.js';
import { listingsOfRegionBetween } from '../repositories/listings.js';
import { isAdmin, isDeskOf, managedRegions, require, type Actor } from './actor.js';
import { residentsOf } from './resident-key.js';

/**
 * The region report desks give COA and the municipality (docs/outcomes.md), for a period of Dutch
 * calendar days. Aggregates only: no names, contacts, reference codes or keys. Every count is of
 * residents (pseudonymous keys, shared/services/resident-key.ts), not of reactions:
 * - `residents`: who reacted in the period (cancelled visit sign-ups left out);
 * - `outcomes`: who reached each step ON A DAY IN THE PERIOD, whenever they reacted: so "started
 *   work in Q1" is one number, and a closed period's numbers do not change later;
 * - `current`: where the residents who reacted in the period stand at the end of the period,
 *   one row per resident (their furthest path), so the rows add up to `residents`;
 * each split by listing kind and by permit holder / asylum seeker; plus lead times, stop reasons,
 * listings created (drafts left out) and starts by sector.
 */
export const ReportQuery = z
  .object({ from: z.iso.date(), to: z.iso.date(), locationId: z.string().optional() })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'end_before_start' });

/** A count with its splits; each split adds up to `total`. */
export interface Split {
  total: number;
  byKind: Record<ListingKind, number>;
  byPermit: Record<PermitGroup, number>;
}

export interface LeadTime {
  count: number;
  /** Whole days; absent when nothing to measure. */
  median?: number;
}

/** The steps a report counts when they happen (the introduction and every outcome). */
export const REPORTED_STEPS = [...Stage.options, ...Exit.options] as const;
export type ReportedStep = (typeof REPORTED_STEPS)[number];

export interface RegionReport {
  /** Absent: every region (the admin's national totals). */
  regionId?: string;
  locationId?: string;
  from: string;
  to: string;
  residents: Split;
  reactions: number;
  outcomes: Record<ReportedStep, Split>;
  current: Record<InterestStatus, Split>;
  leadTimes: { interestToIntroduction: LeadTime; introductionToStart: LeadTime; twvWait: LeadTime };
  stopReasons: Record<StopReason, number>;
  /** kind → status → count, for listings created in the period; drafts left out. */
  listings: Record<ListingKind, Record<string, number>>;
  /** Residents who started work in the period, by the employer's sector ('—': not given). */
  startsBySector: Record<string, number>;
}

export const REPORTED_LISTING_STATUSES = ListingStatus.options.filter((s) => s !== 'draft');

const emptySplit = (): Split => ({
  total: 0,
  byKind: Object.fromEntries(ListingKind.options.map((k) => [k, 0])) as Split['byKind'],
  byPermit: Object.fromEntries(PermitGroup.options.map((g) => [g, 0])) as Split['byPermit'],
});
const add = (s: Split, kind: ListingKind, permit: PermitGroup) => {
  s.total++;
  s.byKind[kind]++;
  s.byPermit[permit]++;
};

export function median(values: number[]): LeadTime {
  if (values.length === 0) return { count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return { count: sorted.length, median: sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2) };
}

/** How far a path is, for choosing a resident's furthest one: any ongoing path beats an ended one. */
const progress = (s: InterestStatus) => (isExit(s) ? -2 : s === 'new' ? -1 : RANK[s]);

/** The numbers, from the interests made in the period and the outcome facts dated in it. */
export function summarise(q: { from: string; to: string }, interests: Interest[], facts: OutcomeFact[]): Omit<RegionReport, 'regionId' | 'locationId' | 'from' | 'to' | 'listings'> {
  const reactions = interests.filter((i) => i.seat !== 'cancelled');
  // One resident id per item, across the reactions and the facts together.
  type Item = { keys: string[]; id: string };
  const items: Item[] = [...reactions.map((i) => ({ keys: i.residentKeys, id: i.id })), ...facts.map((f) => ({ keys: f.residentKeys, id: f.interestId }))];
  const resident = residentsOf(items, (x) => x.keys, (x) => x.id);
  const residentOfReaction = (n: number) => resident.get(items[n]!)!;
  const residentOfFact = (n: number) => resident.get(items[reactions.length + n]!)!;

  // Who reacted, and where each one stands at the end of the period (their furthest path).
  const cohort = new Map<string, { latest: Interest; furthest: Interest; status: InterestStatus }>();
  reactions.forEach((i, n) => {
    const who = residentOfReaction(n);
    const status = statusOn(i, q.to);
    const seen = cohort.get(who);
    if (!seen) return void cohort.set(who, { latest: i, furthest: i, status });
    if (i.createdAt > seen.latest.createdAt) seen.latest = i;
    const better = progress(status) > progress(seen.status) || (isExit(status) && isExit(seen.status) && (i.exit?.on ?? '') > (seen.furthest.exit?.on ?? ''));
    if (better) Object.assign(seen, { furthest: i, status });
  });
  const residents = emptySplit();
  const current = Object.fromEntries(InterestStatus.options.map((s) => [s, emptySplit()])) as RegionReport['current'];
  for (const { latest, furthest, status } of cohort.values()) {
    add(residents, furthest.kind, latest.permit);
    add(current[status], furthest.kind, latest.permit);
  }

  // What happened in the period: each resident once per step, with the kind of their first such step.
  const outcomes = Object.fromEntries(REPORTED_STEPS.map((s) => [s, emptySplit()])) as RegionReport['outcomes'];
  const counted = new Set<string>();
  const stopReasons = Object.fromEntries(StopReason.options.map((r) => [r, 0])) as RegionReport['stopReasons'];
  const startsBySector: Record<string, number> = {};
  const lead = { interestToIntroduction: [] as number[], introductionToStart: [] as number[], twvWait: [] as number[] };
  const ordered = facts.map((f, n) => ({ f, who: residentOfFact(n) })).sort((a, b) => (a.f.on < b.f.on ? -1 : a.f.on > b.f.on ? 1 : 0));
  for (const { f, who } of ordered) {
    const once = `${who}|${f.status}`;
    if (counted.has(once)) continue;
    counted.add(once);
    add(outcomes[f.status], f.kind, f.permit);
    if (f.status === 'stopped') stopReasons[f.reason ?? 'not-given']++;
    if (f.status === 'started') startsBySector[f.sector ?? '—'] = (startsBySector[f.sector ?? '—'] ?? 0) + 1;
    if (f.status === 'introduced') lead.interestToIntroduction.push(daysBetween(f.interestOn, f.on));
    if (f.status === 'started' && f.introducedOn) lead.introductionToStart.push(daysBetween(f.introducedOn, f.on));
    if ((f.status === 'twv-granted' || f.status === 'twv-refused') && f.twvAppliedOn) lead.twvWait.push(daysBetween(f.twvAppliedOn, f.on));
  }
  return {
    residents,
    reactions: reactions.length,
    outcomes,
    current,
    leadTimes: { interestToIntroduction: median(lead.interestToIntroduction), introductionToStart: median(lead.introductionToStart), twvWait: median(lead.twvWait) },
    stopReasons,
    startsBySector,
  };
}

/** A read-only region manager of the region (or its desk, or an admin) may read its report. */
export const mayReadReport = (a: Actor, regionId: string) => isDeskOf(a, regionId) || managedRegions(a).includes(regionId);

/** The regions whose report an actor may read: every region for an admin. */
export function reportRegions(a: Actor, all: string[]): string[] {
  return isAdmin(a) ? all : all.filter((r) => mayReadReport(a, r));
}

/**
 * The report of one region (`regionId`), or of every region (no `regionId`: admins only, the
 * national totals; a resident who reacted in two regions counts once).
 */
export async function regionReport(db: Db, actor: Actor, regionId: string | undefined, query: unknown): Promise<RegionReport> {
  require(regionId === undefined ? isAdmin(actor) : mayReadReport(actor, regionId));
  const q = parseInput(ReportQuery, query);
  const directory = await getDirectory(db);
  requireKnownArea(directory, regionId, q.locationId);
  const regionIds = regionId ? [regionId] : directory.regions.map((r) => r.id);
  const instants = dutchDayRange(q.from, q.to);
  const read = await Promise.all(
    regionIds.map(async (r) => {
      const [interests, facts, listings] = await Promise.all([
        interestsOfRegionBetween(db, r, instants.from, instants.to),
        outcomesOfRegionBetween(db, r, q.from, q.to),
        listingsOfRegionBetween(db, r, instants.from, instants.to),
      ]);
      return { interests, facts, listings };
    }),
  );
  const here = <T extends { locationId: string }>(xs: T[]) => (q.locationId ? xs.filter((x) => x.locationId === q.locationId) : xs);
  const interests = here(read.flatMap((r) => r.interests));
  const facts = here(read.flatMap((r) => r.facts));

  const listings = Object.fromEntries(ListingKind.options.map((k) => [k, Object.fromEntries(REPORTED_LISTING_STATUSES.map((s) => [s, 0]))])) as RegionReport['listings'];
  for (const l of read.flatMap((r) => r.listings)) {
    if (l.status === 'draft' || (q.locationId && l.locationId !== q.locationId)) continue;
    listings[l.kind][l.status] = (listings[l.kind][l.status] ?? 0) + 1;
  }
  return { regionId, locationId: q.locationId, from: q.from, to: q.to, ...summarise(q, interests, facts), listings };
}

/**
 * The region must exist and the location, when given, be one of its locations (of any region for
 * the national report): both end up in the CSV's file name and body, so nothing typed into a link
 * reaches them unchecked.
 */
function requireKnownArea(directory: Directory, regionId: string | undefined, locationId: string | undefined) {
  if (regionId !== undefined && !directory.regions.some((r) => r.id === regionId)) throw new NotFoundError();
  if (locationId !== undefined && !directory.locations.some((l) => l.id === locationId && (regionId === undefined || l.regionId === regionId))) {
    throw new ValidationError([{ field: 'locationId', key: 'error.invalid_choice' }]);
  }
}

/** The default period: this Dutch calendar month. */
export function thisMonth(now: Date): { from: string; to: string } {
  const today = dutchDay(now);
  const from = `${today.slice(0, 7)}-01`;
  const nextMonth = addDays(`${today.slice(0, 7)}-28`, 4).slice(0, 7);
  return { from, to: addDays(`${nextMonth}-01`, -1) };
}

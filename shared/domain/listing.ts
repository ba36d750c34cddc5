import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { minimumWageOn, type MinimumWageTable } from '../config/minimum-wage.js';
import { hasValidDeclaration, isNonProfit, type Organisation } from './organisation.js';
import { ContentLanguage, Id, IsoDate, IsoDateTime, Latitude, Longitude, OptionalText, Slug, Text } from './common.js';

/** docs/domain.md, "Kinds of listing". One word per kind, the same in code, URLs and docs. */
export const ListingKind = z.enum([
  'job',
  'internship',
  'workplace-learning',
  'apprenticeship',
  'volunteering',
  'company-visit',
  'event',
]);
export type ListingKind = z.infer<typeof ListingKind>;

/** Kinds that have a date, a time and seats. */
export const SCHEDULED_KINDS: readonly ListingKind[] = ['company-visit', 'event'];
/** Kinds that must state a wage: a job and an apprenticeship (BBL, an employment contract). */
export const PAID_KINDS: readonly ListingKind[] = ['job', 'apprenticeship'];
/**
 * Kinds that are work in law: an asylum seeker needs a TWV for each, and a wage, when given,
 * must be at least the statutory minimum (an internship or workplace-learning place may be unpaid).
 */
export const WORK_KINDS: readonly ListingKind[] = ['job', 'internship', 'workplace-learning', 'apprenticeship'];

/**
 * Who may take it up (docs/domain.md, "Who may do what"): permit holders only; permit holders
 * and asylum seekers whose employer arranges a work permit (TWV: work only); or everyone
 * (volunteering for a non-profit with a volunteer declaration, visits, events).
 */
export const OpenTo = z.enum(['permit-holders', 'permit-holders-and-asylum-seekers', 'everyone']);
export type OpenTo = z.infer<typeof OpenTo>;

export const DutchLevel = z.enum(['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
export type DutchLevel = z.infer<typeof DutchLevel>;

export const ListingStatus = z.enum(['draft', 'pending', 'published', 'rejected', 'closed', 'expired']);
export type ListingStatus = z.infer<typeof ListingStatus>;

export const Workplace = z.object({
  street: OptionalText(120),
  postcode: z.string().trim().regex(/^\d{4} ?[A-Z]{2}$/, { error: 'invalid_postcode' }).optional(),
  city: Text(80),
  lat: Latitude,
  lon: Longitude,
});

/** What an employer or desk fills in. Everything else on a listing is set by the use cases. */
const ListingFields = z.object({
  organisationId: Id,
  regionId: Slug,
  /** The reception location it is offered to (optional): sets the region in the portal's form. */
  locationId: Slug.optional(),
  kind: ListingKind,
  title: Text(120),
  description: Text(4000),
  /** The language the employer wrote in; the text is shown as written, with this `lang`. */
  language: ContentLanguage,
  openTo: OpenTo,
  helpsWithWorkPermit: z.boolean().default(false),
  dutchLevel: DutchLevel,
  englishOk: z.boolean().default(false),
  hoursPerWeek: z.number().int().min(1).max(60).optional(),
  wagePerHour: z.number().positive().max(500).multipleOf(0.01).optional(),
  startDate: IsoDate.optional(),
  closingDate: IsoDate.optional(),
  workplace: Workplace,
  startsAt: IsoDateTime.optional(),
  endsAt: IsoDateTime.optional(),
  seats: z.number().int().min(1).max(1000).optional(),
  contactNote: OptionalText(300),
});

/** What the rules need besides the fields: the day, the posting organisation, the horizon. */
export interface ListingRulesContext {
  /** YYYY-MM-DD: passed in, so the rules are testable with a fixed clock. */
  today: string;
  /**
   * The organisation the listing is for. Use cases always pass it; without it (a form checked
   * before its organisation is known) the rules about the organisation are skipped.
   */
  organisation?: Pick<Organisation, 'kind' | 'volunteerDeclaration'>;
  /** Closing dates and visit dates at most this many months ahead (configuration, default 12). */
  horizonMonths?: number;
  /** The stored start date when editing: a start date that has passed may stay as it was. */
  keepStartDate?: string;
  /** The minimum-wage table (configuration; tests pass their own). */
  wageTable?: MinimumWageTable;
}

export const DEFAULT_HORIZON_MONTHS = 12;

/** YYYY-MM-DD plus whole months (the 31st becomes the month's last day). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** The day the wage must be legal on: the later of today and the start date. */
export const wageCheckDay = (l: { startDate?: string }, today: string) => (l.startDate !== undefined && l.startDate > today ? l.startDate : today);

/**
 * The wage problem of a listing on `today`, if any: a paid kind without a wage, or a wage below
 * the statutory minimum in force on the later of today and the start date (docs/domain.md).
 * Also used by the sweep, for published listings when a new rate takes effect.
 */
export function wageProblem(
  l: { kind: ListingKind; wagePerHour?: number; startDate?: string },
  today: string,
  table?: MinimumWageTable,
): { message: 'wage_required' | 'wage_not_paid_kind' | 'wage_no_rate' | 'wage_below_minimum'; params?: Record<string, string | number> } | undefined {
  if (l.wagePerHour === undefined) return PAID_KINDS.includes(l.kind) ? { message: 'wage_required' } : undefined;
  if (!WORK_KINDS.includes(l.kind)) return { message: 'wage_not_paid_kind' };
  const day = wageCheckDay(l, today);
  const rate = minimumWageOn(day, table);
  if (!rate) return { message: 'wage_no_rate', params: { date: day } };
  if (l.wagePerHour < rate.euros) return { message: 'wage_below_minimum', params: { minimum: rate.euros, date: rate.from } };
  return undefined;
}

/** Rules that tie fields together: the listing rules of docs/domain.md, in one place. */
function checkListingRules(l: z.infer<typeof ListingFields>, ctx: z.RefinementCtx, rules: ListingRulesContext) {
  const { today } = rules;
  const horizon = addMonths(today, rules.horizonMonths ?? DEFAULT_HORIZON_MONTHS);
  const issue = (field: string, message: string, params?: Record<string, string | number>) =>
    ctx.addIssue({ code: 'custom', path: field.split('.'), message, ...(params ? { params } : {}) });
  const scheduled = SCHEDULED_KINDS.includes(l.kind);

  const wage = wageProblem(l, today, rules.wageTable);
  if (wage) issue('wagePerHour', wage.message, wage.params);

  if (l.startDate !== undefined && l.startDate < today && l.startDate !== rules.keepStartDate) issue('startDate', 'date_in_past');
  if (l.closingDate !== undefined) {
    if (l.closingDate < today) issue('closingDate', 'date_in_past');
    else if (l.closingDate > horizon) issue('closingDate', 'date_too_far', { date: horizon });
  }

  // Who may take it up, by kind (docs/domain.md, "Who may do what").
  if (WORK_KINDS.includes(l.kind) && l.openTo === 'everyone') issue('openTo', 'open_to_everyone_not_allowed');
  if (!WORK_KINDS.includes(l.kind) && l.openTo === 'permit-holders-and-asylum-seekers') issue('openTo', 'open_to_work_permit_not_needed');
  const organisation = rules.organisation;
  if (organisation) {
    if (l.kind === 'volunteering' && !isNonProfit(organisation)) issue('kind', 'volunteering_non_profit_only');
    else if (l.kind === 'volunteering' && !hasValidDeclaration(organisation, today)) issue('kind', 'volunteering_declaration_required');
  }

  if (scheduled) {
    if (!l.startsAt) issue('startsAt', 'required');
    if (!l.endsAt) issue('endsAt', 'required');
    if (l.seats === undefined) issue('seats', 'seats_required');
    if (l.startsAt && l.endsAt && l.endsAt <= l.startsAt) issue('endsAt', 'end_before_start');
    if (l.startsAt && l.startsAt.slice(0, 10) < today) issue('startsAt', 'date_in_past');
    else if (l.startsAt && l.startsAt.slice(0, 10) > horizon) issue('startsAt', 'date_too_far', { date: horizon });
    const startTooFar = l.startsAt !== undefined && l.startsAt.slice(0, 10) > horizon;
    if (l.endsAt && l.endsAt.slice(0, 10) > horizon && !startTooFar) issue('endsAt', 'date_too_far', { date: horizon });
  }
}

/**
 * The input schema for creating or editing a listing, checked against the day and the
 * organisation (`today` alone: only the rules that need no organisation).
 */
export function listingInput(today: string, rules: Omit<ListingRulesContext, 'today'> = {}) {
  return ListingFields.superRefine((l, ctx) => checkListingRules(l, ctx, { ...rules, today }));
}
export const ListingInput = ListingFields;
export type ListingInput = z.input<typeof ListingFields>;

/** What an edit may change: everything filled in, except the organisation and the region. */
export const ListingContent = ListingFields.omit({ organisationId: true, regionId: true });
export type ListingContent = z.infer<typeof ListingContent>;
/** The names of the fields an edit may change (the keys of ListingContent). */
export const CONTENT_KEYS = Object.keys(ListingContent.shape) as (keyof ListingContent)[];

/**
 * Changes to a published listing that wait for the desk. Residents keep seeing the listing's
 * own fields (the live version) until the desk approves; then these replace them. `pending`
 * waits in the queue; `changes-requested` and `rejected` are back with the employer, with the
 * desk's reason, until they edit again or withdraw the change.
 */
export const RevisionStatus = z.enum(['pending', 'changes-requested', 'rejected']);
export type RevisionStatus = z.infer<typeof RevisionStatus>;
export const ListingRevision = z.object({
  content: ListingContent,
  status: RevisionStatus,
  submittedAt: z.iso.datetime(),
  submittedBy: z.string().min(1),
  reason: OptionalText(1000),
});
export type ListingRevision = z.infer<typeof ListingRevision>;

/** A listing as stored. Parsed on every read, so a bad item is found, not passed on. */
export const Listing = ListingFields.extend({
  id: Id,
  status: ListingStatus,
  version: z.number().int().min(1),
  createdAt: z.iso.datetime(),
  /** When what residents see last changed (feeds, sitemap, calendar); a waiting revision does not count. */
  updatedAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().optional(),
  publishedAt: z.iso.datetime().optional(),
  rejectionReason: OptionalText(1000),
  featured: z.boolean().default(false),
  hidden: z.boolean().default(false),
  /** Changes to the published listing that wait for the desk (absent: none). */
  revision: ListingRevision.optional(),
});
// Seats taken on a visit are not on the listing: sign-ups count them on their own item, so a
// desk editing the text never races a resident taking a seat.
export type Listing = z.infer<typeof Listing>;

/** The listing's content: the fields an edit may change, nothing else. */
export function contentOf(l: Listing): ListingContent {
  return ListingContent.parse(l);
}

/**
 * The listing with other content: every editable field replaced (one left empty is removed,
 * not kept from before), everything else (id, status, dates, flags) as it was.
 */
export function withContent(l: Listing, content: ListingContent): Listing {
  const rest: Record<string, unknown> = { ...l };
  for (const key of CONTENT_KEYS) delete rest[key];
  return Listing.parse({ ...rest, ...content });
}

/** The listing as residents would see it once its waiting revision were approved. */
export const proposedVersion = (l: Listing): Listing => (l.revision ? withContent(l, l.revision.content) : l);

/** True when residents see the same thing in both (the revision and the version are the desk's business). */
export function sameForResidents(a: Listing, b: Listing): boolean {
  const { revision: _ra, version: _va, ...x } = a;
  const { revision: _rb, version: _vb, ...y } = b;
  return sameValue(x, y);
}

/** Equal as stored: a key whose value is undefined counts as absent (DynamoDB keeps neither). */
export function sameValue(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  return isDeepStrictEqual(plain(a), plain(b));
}

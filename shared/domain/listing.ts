import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { minimumWageOn } from '../config/minimum-wage.js';
import { ContentLanguage, Id, IsoDate, IsoDateTime, Latitude, Longitude, OptionalText, Slug, Text } from './common.js';

/** DOMAIN.md "Kinds of listing". One word per kind, the same in code, URLs and docs. */
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
/** Kinds that pay a wage, so the statutory minimum applies. */
export const PAID_KINDS: readonly ListingKind[] = ['job', 'apprenticeship'];

/**
 * Who may take it up (DOMAIN.md "Who may do what"): permit holders only; permit holders and
 * asylum seekers whose employer arranges a work permit (TWV); or everyone (volunteering, visits).
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

/** Rules that tie fields together; `today` is passed in so the rules are testable. */
function checkListingRules(l: z.infer<typeof ListingFields>, ctx: z.RefinementCtx, today: string) {
  const scheduled = SCHEDULED_KINDS.includes(l.kind);
  if (PAID_KINDS.includes(l.kind)) {
    if (l.kind === 'job' && l.wagePerHour === undefined) {
      ctx.addIssue({ code: 'custom', path: ['wagePerHour'], message: 'wage_required' });
    }
    if (l.wagePerHour !== undefined) {
      const minimum = minimumWageOn(l.startDate ?? today);
      if (minimum !== undefined && l.wagePerHour < minimum) {
        ctx.addIssue({ code: 'custom', path: ['wagePerHour'], message: 'wage_below_minimum', params: { minimum } });
      }
    }
  }
  if (l.closingDate !== undefined && l.closingDate < today) {
    ctx.addIssue({ code: 'custom', path: ['closingDate'], message: 'date_in_past' });
  }
  if (l.kind !== 'volunteering' && !scheduled && l.openTo === 'everyone') {
    ctx.addIssue({ code: 'custom', path: ['openTo'], message: 'open_to_everyone_not_allowed' });
  }
  if (scheduled) {
    if (!l.startsAt) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'required' });
    if (!l.endsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'required' });
    if (l.seats === undefined) ctx.addIssue({ code: 'custom', path: ['seats'], message: 'seats_required' });
    if (l.startsAt && l.endsAt && l.endsAt <= l.startsAt) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'end_before_start' });
    }
    if (l.startsAt && l.startsAt.slice(0, 10) < today) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'date_in_past' });
    }
  }
}

/** The input schema for creating or editing a listing, checked against `today` (YYYY-MM-DD). */
export function listingInput(today: string) {
  return ListingFields.superRefine((l, ctx) => checkListingRules(l, ctx, today));
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

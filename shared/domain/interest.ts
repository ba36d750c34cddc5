import * as z from 'zod';
import { ContentLanguage, Email, Id, OptionalText, Slug, Text } from './common.js';
import { DutchLevel, ListingKind } from './listing.js';

/**
 * A resident's "I'm interested" or visit sign-up. Kept as two items (docs/data-model.md):
 * the facts desks report on (no personal data), and the person (name, contact, …) which
 * expires after the retention period and is deleted by TTL and the sweep.
 */

/** Self-declared, never checked against documents (docs/domain.md, "Privacy"). */
export const Eligibility = z.enum(['permit-holder', 'asylum-6-months', 'not-sure']);
export type Eligibility = z.infer<typeof Eligibility>;

/** Where the resident's path stands, as the pilots report it (docs/domain.md, "Outcomes the desks report"). */
export const InterestStatus = z.enum(['new', 'introduced', 'interview', 'matched', 'started', 'school', 'waiting-permit', 'stopped']);
export type InterestStatus = z.infer<typeof InterestStatus>;
/** The outcomes a desk or employer records after an introduction. */
export const OutcomeStatus = InterestStatus.exclude(['new', 'introduced']);
export type OutcomeStatus = z.infer<typeof OutcomeStatus>;

export const SeatStatus = z.enum(['confirmed', 'waiting', 'cancelled']);
export type SeatStatus = z.infer<typeof SeatStatus>;

const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'invalid_phone' });
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** What the resident fills in on the listing page. */
export const InterestInput = z
  .object({
    listingId: Id,
    locationId: Slug,
    name: Text(100),
    phone: optional(Phone),
    email: optional(Email),
    eligibility: Eligibility,
    dutchLevel: DutchLevel,
    languages: z.array(ContentLanguage).max(10).default([]),
    message: OptionalText(1000),
    consent: z.literal(true, { error: 'consent_required' }),
    /** Keep my details up to 12 months so the desk can offer me other work. */
    keepLonger: z.boolean().default(false),
  })
  .superRefine(
    (v, ctx) => {
      if (!v.phone && !v.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'contact_required' });
    },
    // Also when other fields are wrong: the resident sees every message at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type InterestInput = z.input<typeof InterestInput>;

export const Outcome = z.object({
  status: OutcomeStatus,
  /** The day it happened, as the desk or employer says it. */
  on: z.iso.date(),
  reason: OptionalText(500),
  by: Email,
  at: z.iso.datetime(),
});
export type Outcome = z.infer<typeof Outcome>;

/** The facts: what a report counts. No name, contact or message. */
export const Interest = z.object({
  id: Id,
  listingId: Id,
  organisationId: Id,
  regionId: Slug,
  locationId: Slug,
  kind: ListingKind,
  /** The employer's sector when the interest was made, for "placements by sector". */
  sector: z.string().max(80).optional(),
  status: InterestStatus,
  seat: SeatStatus.optional(),
  /**
   * The waiting-list ticket (1, 2, 3, … per visit, never reused): the order of the waiting
   * list. Drawn from the visit's SEATS counter, so simultaneous sign-ups never share one.
   */
  waitingTicket: z.number().int().min(1).optional(),
  introducedAt: z.iso.datetime().optional(),
  outcomes: z.array(Outcome).default([]),
  /** Set when the person's data was deleted (retention or on request). */
  personDeletedAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().min(1),
});
export type Interest = z.infer<typeof Interest>;

/** The person behind an interest: personal data, deleted at `expiresAt` (epoch seconds). */
export const Person = z.object({
  interestId: Id,
  reference: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
  name: Text(100),
  phone: Phone.optional(),
  email: Email.optional(),
  eligibility: Eligibility,
  dutchLevel: DutchLevel,
  languages: z.array(ContentLanguage).default([]),
  message: OptionalText(1000),
  keepLonger: z.boolean(),
  /** The desk's note to the employer when it introduces the resident. */
  introductionNote: OptionalText(1000),
  expiresAt: z.number().int(),
});
export type Person = z.infer<typeof Person>;

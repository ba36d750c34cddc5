import * as z from 'zod';
import { ContentLanguage, Email, Id, OptionalText, Slug, Text } from './common.js';
import { DutchLevel, ListingKind } from './listing.js';

/**
 * A resident's "I'm interested" or visit sign-up. Kept as two items (docs/data-model.md):
 * the facts desks report on (no personal data), and the person (name, contact, …) which
 * expires after the retention period and is deleted by TTL and the sweep.
 */

/**
 * Self-declared, never checked against documents. An asylum seeker may work (with a TWV the
 * employer applies for) once the application is 6 months old; "less than 6 months" still
 * counts for visits, volunteering and for the desk to know what comes next.
 */
export const Eligibility = z.enum(['permit-holder', 'asylum-6-months', 'asylum-under-6-months', 'not-sure']);
export type Eligibility = z.infer<typeof Eligibility>;

/**
 * "Are you 18 or older?" Under 16 needs a parent's or guardian's consent to share details; UWV
 * grants a work permit (TWV) only from 18, so a younger asylum seeker cannot take up a job,
 * workplace-learning place or apprenticeship (an internship may be the exception a course needs:
 * the desk checks).
 */
export const AgeGroup = z.enum(['18-plus', '16-17', 'under-16']);
export type AgeGroup = z.infer<typeof AgeGroup>;

/**
 * The outcome ladder (docs/outcomes.md): the stages a resident's path through one introduction
 * climbs, in order. The TWV stages (work permit, applied for by the employer) only apply to
 * asylum seekers. Reaching a stage implies the ones before it (not the TWV's: a permit holder
 * needs none).
 */
export const Stage = z.enum(['introduced', 'interview', 'matched', 'twv-applied', 'twv-granted', 'twv-refused', 'started', 'retained']);
export type Stage = z.infer<typeof Stage>;
/** Side exits: the path ends there, from any stage after the introduction. */
export const Exit = z.enum(['stopped', 'moved', 'housed', 'unreachable']);
export type Exit = z.infer<typeof Exit>;

/** Where the resident's path stands: not yet introduced, the highest stage reached, or an exit. */
export const InterestStatus = z.enum(['new', ...Stage.options, ...Exit.options]);
export type InterestStatus = z.infer<typeof InterestStatus>;
/** The outcomes a desk or employer records after an introduction (the desk records the introduction itself). */
export const OutcomeStatus = z.enum([...Stage.exclude(['introduced']).options, ...Exit.options]);
export type OutcomeStatus = z.infer<typeof OutcomeStatus>;

/**
 * Why a path stopped, as a code: no free text, so no health or other sensitive detail can end up
 * in the facts that reports keep (GDPR: data minimisation).
 */
export const StopReason = z.enum(['other-work', 'education', 'not-a-fit', 'employer-ended', 'permit-refused', 'travel', 'care-duties', 'personal', 'other', 'not-given']);
export type StopReason = z.infer<typeof StopReason>;

/**
 * Coarse and self-declared: may the resident work without a TWV? Kept on the facts so reports can
 * split by it after the person's details are gone. Nothing finer (no nationality, no procedure).
 */
export const PermitGroup = z.enum(['permit-holder', 'asylum-seeker', 'unknown']);
export type PermitGroup = z.infer<typeof PermitGroup>;
export const permitGroupOf = (e: Eligibility): PermitGroup => (e === 'permit-holder' ? 'permit-holder' : e === 'asylum-6-months' ? 'asylum-seeker' : 'unknown');

/** Who recorded an outcome: a role, never a person's e-mail (the audit log says who). */
export const RecordedBy = z.enum(['desk', 'employer', 'admin', 'system']);
export type RecordedBy = z.infer<typeof RecordedBy>;

export const SeatStatus = z.enum(['confirmed', 'waiting', 'cancelled']);
export type SeatStatus = z.infer<typeof SeatStatus>;

const Phone = z.string().trim().regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'invalid_phone' });
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** What the resident fills in on the listing page. */
export const InterestInput = z
  .object({
    listingId: Id,
    // No preselection: a resident who skips it is asked, not recorded at some other location.
    locationId: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: 'invalid_choice' }).pipe(Slug)),
    name: Text(100),
    phone: optional(Phone),
    email: optional(Email),
    eligibility: Eligibility,
    age: AgeGroup,
    /** Under 16: a parent or guardian agrees. */
    guardianConsent: z.boolean().default(false),
    // No preselection either: an empty choice is asked again.
    dutchLevel: z.preprocess((v) => (v === '' ? undefined : v), DutchLevel),
    languages: z.array(ContentLanguage).max(10).default([]),
    message: OptionalText(1000),
    consent: z.literal(true, { error: 'consent_required' }),
    /** The language of the page the resident used: mail to them is in it. */
    locale: ContentLanguage.optional(),
    /** Keep my details up to 12 months so the desk can offer me other work. */
    keepLonger: z.boolean().default(false),
  })
  .superRefine(
    (v, ctx) => {
      if (!v.phone && !v.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'contact_required' });
      if (v.age === 'under-16' && !v.guardianConsent) ctx.addIssue({ code: 'custom', path: ['guardianConsent'], message: 'guardian_required' });
    },
    // Also when other fields are wrong: the resident sees every message at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
export type InterestInput = z.input<typeof InterestInput>;

/** One step recorded on the ladder, or an exit: the history the desk and employer see. */
export const Outcome = z.object({
  status: InterestStatus.exclude(['new']),
  /** The Dutch calendar day it happened, as the desk or employer says it. */
  on: z.iso.date(),
  reason: StopReason.optional(),
  /** Earlier stages this step implied (recorded with the same day). */
  implied: z.array(Stage).optional(),
  /** Absent on steps recorded before the ladder whose recorder's e-mail was dropped (docs/data-model.md). */
  by: RecordedBy.optional(),
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
  /** The day each stage was reached (implied stages carry the day of the stage that implied them). */
  stages: z.partialRecord(Stage, z.iso.date()).default({}),
  /** A side exit, when the path ended there. */
  exit: z.object({ status: Exit, on: z.iso.date(), reason: StopReason.optional() }).optional(),
  outcomes: z.array(Outcome).default([]),
  /** The resident withdrew it with the reference code: the desk sees it and stops. */
  withdrawnAt: z.iso.datetime().optional(),
  permit: PermitGroup.default('unknown'),
  /**
   * Pseudonymous keys of the resident (a keyed hash of the e-mail address and of the phone
   * number, shared/services/resident-key.ts): the same resident reacting three times counts
   * once in reports. Not reversible without the secret; never shown.
   */
  residentKeys: z.array(z.string().max(64)).max(2).default([]),
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
  /** Absent on sign-ups from before the form asked. */
  age: AgeGroup.optional(),
  guardianConsent: z.boolean().optional(),
  dutchLevel: DutchLevel,
  languages: z.array(ContentLanguage).default([]),
  message: OptionalText(1000),
  keepLonger: z.boolean(),
  /** The language the resident wrote in, for mail to them (a seat that came free). */
  locale: ContentLanguage.optional(),
  /** The desk's note to the employer when it introduces the resident. */
  introductionNote: OptionalText(1000),
  expiresAt: z.number().int(),
});
export type Person = z.infer<typeof Person>;

/**
 * A stage reached or an exit, as its own item beside the facts, so that a report finds what
 * happened in a period by the day it happened. No personal data: the same facts as the interest,
 * plus the days the lead times need.
 */
export const OutcomeFact = Interest.pick({ regionId: true, locationId: true, kind: true, sector: true, residentKeys: true }).extend({
  interestId: Id,
  permit: PermitGroup,
  status: InterestStatus.exclude(['new']),
  on: z.iso.date(),
  reason: StopReason.optional(),
  /** The Dutch day the resident reacted, the day of the introduction, the day the TWV was applied for. */
  interestOn: z.iso.date(),
  introducedOn: z.iso.date().optional(),
  twvAppliedOn: z.iso.date().optional(),
});
export type OutcomeFact = z.infer<typeof OutcomeFact>;

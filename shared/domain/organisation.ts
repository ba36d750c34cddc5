import * as z from 'zod';
import { Email, Id, IsoDate, OptionalText, Slug, Text, WebUrl } from './common.js';

/**
 * Employers, non-profit organisations and partners (a region's network: docs/domain.md,
 * "Organisations"). Any of them may have listings; volunteering only a non-profit (NGOs and
 * volunteer centres are partners that are non-profit too) with a UWV volunteer declaration.
 */
export const PartnerKind = z.enum([
  'employer-service-point',
  'uwv',
  'municipality',
  'employment-agency',
  'ngo',
  'training-provider',
  'volunteer-centre',
]);
export const OrganisationKind = z.enum(['employer', 'non-profit', ...PartnerKind.options]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;
/** The kinds a desk or admin may give an organisation that posts listings. */
export const PostingKind = z.enum(['employer', 'non-profit']);
export type PostingKind = z.infer<typeof PostingKind>;
/** Organisations without profit motive: only they can hold a UWV volunteer declaration. */
export const NON_PROFIT_KINDS: readonly OrganisationKind[] = ['non-profit', 'ngo', 'volunteer-centre'];

/** UWV's volunteer declaration (vrijwilligersverklaring) is valid this many years from its date. */
export const VOLUNTEER_DECLARATION_YEARS = 3;

/**
 * The UWV volunteer declaration a desk or admin saw and recorded: the date on it, who recorded
 * it and when. With it, asylum seekers may volunteer for the organisation without a TWV.
 */
export const VolunteerDeclaration = z.object({
  issuedOn: IsoDate,
  recordedBy: z.string().min(1),
  recordedAt: z.iso.datetime(),
});
export type VolunteerDeclaration = z.infer<typeof VolunteerDeclaration>;

export const Organisation = z.object({
  id: Id,
  kind: OrganisationKind,
  name: Text(120),
  /** Kamer van Koophandel number: 8 digits, optional. */
  kvk: z.string().regex(/^\d{8}$/, { error: 'invalid_kvk' }).optional(),
  sector: OptionalText(80),
  address: OptionalText(200),
  website: WebUrl.optional(),
  contactEmail: Email.optional(),
  contactPhone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'invalid_phone' }).optional(),
  /** Regions served (partners) or worked in (employers). */
  regionIds: z.array(Slug).min(1),
  offers: OptionalText(500),
  /** Trusted employers publish without waiting in the desk's queue. */
  trusted: z.boolean().default(false),
  /** Set while an admin blocks the account (its members' memberships grant nothing). */
  blockedAt: z.iso.datetime().optional(),
  volunteerDeclaration: VolunteerDeclaration.optional(),
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof Organisation>;

/** Partners form a region's network on the residents' site; employers and plain non-profits do not. */
export const isPartner = <O extends Pick<Organisation, 'kind'>>(o: O): o is O & { kind: PartnerKind } => (PartnerKind.options as readonly string[]).includes(o.kind);
export type PartnerKind = z.infer<typeof PartnerKind>;
export const isNonProfit = (o: Pick<Organisation, 'kind'>) => NON_PROFIT_KINDS.includes(o.kind);

/** The last day a declaration dated `issuedOn` is valid (3 years, less a day). */
export function declarationValidUntil(issuedOn: string): string {
  const d = new Date(`${issuedOn}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + VOLUNTEER_DECLARATION_YEARS);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** True when the organisation is non-profit and its recorded declaration is valid on `date`. */
export function hasValidDeclaration(o: Pick<Organisation, 'kind' | 'volunteerDeclaration'>, date: string): boolean {
  const d = o.volunteerDeclaration;
  return isNonProfit(o) && d !== undefined && d.issuedOn <= date && date <= declarationValidUntil(d.issuedOn);
}

/**
 * The one rule for posting on someone's behalf (a desk's form, the CSV import, an admin): the
 * organisation works in the listing's region. Employers, non-profits and partners alike (an
 * agency posts jobs, a WSP a job fair); what each may post is the listing rules' business (only
 * a non-profit with a declaration offers volunteering). An organisation of another region is
 * not the desk's to publish for.
 */
export function postsInRegion(o: Organisation, regionId: string): boolean {
  return o.regionIds.includes(regionId);
}

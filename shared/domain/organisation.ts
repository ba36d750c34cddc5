import * as z from 'zod';
import { Email, Id, OptionalText, Slug, Text, WebUrl } from './common.js';

/** Employers post listings; partners form a region's network (DOMAIN.md "Network partners"). */
export const PartnerKind = z.enum([
  'employer-service-point',
  'uwv',
  'municipality',
  'employment-agency',
  'ngo',
  'training-provider',
  'volunteer-centre',
]);
export const OrganisationKind = z.enum(['employer', ...PartnerKind.options]);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

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
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof Organisation>;

/**
 * The one rule for posting on someone's behalf (a desk's form, the CSV import, an admin): the
 * organisation is an employer that works in the listing's region. Partners do not post, and an
 * employer of another region is not the desk's to publish for.
 */
export function postsInRegion(o: Organisation, regionId: string): boolean {
  return o.kind === 'employer' && o.regionIds.includes(regionId);
}

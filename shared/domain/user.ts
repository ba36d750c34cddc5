import * as z from 'zod';
import { Email, Id, Slug, Text } from './common.js';

/** Someone who signs in with a magic link: employer staff, desk staff, admins. */
export const User = z.object({
  id: Id,
  email: Email,
  name: Text(120),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof User>;

/** What a user may act for: one organisation (employer), a region or some of its locations (desk; one membership per region), a region's reports (manager), a region's listing summaries (translator), or all (admin). */
export const Membership = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('employer'),
    email: Email,
    organisationId: Id,
    /** Owners (whoever signed the organisation up) remove members; any member invites. */
    owner: z.boolean().optional(),
    /** Set while an admin blocks the organisation's account: the membership grants nothing, its sessions end. */
    blockedAt: z.iso.datetime().optional(),
  }),
  z.object({
    role: z.literal('desk'),
    email: Email,
    regionId: Slug,
    /** Empty: the whole region. Otherwise only these locations' listings and residents. */
    locationIds: z.array(Slug).default([]),
  }),
  /** Read-only: the region's reports, nothing about single residents. */
  z.object({ role: z.literal('manager'), email: Email, regionId: Slug }),
  /** A volunteer translator a region's desk invited: writes listings' summaries in residents' languages, nothing else. */
  z.object({ role: z.literal('translator'), email: Email, regionId: Slug }),
  z.object({ role: z.literal('admin'), email: Email }),
]);
export type Membership = z.infer<typeof Membership>;
export type Role = Membership['role'];

/**
 * An invitation to join an organisation: stored until the invitee accepts or declines it after
 * signing in (nobody is added to an organisation without saying yes), or until it expires.
 */
export const Invitation = z.object({
  organisationId: Id,
  email: Email,
  name: Text(120),
  invitedBy: Email,
  createdAt: z.iso.datetime(),
  /** Epoch seconds; DynamoDB's TTL removes it some time after. */
  expiresAt: z.number().int(),
});
export type Invitation = z.infer<typeof Invitation>;

/** A desk invites someone to translate for its region: nothing changes for them until they accept. */
export const TranslatorInvitation = Invitation.omit({ organisationId: true }).extend({ regionId: Slug });
export type TranslatorInvitation = z.infer<typeof TranslatorInvitation>;

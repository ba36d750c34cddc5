import * as z from 'zod';
import { Email, OptionalText, Slug, Text, WebUrl } from './common.js';
import { Organisation } from './organisation.js';

/** The portal's languages (employers, desks, admins work in Dutch or English). */
export const PortalLocale = z.enum(['nl', 'en']);
export type PortalLocale = z.infer<typeof PortalLocale>;

/**
 * What an employer fills in to sign up: the organisation and the first member. Nothing is
 * stored until the member opens the link sent to this address (the login token carries it).
 */
export const EmployerSignup = z.object({
  name: Organisation.shape.name,
  kvk: Organisation.shape.kvk,
  sector: Text(80),
  address: Text(200),
  website: WebUrl.optional(),
  contactEmail: Email.optional(),
  contactPhone: Organisation.shape.contactPhone,
  regionIds: z.array(Slug).min(1),
  personName: Text(120),
  email: Email,
  offers: OptionalText(500),
});
export type EmployerSignup = z.infer<typeof EmployerSignup>;

/** A single-use sign-in link, stored under the hash of its token. */
export const LoginToken = z.object({
  email: Email,
  locale: PortalLocale,
  createdAt: z.iso.datetime(),
  /** Epoch seconds: the table's TTL attribute, also checked on every read. */
  expiresAt: z.number().int(),
  signup: EmployerSignup.optional(),
});
export type LoginToken = z.infer<typeof LoginToken>;

/**
 * Someone asked for a sign-in link at the portal's form. The request only queues this; the
 * queue's consumer looks the address up and mails a link only when it belongs to an account.
 */
export const SignInRequest = z.object({ email: Email, locale: PortalLocale });
export type SignInRequest = z.infer<typeof SignInRequest>;

/** A signed-in browser, stored under the hash of the cookie's random id. */
export const Session = z.object({
  email: Email,
  createdAt: z.iso.datetime(),
  expiresAt: z.number().int(),
});
export type Session = z.infer<typeof Session>;

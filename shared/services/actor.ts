import type { Membership } from '../domain/user.js';
import { ForbiddenError } from '../errors.js';

/** Who is acting: a signed-in person with their memberships, or the system (the sweep). */
export type Actor = { kind: 'person'; email: string; memberships: Membership[] } | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };

export const actorName = (a: Actor) => (a.kind === 'system' ? 'system' : a.email);

export function isAdmin(a: Actor): boolean {
  return a.kind === 'system' || a.memberships.some((m) => m.role === 'admin');
}

export function isDeskOf(a: Actor, regionId: string): boolean {
  return isAdmin(a) || (a.kind === 'person' && a.memberships.some((m) => m.role === 'desk' && m.regionId === regionId));
}

export function isEmployerOf(a: Actor, organisationId: string): boolean {
  return a.kind === 'person' && a.memberships.some((m) => m.role === 'employer' && m.organisationId === organisationId);
}

/** Employers act for their own organisation; desks for listings in their region; admins for all. */
export function mayActForListing(a: Actor, l: { organisationId: string; regionId: string }): boolean {
  return isEmployerOf(a, l.organisationId) || isDeskOf(a, l.regionId);
}

export function require(condition: boolean): asserts condition {
  if (!condition) throw new ForbiddenError();
}

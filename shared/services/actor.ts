import type { Membership } from '../domain/user.js';
import { ForbiddenError } from '../errors.js';

/**
 * Who is acting: a signed-in person with their memberships, the system (the sweep, scripts),
 * or nobody signed in (anonymous), who may do nothing that needs a role.
 */
export type Actor = { kind: 'person'; email: string; memberships: Membership[] } | { kind: 'system' } | { kind: 'anonymous' };

export const SYSTEM: Actor = { kind: 'system' };
export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The name written in audit events. Anonymous callers never get as far as writing. */
export function actorName(a: Actor): string {
  if (a.kind === 'anonymous') throw new ForbiddenError();
  return a.kind === 'system' ? 'system' : a.email;
}

export function isAdmin(a: Actor): boolean {
  return a.kind === 'system' || (a.kind === 'person' && a.memberships.some((m) => m.role === 'admin'));
}

export const isSignedIn = (a: Actor) => a.kind !== 'anonymous';

/** The regions a person staffs a desk for (admins: none listed, they act for all). */
export function deskRegions(a: Actor): string[] {
  return a.kind === 'person' ? a.memberships.flatMap((m) => (m.role === 'desk' ? [m.regionId] : [])) : [];
}

/** The regions a person reads the reports of as a region manager. */
export function managedRegions(a: Actor): string[] {
  return a.kind === 'person' ? a.memberships.flatMap((m) => (m.role === 'manager' ? [m.regionId] : [])) : [];
}

/** The organisations a person is an employer member of. */
export function employerOrganisations(a: Actor): string[] {
  return a.kind === 'person' ? a.memberships.flatMap((m) => (m.role === 'employer' ? [m.organisationId] : [])) : [];
}

export function isDeskOf(a: Actor, regionId: string): boolean {
  return isAdmin(a) || (a.kind === 'person' && a.memberships.some((m) => m.role === 'desk' && m.regionId === regionId));
}

/** The locations a desk member may see in a region: all, or those in the membership. */
export function visibleLocations(a: Actor, regionId: string): 'all' | string[] {
  if (isAdmin(a) || a.kind !== 'person') return 'all';
  const scopes = a.memberships.flatMap((m) => (m.role === 'desk' && m.regionId === regionId ? [m.locationIds] : []));
  return scopes.some((s) => s.length === 0) ? 'all' : scopes.flat();
}

/**
 * A desk member of a resident's region whose scope covers the resident's location (admins:
 * all). The one rule for every read or change of a resident's data by the desk: the inbox,
 * introductions, outcomes, and looking up or deleting by reference code.
 */
export function deskMaySee(a: Actor, resident: { regionId: string; locationId: string }): boolean {
  if (!isDeskOf(a, resident.regionId)) return false;
  const scope = visibleLocations(a, resident.regionId);
  return scope === 'all' || scope.includes(resident.locationId);
}

export function isEmployerOf(a: Actor, organisationId: string): boolean {
  return a.kind === 'person' && a.memberships.some((m) => m.role === 'employer' && m.organisationId === organisationId);
}

/** An owner of the organisation: whoever signed it up (owners remove members). */
export function isOwnerOf(a: Actor, organisationId: string): boolean {
  return a.kind === 'person' && a.memberships.some((m) => m.role === 'employer' && m.organisationId === organisationId && m.owner === true);
}

/** Employers act for their own organisation; desks for listings in their region; admins for all. */
export function mayActForListing(a: Actor, l: { organisationId: string; regionId: string }): boolean {
  return isEmployerOf(a, l.organisationId) || isDeskOf(a, l.regionId);
}

/** Employer members and admins manage an organisation's account; desks of its regions may read it. */
export function mayManageOrganisation(a: Actor, organisationId: string): boolean {
  return isEmployerOf(a, organisationId) || isAdmin(a);
}
export function mayReadOrganisation(a: Actor, o: { id: string; regionIds: string[] }): boolean {
  return mayManageOrganisation(a, o.id) || o.regionIds.some((r) => isDeskOf(a, r));
}

export function require(condition: boolean): asserts condition {
  if (!condition) throw new ForbiddenError();
}

import * as z from 'zod';
import { Email, Slug, Text } from '../domain/common.js';
import type { Organisation } from '../domain/organisation.js';
import { Location, Region } from '../domain/region.js';
import type { Membership } from '../domain/user.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { fieldErrors, NotFoundError, parseInput, ValidationError, type FieldError } from '../errors.js';
import { updateFields } from '../repositories/accounts.js';
import { auditPut } from '../repositories/audit.js';
import { getDirectory, getLocation, getRegion } from '../repositories/directory.js';
import { getOrganisation, listOrganisations } from '../repositories/organisations.js';
import { del, put, transact } from '../repositories/transact.js';
import { deskStaffOfRegion, getUserByEmail, membershipItem } from '../repositories/users.js';
import { actorName, isAdmin, require, type Actor } from './actor.js';
import { newUserPut } from './accounts.js';
import type { ServiceContext } from './context.js';
import { resolvePlace } from './places.js';

/** Admins: regions and locations (seeded from the COA data), desk staff and their scopes, trust. */

/** Regions and locations, for the admin's pages (residents read them through the site). */
export async function adminDirectory(db: Db, actor: Actor) {
  require(isAdmin(actor));
  return getDirectory(db);
}

/** Creates or renames a region. */
export async function saveRegion(ctx: ServiceContext, actor: Actor, input: unknown): Promise<Region> {
  require(isAdmin(actor));
  const region = parseInput(Region, input);
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    put(ctx.db, { ...keys.region(region.id), type: 'region', ...region }),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'region.saved', subject: { type: 'region', id: region.id }, detail: { name: region.name } }),
  ]);
  return region;
}

/**
 * What the admin's location form sends: everything a location has except its coordinates, and the
 * place (town or village, with a postcode in front if one likes) whose centre they come from.
 */
export const LocationInput = Location.omit({ lat: true, lon: true, place: true }).extend({ place: z.string().optional() });

/**
 * Creates or edits a reception location; its region must exist. Its position is the centre of the
 * place the admin names, looked up as a listing's workplace is (`resolvePlace`); an edit that
 * names no place keeps the stored position. A place the list does not know (or several share) is
 * the `place` field's error, and nothing is stored.
 */
export async function saveLocation(ctx: ServiceContext, actor: Actor, input: unknown): Promise<Location> {
  require(isAdmin(actor));
  // Every field's error at once: the form's fields, the region, the place.
  const parsed = LocationInput.safeParse(input, { reportInput: true });
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error).filter((e) => e.field !== 'place');
  const raw = (input ?? {}) as { id?: unknown; regionId?: unknown; place?: unknown };
  const typed = typeof raw.place === 'string' ? raw.place.trim() : '';
  const current = typeof raw.id === 'string' ? await getLocation(ctx.db, raw.id.trim()) : undefined;
  if (typeof raw.regionId === 'string' && raw.regionId && !(await getRegion(ctx.db, raw.regionId))) errors.push({ field: 'regionId', key: 'error.invalid_choice' });
  let position: Pick<Location, 'place' | 'lat' | 'lon'> | undefined;
  if (typed) {
    const found = resolvePlace(typed, 'place');
    if ('error' in found) errors.push(found.error);
    else position = { place: found.name, lat: found.place.lat, lon: found.place.lon };
  } else if (current) position = { place: current.place, lat: current.lat, lon: current.lon };
  else errors.push({ field: 'place', key: 'error.required' });
  if (errors.length > 0 || !parsed.success || !position) throw new ValidationError(errors);
  const location = parseInput(Location, { ...parsed.data, ...position });
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    put(ctx.db, { ...keys.location(location.id), type: 'location', ...location }),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'location.saved', subject: { type: 'location', id: location.id }, detail: { regionId: location.regionId } }),
  ]);
  return location;
}

/** Every region's desk staff, by region. */
export async function deskStaff(db: Db, actor: Actor): Promise<{ regionId: string; staff: Membership[] }[]> {
  require(isAdmin(actor));
  const { regions } = await getDirectory(db);
  return Promise.all(regions.map(async (r) => ({ regionId: r.id, staff: await deskStaffOfRegion(db, r.id) })));
}

export const DeskMemberInput = z.object({
  name: Text(120),
  email: Email,
  regionId: Slug,
  /** Empty: the whole region. */
  locationIds: z.array(Slug).default([]),
});

/** Gives a person a desk in a region, for the whole region or some of its locations. */
export async function addDeskMember(ctx: ServiceContext, actor: Actor, input: unknown): Promise<Membership> {
  require(isAdmin(actor));
  const v = parseInput(DeskMemberInput, input);
  const { regions, locations } = await getDirectory(ctx.db);
  if (!regions.some((r) => r.id === v.regionId)) throw new ValidationError([{ field: 'regionId', key: 'error.invalid_choice' }]);
  const inRegion = new Set(locations.filter((l) => l.regionId === v.regionId).map((l) => l.id));
  if (v.locationIds.some((id) => !inRegion.has(id))) throw new ValidationError([{ field: 'locationIds', key: 'error.invalid_choice' }]);
  const membership: Membership = { role: 'desk', email: v.email, regionId: v.regionId, locationIds: v.locationIds };
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    ...(await newUserPut(ctx.db, v.email, v.name, at)),
    put(ctx.db, membershipItem(membership)),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'desk.member-added', subject: { type: 'user', id: v.email }, detail: { regionId: v.regionId, locationIds: v.locationIds } }),
  ]);
  return membership;
}

export async function removeDeskMember(ctx: ServiceContext, actor: Actor, email: string, regionId: string): Promise<void> {
  require(isAdmin(actor));
  const staff = await deskStaffOfRegion(ctx.db, regionId);
  const membership = staff.find((m) => m.email === email);
  if (!membership || !(await getUserByEmail(ctx.db, email))) throw new NotFoundError();
  await transact(ctx.db, [
    del(ctx.db, keys.membership(membership)),
    auditPut(ctx.db, { at: ctx.clock.now().toISOString(), actor: actorName(actor), action: 'desk.member-removed', subject: { type: 'user', id: email }, detail: { regionId } }),
  ]);
}

/** Every organisation (any may post listings), by name, with its kind, declaration and trust. */
export async function listEmployers(db: Db, actor: Actor): Promise<Organisation[]> {
  require(isAdmin(actor));
  return listOrganisations(db);
}

/** A trusted employer's listings are published when submitted, without the desk's queue. */
export async function setTrusted(ctx: ServiceContext, actor: Actor, organisationId: string, trusted: boolean): Promise<void> {
  require(isAdmin(actor));
  const organisation = await getOrganisation(ctx.db, organisationId);
  if (!organisation) throw new NotFoundError();
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    updateFields(ctx.db, keys.organisation(organisationId), { trusted }),
    auditPut(ctx.db, { at, actor: actorName(actor), action: trusted ? 'organisation.trusted' : 'organisation.untrusted', subject: { type: 'organisation', id: organisationId } }),
  ]);
}

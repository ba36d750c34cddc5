import { ulid } from 'ulid';
import * as z from 'zod';
import { isPartner, Organisation, PartnerKind } from '../domain/organisation.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { NotFoundError, parseInput } from '../errors.js';
import { updateFields } from '../repositories/accounts.js';
import { auditPut } from '../repositories/audit.js';
import { getOrganisation, listOrganisations, organisationItem } from '../repositories/organisations.js';
import { del, put, transact } from '../repositories/transact.js';
import { actorName, isDeskOf, require, type Actor } from './actor.js';
import type { ServiceContext } from './context.js';

/**
 * A region's partner network (docs/domain.md, "Organisations"): WSP, UWV, municipalities,
 * agencies, NGOs, schools, volunteer centres. The desk of a region keeps the partners that
 * serve it; a partner serving several regions is shared, and leaves a region's list without
 * leaving the others'.
 */
export const PartnerInput = Organisation.pick({ name: true, website: true, contactEmail: true, contactPhone: true, address: true, offers: true }).extend({
  kind: PartnerKind,
});
export type PartnerInput = z.infer<typeof PartnerInput>;


export async function partnersOfRegion(db: Db, actor: Actor, regionId: string): Promise<Organisation[]> {
  require(isDeskOf(actor, regionId));
  return (await listOrganisations(db)).filter((o) => isPartner(o) && o.regionIds.includes(regionId));
}

async function partnerOf(db: Db, actor: Actor, regionId: string, id: string): Promise<Organisation> {
  require(isDeskOf(actor, regionId));
  const partner = await getOrganisation(db, id);
  if (!partner || !isPartner(partner) || !partner.regionIds.includes(regionId)) throw new NotFoundError();
  return partner;
}

export async function getPartner(db: Db, actor: Actor, regionId: string, id: string): Promise<Organisation> {
  return partnerOf(db, actor, regionId, id);
}

export async function createPartner(ctx: ServiceContext, actor: Actor, regionId: string, input: unknown): Promise<Organisation> {
  require(isDeskOf(actor, regionId));
  const fields = parseInput(PartnerInput, input);
  const at = ctx.clock.now().toISOString();
  const partner = Organisation.parse({ ...fields, id: ulid(), regionIds: [regionId], trusted: false, createdAt: at });
  await transact(ctx.db, [
    put(ctx.db, organisationItem(partner), 'attribute_not_exists(pk)'),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'partner.created', subject: { type: 'organisation', id: partner.id }, detail: { regionId } }),
  ]);
  return partner;
}

export async function updatePartner(ctx: ServiceContext, actor: Actor, regionId: string, id: string, input: unknown): Promise<Organisation> {
  const current = await partnerOf(ctx.db, actor, regionId, id);
  const fields = parseInput(PartnerInput, input);
  const next = Organisation.parse({ ...current, ...fields });
  const fieldNames = Object.keys(PartnerInput.shape) as (keyof Organisation)[];
  // Nothing different: nothing is written, and the caller says so.
  if (fieldNames.every((k) => JSON.stringify(next[k]) === JSON.stringify(current[k]))) return current;
  const { gsi1pk, gsi1sk } = organisationItem(next);
  const at = ctx.clock.now().toISOString();
  await transact(ctx.db, [
    updateFields(ctx.db, keys.organisation(id), { ...Object.fromEntries(fieldNames.map((k) => [k, next[k]])), gsi1pk, gsi1sk }),
    auditPut(ctx.db, { at, actor: actorName(actor), action: 'partner.updated', subject: { type: 'organisation', id }, detail: { regionId } }),
  ]);
  return next;
}

/** Takes a partner off a region's list; the partner goes when no region is left. */
export async function removePartner(ctx: ServiceContext, actor: Actor, regionId: string, id: string): Promise<void> {
  const current = await partnerOf(ctx.db, actor, regionId, id);
  const regionIds = current.regionIds.filter((r) => r !== regionId);
  const at = ctx.clock.now().toISOString();
  const audit = auditPut(ctx.db, { at, actor: actorName(actor), action: 'partner.removed', subject: { type: 'organisation', id }, detail: { regionId } });
  await transact(ctx.db, [regionIds.length === 0 ? del(ctx.db, keys.organisation(id)) : updateFields(ctx.db, keys.organisation(id), { regionIds }), audit]);
}

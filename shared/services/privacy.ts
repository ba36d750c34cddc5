import { Interest, OutcomeFact, type Person } from '../domain/interest.js';
import { queryAll } from '../db/query.js';
import type { Db } from '../db/client.js';
import { keys, OUTCOME_FACT_PREFIX } from '../db/keys.js';
import { DomainError, NotFoundError, ValidationError } from '../errors.js';
import { auditPut } from '../repositories/audit.js';
import { getInterest, getPerson, interestIdByReference, interestItem, livingPeopleOfRegion, outcomeFactItem } from '../repositories/interests.js';
import { actorName, deskMaySee, isDeskOf, require, type Actor } from './actor.js';
import { normalisePhone } from './resident-key.js';
import { cancelSeat, type Cancellation } from './interests.js';
import { retrying, transact, tryTransact } from '../repositories/transact.js';

/**
 * Residents' rights (docs/domain.md, "Privacy"): by reference code, via the desk, a resident's data is
 * shown or deleted. Both are audited. The sweep deletes data past retention the same way.
 */
async function interestByReference(db: Db, actor: Actor, reference: string, now: Date) {
  const id = await interestIdByReference(db, reference, now);
  if (!id) throw new DomainError('error.reference_unknown', 404);
  const interest = await getInterest(db, id);
  if (!interest) throw new NotFoundError();
  // The desk of the resident's location (or the whole region), not every desk of the region.
  require(deskMaySee(actor, interest));
  return interest;
}

export async function showResidentData(db: Db, actor: Actor, reference: string, now: Date) {
  const interest = await interestByReference(db, actor, reference, now);
  const person = await getPerson(db, interest.id, now);
  if (!person) throw new DomainError('error.reference_unknown', 404);
  const attempt = await tryTransact(db, [auditPut(db, { at: now.toISOString(), actor: actorName(actor), action: 'interest.data-shown', subject: { type: 'interest', id: interest.id } })]);
  if (!attempt.ok) throw new Error('audit write failed');
  return { interest, person };
}

export async function deleteResidentData(db: Db, actor: Actor, reference: string, now: Date): Promise<Cancellation | undefined> {
  const interest = await interestByReference(db, actor, reference, now);
  const cancellation = interest.seat === 'confirmed' || interest.seat === 'waiting' ? await cancelSeat(db, interest.id, now, actorName(actor)) : undefined;
  await deletePerson(db, interest.id, actorName(actor), 'interest.data-deleted', now);
  return cancellation;
}

/**
 * Deletes the person behind an interest and its reference code, and marks the facts, in one
 * transaction. The facts stay for the region report, without anything that could point back to
 * the resident: their pseudonymous keys (a keyed hash of the contact details) go from the
 * interest and from its outcome facts, so the report then counts that interest as a resident of
 * its own. docs/privacy.md lists what stays.
 */
export async function deletePerson(db: Db, interestId: string, actor: string, action: string, now: Date) {
  await retrying(async () => {
    const interest = await getInterest(db, interestId);
    if (!interest || interest.personDeletedAt) return { done: true, value: undefined };
    // Read the person even past expiry: its reference code must go too.
    const person = await getPerson(db, interestId, new Date(0));
    const at = now.toISOString();
    const next = Interest.parse({ ...interest, residentKeys: [], personDeletedAt: at, version: interest.version + 1, updatedAt: at });
    const facts = await queryAll(db, { partition: keys.interest(interestId).pk, beginsWith: OUTCOME_FACT_PREFIX }, OutcomeFact);
    const attempt = await tryTransact(db, [
      { Put: { TableName: db.tableName, Item: interestItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': interest.version } } },
      ...facts.filter((f) => f.residentKeys.length > 0).map((f) => ({ Put: { TableName: db.tableName, Item: outcomeFactItem({ ...f, residentKeys: [] }) } })),
      { Delete: { TableName: db.tableName, Key: keys.person(interestId) } },
      ...(person ? [{ Delete: { TableName: db.tableName, Key: keys.reference(person.reference) } }] : []),
      auditPut(db, { at, actor: actor as 'system', action, subject: { type: 'interest', id: interestId } }),
    ]);
    return attempt.ok ? { done: true, value: undefined } : { done: false, backoff: true };
  });
}

/**
 * A resident lost the reference code: the desk finds their interests in a region by the phone
 * number or e-mail address they gave (after checking who is asking, in person). Every match is
 * audited as `interest.found-by-contact`, like a view. The contact itself is not recorded.
 */
export async function findByContact(db: Db, actor: Actor, regionId: string, contact: string, now: Date): Promise<{ interest: Interest; person: Person }[]> {
  require(isDeskOf(actor, regionId));
  const wanted = contact.trim();
  if (wanted === '') throw new ValidationError([{ field: 'contact', key: 'error.required' }]);
  const byEmail = wanted.includes('@');
  const matches = (p: Person) => (byEmail ? p.email?.toLowerCase() === wanted.toLowerCase() : !!p.phone && normalisePhone(p.phone) === normalisePhone(wanted));
  const people = (await livingPeopleOfRegion(db, regionId, now)).filter(matches);
  const found: { interest: Interest; person: Person }[] = [];
  for (const person of people) {
    const interest = await getInterest(db, person.interestId);
    if (interest && deskMaySee(actor, interest)) found.push({ interest, person });
  }
  const at = now.toISOString();
  for (let i = 0; i < found.length; i += 100) {
    await transact(db, found.slice(i, i + 100).map((f) => auditPut(db, { at, actor: actorName(actor), action: 'interest.found-by-contact', subject: { type: 'interest', id: f.interest.id } })));
  }
  return found;
}

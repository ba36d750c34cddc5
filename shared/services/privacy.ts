import { Interest } from '../domain/interest.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { DomainError, NotFoundError } from '../errors.js';
import { auditPut } from '../repositories/audit.js';
import { getInterest, getPerson, interestIdByReference, interestItem } from '../repositories/interests.js';
import { actorName, deskMaySee, require, type Actor } from './actor.js';
import { cancelSeat, type Cancellation } from './interests.js';
import { retrying, tryTransact } from '../repositories/transact.js';

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
 * transaction. The facts stay for the region report: they hold no personal data.
 */
export async function deletePerson(db: Db, interestId: string, actor: string, action: string, now: Date) {
  await retrying(async () => {
    const interest = await getInterest(db, interestId);
    if (!interest || interest.personDeletedAt) return { done: true, value: undefined };
    // Read the person even past expiry: its reference code must go too.
    const person = await getPerson(db, interestId, new Date(0));
    const at = now.toISOString();
    const next = Interest.parse({ ...interest, personDeletedAt: at, version: interest.version + 1, updatedAt: at });
    const attempt = await tryTransact(db, [
      { Put: { TableName: db.tableName, Item: interestItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': interest.version } } },
      { Delete: { TableName: db.tableName, Key: keys.person(interestId) } },
      ...(person ? [{ Delete: { TableName: db.tableName, Key: keys.reference(person.reference) } }] : []),
      auditPut(db, { at, actor: actor as 'system', action, subject: { type: 'interest', id: interestId } }),
    ]);
    return attempt.ok ? { done: true, value: undefined } : { done: false, backoff: true };
  });
}

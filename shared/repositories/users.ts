import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Membership, User } from '../domain/user.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { queryAll } from '../db/query.js';

export async function putUser(db: Db, user: User) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.user(user.email), type: 'user', ...user } }));
}

export async function getUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(email.trim().toLowerCase()) }));
  return out.Item ? User.parse(out.Item) : undefined;
}

export function membershipItem(m: Membership) {
  const index =
    m.role === 'employer'
      ? { gsi1pk: keys.organisationMembers(m.organisationId), gsi1sk: m.email }
      : m.role === 'desk'
        ? { gsi1pk: keys.regionDesk(m.regionId), gsi1sk: m.email }
        : m.role === 'manager'
          ? { gsi1pk: keys.regionManagers(m.regionId), gsi1sk: m.email }
          : m.role === 'translator'
            ? { gsi1pk: keys.regionTranslators(m.regionId), gsi1sk: m.email }
          : {};
  return { ...keys.membership(m), ...index, type: 'membership', ...m };
}

export async function putMembership(db: Db, m: Membership) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: membershipItem(m) }));
}

export async function membershipsOfUser(db: Db, email: string): Promise<Membership[]> {
  return queryAll(db, { partition: keys.userPartition(email), beginsWith: 'MEMBERSHIP#' }, Membership);
}

export async function membershipsOfOrganisation(db: Db, organisationId: string): Promise<Membership[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.organisationMembers(organisationId) }, Membership);
}

export async function deskStaffOfRegion(db: Db, regionId: string): Promise<Membership[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.regionDesk(regionId) }, Membership);
}

export async function managersOfRegion(db: Db, regionId: string): Promise<Membership[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.regionManagers(regionId) }, Membership);
}

export async function translatorsOfRegion(db: Db, regionId: string): Promise<Membership[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.regionTranslators(regionId) }, Membership);
}

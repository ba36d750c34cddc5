import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Organisation } from '../domain/organisation.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { getAll, queryAll } from '../db/query.js';

export function organisationItem(o: Organisation) {
  return { ...keys.organisation(o.id), gsi1pk: keys.organisationsIndex(), gsi1sk: `${o.name.toLowerCase()}#${o.id}`, type: 'organisation', ...o };
}

export async function putOrganisation(db: Db, o: Organisation) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: organisationItem(o) }));
}

export async function getOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.organisation(id) }));
  return out.Item ? Organisation.parse(out.Item) : undefined;
}

/** The organisations with these ids that exist, by BatchGetItem (a site render reads only those its pages name). */
export async function getOrganisations(db: Db, ids: string[]): Promise<Organisation[]> {
  return getAll(db, [...new Set(ids)].map((id) => keys.organisation(id)), Organisation);
}

/** All organisations by name: employers and partners together (a few hundred per deployment). */
export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return queryAll(db, { index: 'gsi1', partition: keys.organisationsIndex() }, Organisation);
}

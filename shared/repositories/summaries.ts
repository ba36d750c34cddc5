import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { queryAll } from '../db/query.js';
import { Summary } from '../domain/summary.js';

export function summaryItem(s: Summary) {
  return { ...keys.summary(s.listingId, s.language), type: 'summary', ...s };
}

export async function putSummary(db: Db, s: Summary) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: summaryItem(s) }));
}

/** A listing's summaries in every language (at most nine): one Query in the listing's partition. */
export async function summariesOfListing(db: Db, listingId: string, o: { consistent?: boolean } = {}): Promise<Summary[]> {
  return queryAll(db, { partition: keys.listing(listingId).pk, beginsWith: keys.summaryPrefix(), consistent: o.consistent }, Summary);
}

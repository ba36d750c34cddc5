import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';

/** How many listings wait in a region's moderation queue (the sparse gsi4), counted by DynamoDB. */
export async function countPendingInRegion(db: Db, regionId: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.regionPending(regionId) },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }),
    );
    count += out.Count ?? 0;
    start = out.LastEvaluatedKey;
  } while (start);
  return count;
}

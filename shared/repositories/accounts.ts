import type { Db } from '../db/client.js';
import type { TransactItem } from './transact.js';

/**
 * A partial update of an item that must exist: defined fields are set, `undefined` ones
 * removed. Used where two people may change different fields of the same item (an employer its
 * profile, an admin its trust), so that neither overwrites the other.
 */
export function updateFields(db: Db, key: { pk: string; sk: string }, fields: Record<string, unknown>): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  Object.entries(fields).forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    if (value === undefined) remove.push(`#f${i}`);
    else {
      values[`:v${i}`] = value;
      set.push(`#f${i} = :v${i}`);
    }
  });
  const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
  return {
    Update: {
      TableName: db.tableName,
      Key: key,
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: names,
      ...(set.length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

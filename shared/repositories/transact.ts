import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { ConflictError } from '../errors.js';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/**
 * Writes items together with their audit events in one transaction: the change and its record
 * are stored together or not at all. A failed condition is a ConflictError (HTTP 409).
 */
export async function transact(db: Db, items: TransactItem[]) {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    if (e instanceof TransactionCanceledException && e.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
      throw new ConflictError();
    }
    throw e;
  }
}

export const put = (db: Db, item: Record<string, unknown>, condition?: string): TransactItem => ({
  Put: { TableName: db.tableName, Item: item, ...(condition ? { ConditionExpression: condition } : {}) },
});

export const del = (db: Db, key: { pk: string; sk: string }): TransactItem => ({
  Delete: { TableName: db.tableName, Key: key },
});

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { ConflictError, DomainError } from '../errors.js';

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

/** The outcome of one transaction attempt: done, or which item's condition failed. */
export type Attempt = { ok: true } | { ok: false; failedAt: number[]; conflict: boolean };

export async function tryTransact(db: Db, items: TransactItem[]): Promise<Attempt> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (e) {
    if (!(e instanceof TransactionCanceledException)) throw e;
    const reasons = e.CancellationReasons ?? [];
    return {
      ok: false,
      failedAt: reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])),
      conflict: reasons.some((r) => r.Code === 'TransactionConflict'),
    };
  }
}

/**
 * Runs `step` until it reports done. Under contention (many residents taking the last seats
 * at once) DynamoDB cancels transactions that touch the same item; each try waits a little
 * longer, with jitter, so the crowd spreads out.
 */
export async function retrying<T>(step: (attempt: number) => Promise<{ done: true; value: T } | { done: false; backoff: boolean }>): Promise<T> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const r = await step(attempt);
    if (r.done) return r.value;
    if (r.backoff) await new Promise((ok) => setTimeout(ok, Math.random() * Math.min(1000, 20 * 2 ** Math.min(attempt, 6))));
  }
  throw new DomainError('error.too_many_requests', 503);
}

import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import type { Db } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { TABLE, type IndexName } from './table.js';

export interface Page<T> {
  items: T[];
  /** Opaque, signed; absent on the last page. */
  cursor?: string;
}

export interface PageQuery {
  /** Absent: the table's own key. */
  index?: IndexName;
  partition: string;
  /** Sort key condition. */
  beginsWith?: string;
  /** Sort key at or after `from`, at or before `to` (either or both). */
  from?: string;
  to?: string;
  /** Keep only items whose attributes equal these values (a FilterExpression: read cost stays). */
  where?: Record<string, string | number | boolean>;
  /** Keep only items whose attribute contains this text (a FilterExpression: read cost stays). */
  containing?: { attribute: string; text: string };
  newestFirst?: boolean;
  /** A strongly consistent read (the table's own key only). */
  consistent?: boolean;
  limit?: number;
  cursor?: string;
}

function keyNames(index?: IndexName) {
  if (!index) return { pk: TABLE.partitionKey, sk: TABLE.sortKey };
  const i = TABLE.indexes.find((x) => x.name === index)!;
  return { pk: i.partitionKey, sk: i.sortKey };
}

function input(db: Db, q: PageQuery): QueryCommandInput {
  const { pk, sk } = keyNames(q.index);
  let condition = '#pk = :pk';
  const values: Record<string, unknown> = { ':pk': q.partition };
  if (q.beginsWith !== undefined) {
    condition += ' AND begins_with(#sk, :sk)';
    values[':sk'] = q.beginsWith;
  } else if (q.from !== undefined && q.to !== undefined) {
    condition += ' AND #sk BETWEEN :sk AND :to';
    values[':sk'] = q.from;
    values[':to'] = q.to;
  } else if (q.from !== undefined) {
    condition += ' AND #sk >= :sk';
    values[':sk'] = q.from;
  } else if (q.to !== undefined) {
    condition += ' AND #sk <= :to';
    values[':to'] = q.to;
  }
  const names: Record<string, string> = { '#pk': pk, ...(condition.includes('#sk') ? { '#sk': sk } : {}) };
  const filters = Object.entries(q.where ?? {}).map(([attribute, value], i) => {
    names[`#w${i}`] = attribute;
    values[`:w${i}`] = value;
    return `#w${i} = :w${i}`;
  });
  if (q.containing) {
    names['#c'] = q.containing.attribute;
    values[':c'] = q.containing.text;
    filters.push('contains(#c, :c)');
  }
  return {
    TableName: db.tableName,
    IndexName: q.index,
    KeyConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    FilterExpression: filters.length > 0 ? filters.join(' AND ') : undefined,
    ScanIndexForward: !q.newestFirst,
    ...(q.consistent ? { ConsistentRead: true } : {}),
  };
}

/** The scope a cursor is bound to: the same index and partition, nothing else. */
const scopeOf = (q: PageQuery) => JSON.stringify([q.index ?? 'table', q.partition, q.beginsWith, q.from, q.to, q.where, q.containing]);

/** One page of a Query, every item parsed with `schema`. */
export async function queryPage<S extends z.ZodType>(db: Db, q: PageQuery, schema: S): Promise<Page<z.infer<S>>> {
  const scope = scopeOf(q);
  const out = await db.doc.send(
    new QueryCommand({
      ...input(db, q),
      Limit: q.limit ?? 20,
      ExclusiveStartKey: q.cursor ? decodeCursor(q.cursor, scope, db.cursorSecret) : undefined,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => schema.parse(item)),
    cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey, scope, db.cursorSecret) : undefined,
  };
}

/** Every item of a Query, following DynamoDB's pages (for small partitions and for rendering). */
export async function queryAll<S extends z.ZodType>(db: Db, q: Omit<PageQuery, 'cursor' | 'limit'>, schema: S): Promise<z.infer<S>[]> {
  const items: z.infer<S>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.doc.send(new QueryCommand({ ...input(db, q), ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) items.push(schema.parse(item));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Items by key, 100 a BatchGetItem (its limit), keys the table did not process asked again
 * with a growing pause; what is not there is left out. `consistent`: strongly consistent reads.
 */
export async function getAll<S extends z.ZodType>(db: Db, itemKeys: { pk: string; sk: string }[], schema: S, consistent = false): Promise<z.infer<S>[]> {
  const out: z.infer<S>[] = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead?: boolean }> | undefined = {
      [db.tableName]: { Keys: itemKeys.slice(i, i + 100), ConsistentRead: consistent },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const page = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of page.Responses?.[db.tableName] ?? []) out.push(schema.parse(item));
      request = page.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

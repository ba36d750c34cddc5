import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What repositories need: a document client, the table's name, and the key that signs cursors. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
  cursorSecret: string;
}

export interface DbOptions {
  tableName: string;
  cursorSecret: string;
  region?: string;
  /** DynamoDB Local's URL; absent on AWS. */
  endpoint?: string;
}

export function createDb(o: DbOptions): Db {
  const client = new DynamoDBClient({
    region: o.region ?? 'eu-west-1',
    ...(o.endpoint ? { endpoint: o.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: o.tableName, cursorSecret: o.cursorSecret };
}

/**
 * Records the name of every command the client sends (tests use it to prove that no
 * repository call scans, and bench uses it to count calls per request).
 */
export function recordCommands(db: Db): string[] {
  const names: string[] = [];
  db.doc.middlewareStack.add(
    (next, context) => (args) => {
      names.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'opwegRecordCommands' },
  );
  return names;
}

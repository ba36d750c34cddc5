import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** What repositories need: a document client, the table's name, and the key that signs cursors. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
  cursorSecret: string;
  /** How long audit events live (their TTL `expiresAt`): AUDIT_RETENTION_DAYS, or its default. */
  auditRetentionDays?: number;
}

export interface DbOptions {
  tableName: string;
  cursorSecret: string;
  auditRetentionDays?: number;
  region?: string;
  /** DynamoDB Local's URL; absent on AWS. */
  endpoint?: string;
}

/**
 * A request gives up (TimeoutError; the SDK then tries again, up to its maxAttempts) after this
 * long without a byte from DynamoDB once its connection is up: a database that hangs (paused,
 * packets dropped) rather than refusing. The SDK's socketTimeout, an inactivity timeout, so
 * neither waiting for a free socket nor a slow connect counts; not its requestTimeout (the whole
 * request, queueing included) and no connectionTimeout: those cut short a burst (see the git log).
 * Generous: 200 simultaneous sign-ups on DynamoDB Local on 2 busy cores waited up to 12 s for a
 * first byte. Replaces the SDK's default of 5 minutes. Pages do not wait for this: the portal
 * answers 503 "try again" after PORTAL_TIMEOUT_SECONDS (web/portal/index.tsx).
 */
export const DB_SOCKET_TIMEOUT_MS = 30_000;

export function createDb(o: DbOptions): Db {
  const client = new DynamoDBClient({
    region: o.region ?? 'eu-west-1',
    requestHandler: { socketTimeout: DB_SOCKET_TIMEOUT_MS },
    ...(o.endpoint ? { endpoint: o.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName: o.tableName, cursorSecret: o.cursorSecret, auditRetentionDays: o.auditRetentionDays };
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

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ulid } from 'ulid';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb, recordCommands, type Db } from '../shared/db/client.js';

/** A fresh table on the run's DynamoDB Local, so test files can run in parallel. */
export async function createTestDb(): Promise<Db & { endpoint: string; commands: string[] }> {
  const endpoint = inject('dynamodbEndpoint');
  const tableName = `test-${ulid()}`;
  await ensureTable(new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }), tableName);
  const db = createDb({ tableName, endpoint, cursorSecret: 'test-cursor-secret-0123456789' });
  return { ...db, endpoint, commands: recordCommands(db) };
}

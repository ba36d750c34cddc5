import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { loadConfig, type Config } from '../shared/config/index.js';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb, type Db } from '../shared/db/client.js';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';

/** Where `npm start` keeps its data; git-ignored. */
export const DATA_DIR = '.data';
const PORT_FILE = `${DATA_DIR}/dynamodb.port`;

export interface LocalStack {
  config: Config;
  db: Db;
  client: DynamoDBClient;
  /** Set when this process started Java itself (and must stop it). */
  local?: DynamoDbLocal;
}

async function answers(endpoint: string) {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Connects to the DynamoDB Local that `npm start` runs, or starts one on `.data/` if none runs
 * (so `npm run seed` works either way), and makes sure the table exists.
 */
export async function openLocalStack(o: { startIfMissing: boolean }): Promise<LocalStack> {
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  let local: DynamoDbLocal | undefined;
  if (!endpoint && existsSync(PORT_FILE)) {
    const running = `http://127.0.0.1:${readFileSync(PORT_FILE, 'utf8').trim()}`;
    if (await answers(running)) endpoint = running;
  }
  if (!endpoint) {
    if (!o.startIfMissing) throw new Error('DynamoDB Local is not running.');
    local = await startDynamoDbLocal({ dbPath: `${DATA_DIR}/dynamodb` });
    endpoint = local.endpoint;
    writeFileSync(PORT_FILE, String(local.port));
  }
  const config = loadConfig({ ...process.env, DYNAMODB_ENDPOINT: endpoint });
  const client = new DynamoDBClient({ endpoint, region: config.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, config.TABLE_NAME);
  const db = createDb({ tableName: config.TABLE_NAME, endpoint, cursorSecret: config.CURSOR_SECRET, region: config.AWS_REGION, auditRetentionDays: config.AUDIT_RETENTION_DAYS });
  return { config, db, client, local };
}

export async function closeLocalStack(s: LocalStack) {
  s.client.destroy();
  s.db.doc.destroy();
  if (s.local) {
    await s.local.stop();
    rmSync(PORT_FILE, { force: true });
  }
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../shared/config/index.js';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb } from '../shared/db/client.js';
import { SCHEDULED_KINDS } from '../shared/domain/listing.js';
import { allPublishedInRegion } from '../shared/repositories/listings.js';
import { seedDemo } from './demo/seed.js';

/**
 * What the benches measure the resident site on: the demo data (scripts/demo/seed.ts, dated
 * now) in a fresh table `tableName` of the DynamoDB Local at `endpoint`, with the configuration
 * for it (`env` adds to it: an origin, LOCAL_DEV), and a job and a company visit of region Zuid
 * whose pages the benches load. `close()` lets go of the connections; the table stays.
 */
export async function seedDemoTable(endpoint: string, tableName: string, env: Record<string, string> = {}) {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, ...env });
  const db = createDb({ tableName, endpoint, cursorSecret: config.CURSOR_SECRET });
  const close = () => {
    client.destroy();
    db.doc.destroy();
  };
  try {
    await ensureTable(client, tableName);
    await seedDemo(db, new Date());
    const listings = await allPublishedInRegion(db, 'zuid');
    const job = listings.find((l) => l.kind === 'job')!;
    const visit = listings.find((l) => SCHEDULED_KINDS.includes(l.kind))!;
    return { db, config, job, visit, close };
  } catch (error) {
    close();
    throw error;
  }
}

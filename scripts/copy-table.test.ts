import { readFileSync } from 'node:fs';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../shared/db/client.js';
import { getDirectory } from '../shared/repositories/directory.js';
import { allPublishedInRegion } from '../shared/repositories/listings.js';
import { OpwegStack } from '../infra/stack.js';
import { readStage } from '../infra/stage.js';
import { createTestDb } from '../test/db.js';
import { copyTable } from './copy-table.js';
import { seedDemo } from './demo/seed.js';

const clients: DynamoDBClient[] = [];
afterAll(() => clients.forEach((c) => c.destroy()));

describe('the restore rehearsal on DynamoDB Local (docs/deploy.md, "Restore")', () => {
  it('exports a table into a new one with stream and TTL, the app reads the same data from it, and the stack switches to it by context', async () => {
    const db = await createTestDb();
    await seedDemo(db, new Date('2026-11-26T09:00:00Z'));
    const client = new DynamoDBClient({ endpoint: db.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    clients.push(client);
    const to = `${db.tableName}-restored`;

    const copied = await copyTable(client, db.tableName, to);
    expect(copied.items).toBeGreaterThan(50);
    const table = (await client.send(new DescribeTableCommand({ TableName: to }))).Table!;
    expect(table.ItemCount ?? copied.items).toBe(copied.items);
    expect(table.StreamSpecification?.StreamEnabled).toBe(true);
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: to }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');

    // The product's reads (keys and indexes) find the same things in the new table.
    const restored = createDb({ tableName: to, endpoint: db.endpoint, cursorSecret: db.cursorSecret });
    expect(await getDirectory(restored)).toEqual(await getDirectory(db));
    expect((await allPublishedInRegion(restored, 'zuid')).map((l) => l.id)).toEqual((await allPublishedInRegion(db, 'zuid')).map((l) => l.id));
    restored.doc.destroy();

    // Switch by context: the stage's `table` names the new table and its stream.
    const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context;
    context.stages.dev = { ...context.stages.dev, table: { name: to, streamArn: copied.streamArn } };
    const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    const template = Template.fromStack(new OpwegStack(app, 'Restored', { stage: readStage(app) }));
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: copied.streamArn });
    // Seeding the demo and synthesizing the stack take a while on a busy machine; nothing here is timed.
  }, 180_000);
});

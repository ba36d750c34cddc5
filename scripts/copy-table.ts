import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../shared/db/bootstrap.js';

/**
 * Copies every item of one table into another, made from the project's table definition
 * (shared/db/table.ts: keys, indexes, stream, TTL) when missing. The restore rehearsal of
 * docs/deploy.md ("Restore"): export → new table → switch the stack to it by context. On AWS a
 * point-in-time restore or an AWS Backup restore makes the new table instead; this copy is how
 * the steps are practised on DynamoDB Local, and how a table is moved between endpoints.
 * Items are written as they are (TTL attributes included), 25 a call, retrying what DynamoDB
 * returns unprocessed. Returns how many items were copied and the new table's stream ARN.
 */
export async function copyTable(client: DynamoDBClient, from: string, to: string): Promise<{ items: number; streamArn: string | undefined }> {
  await ensureTable(client, to);
  const doc = DynamoDBDocumentClient.from(client);
  let items = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start, ConsistentRead: true }));
    const rows = page.Items ?? [];
    for (let i = 0; i < rows.length; i += 25) {
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = { [to]: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
      for (let attempt = 0; request && (request[to]?.length ?? 0) > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
        const out = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = out.UnprocessedItems as typeof request;
      }
    }
    items += rows.length;
    start = page.LastEvaluatedKey;
  } while (start);
  const streamArn = (await client.send(new DescribeTableCommand({ TableName: to }))).Table?.LatestStreamArn;
  return { items, streamArn };
}

/** `npx tsx scripts/copy-table.ts FROM TO` (DYNAMODB_ENDPOINT for DynamoDB Local; else AWS_REGION and credentials). */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) {
    console.error('usage: npx tsx scripts/copy-table.ts FROM-TABLE TO-TABLE');
    process.exit(2);
  }
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const client = new DynamoDBClient(endpoint ? { endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
  const result = await copyTable(client, from, to);
  console.log(`${result.items} items copied from ${from} to ${to}; its stream: ${result.streamArn}`);
  console.log(`Switch the stage to it in cdk.json: "table": { "name": "${to}", "streamArn": "${result.streamArn}" } (docs/deploy.md, "Restore").`);
  client.destroy();
}

import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../shared/db/bootstrap.js';
import { closeLocalStack, openLocalStack } from './local-env.js';
import { isSeeded, seedDemo } from './demo/seed.js';

/** `npm run seed` fills an empty local table with demo data; `-- --reset` starts over. */
const reset = process.argv.includes('--reset');
const stack = await openLocalStack({ startIfMissing: true });
try {
  if (reset) {
    await stack.client.send(new DeleteTableCommand({ TableName: stack.config.TABLE_NAME }));
    await ensureTable(stack.client, stack.config.TABLE_NAME);
    console.log(`Table ${stack.config.TABLE_NAME} emptied.`);
  }
  if (await isSeeded(stack.db)) {
    console.log('The table already holds data; nothing seeded. Use `npm run seed -- --reset` to start over.');
  } else {
    await seedDemo(stack.db, new Date(), (s) => console.log(`Seeded ${s}`));
  }
} finally {
  await closeLocalStack(stack);
}

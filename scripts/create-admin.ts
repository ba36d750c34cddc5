import { pathToFileURL } from 'node:url';
import { ulid } from 'ulid';
import { loadConfig } from '../shared/config/index.js';
import { createDb, type Db } from '../shared/db/client.js';
import { Membership, User } from '../shared/domain/user.js';
import { getUserByEmail, putMembership, putUser } from '../shared/repositories/users.js';
import { closeLocalStack, openLocalStack } from './local-env.js';

/** Makes `email` an admin, creating the user if needed. Running it twice changes nothing. */
export async function createAdmin(db: Db, email: string, name: string, now = new Date()): Promise<User> {
  const existing = await getUserByEmail(db, email);
  const user = existing ?? User.parse({ id: ulid(), email: email.trim(), name, createdAt: now.toISOString() });
  if (!existing) await putUser(db, user);
  await putMembership(db, Membership.parse({ role: 'admin', email: user.email }));
  return user;
}

/**
 * `npm run create-admin -- admin@org.nl "Name"`: the first admin, who then adds regions, desk
 * staff and employers in the portal. Where it writes:
 *   DYNAMODB_ENDPOINT set  → that DynamoDB Local (table TABLE_NAME, default "opweg");
 *   TABLE_NAME set         → the table on AWS (credentials and AWS_REGION as for the AWS CLI);
 *   neither                → the local table of `npm start` (DynamoDB Local started if needed).
 */
async function main() {
  const [email, name] = process.argv.slice(2);
  if (!email || !name) {
    console.error('Usage: npm run create-admin -- admin@org.nl "Full Name"');
    process.exit(2);
  }
  const onAws = !process.env.DYNAMODB_ENDPOINT && !!process.env.TABLE_NAME;
  if (onAws) {
    const config = loadConfig();
    const db = createDb({ tableName: config.TABLE_NAME, region: config.AWS_REGION, cursorSecret: config.CURSOR_SECRET });
    console.log(`Writing to table ${config.TABLE_NAME} on AWS (${config.AWS_REGION}).`);
    const user = await createAdmin(db, email, name);
    console.log(`${user.email} is an admin. Sign in at the site's /portal with this address.`);
    db.doc.destroy();
  } else {
    const stack = await openLocalStack({ startIfMissing: true });
    try {
      console.log(`Writing to table ${stack.config.TABLE_NAME} on DynamoDB Local.`);
      const user = await createAdmin(stack.db, email, name);
      console.log(`${user.email} is an admin.`);
    } finally {
      await closeLocalStack(stack);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

import { pathToFileURL } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../shared/config/index.js';
import { createDb, type Db } from '../shared/db/client.js';
import { Interest, type Exit, type RecordedBy, type Stage } from '../shared/domain/interest.js';
import { isLegacyInterest, upgradeInterest } from '../shared/domain/interest-legacy.js';
import { interestItem, outcomeFactItem } from '../shared/repositories/interests.js';
import { tryTransact } from '../shared/repositories/transact.js';
import { membershipsOfUser } from '../shared/repositories/users.js';
import { outcomeFacts } from '../shared/services/introductions.js';
import { closeLocalStack, openLocalStack } from './local-env.js';

/**
 * One-off: rewrites interest items written before the outcome ladder (docs/data-model.md, "Older
 * interest items") the way reads already see them (shared/domain/interest-legacy.ts): old
 * statuses on the ladder, `stages` and `exit` from the history, free-text stop reasons as the
 * code `other`, no staff e-mail on an outcome (the recorder's role when the e-mail still belongs
 * to a desk, employer or admin of that interest; else nothing). It also writes the outcome facts
 * the region report counts, one per stage reached and exit. Each item changes in one
 * transaction, on condition that nobody changed it since it was read (else it is left for the
 * next run). A dry run (the default) only reports. Running it again finds nothing to do.
 */

export interface MigrationChange {
  id: string;
  from: string;
  to: string;
  /** Staff e-mail addresses taken off outcomes. */
  emailsDropped: number;
  /** Free-text stop reasons that became the code `other`. */
  reasonsCoded: number;
  facts: number;
}

export interface MigrationResult {
  scanned: number;
  changes: MigrationChange[];
  /** Items changed by someone else during the run: left for the next run. */
  skipped: string[];
  applied: boolean;
}

/** The role an old recorder's e-mail had for this interest, from the memberships that remain. */
async function roleFinder(db: Db) {
  const cache = new Map<string, Awaited<ReturnType<typeof membershipsOfUser>>>();
  return async (emails: string[]) => {
    for (const e of emails) if (!cache.has(e)) cache.set(e, await membershipsOfUser(db, e));
    return (email: string, i: { organisationId?: unknown; regionId?: unknown }): RecordedBy | undefined => {
      const ms = cache.get(email) ?? [];
      if (ms.some((m) => m.role === 'desk' && m.regionId === i.regionId)) return 'desk';
      if (ms.some((m) => m.role === 'employer' && m.organisationId === i.organisationId)) return 'employer';
      if (ms.some((m) => m.role === 'admin')) return 'admin';
      return undefined;
    };
  };
}

export async function migrateInterests(db: Db, o: { apply: boolean }): Promise<MigrationResult> {
  const result: MigrationResult = { scanned: 0, changes: [], skipped: [], applied: o.apply };
  const roles = await roleFinder(db);
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.tableName, FilterExpression: '#type = :interest', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':interest': 'interest' }, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    for (const raw of page.Items ?? []) {
      result.scanned++;
      if (!isLegacyInterest(raw)) continue;
      const outcomes = (Array.isArray(raw.outcomes) ? raw.outcomes : []) as Record<string, unknown>[];
      const emails = outcomes.flatMap((x) => (typeof x.by === 'string' && x.by.includes('@') ? [x.by] : []));
      const roleOf = await roles(emails);
      const upgraded = Interest.parse(upgradeInterest(raw, (email) => roleOf(email, raw)));
      const next = Interest.parse({ ...upgraded, version: upgraded.version + 1 });
      const reached = [...(Object.keys(next.stages) as Stage[]), ...(next.exit ? [next.exit.status as Exit] : [])];
      const facts = outcomeFacts(next, reached);
      result.changes.push({
        id: next.id,
        from: String(raw.status),
        to: next.status,
        emailsDropped: emails.length,
        reasonsCoded: next.outcomes.filter((x, k) => x.reason === 'other' && outcomes[k]?.reason !== 'other').length,
        facts: facts.length,
      });
      if (!o.apply) continue;
      const attempt = await tryTransact(db, [
        { Put: { TableName: db.tableName, Item: interestItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': raw.version } } },
        ...facts.map((f) => ({ Put: { TableName: db.tableName, Item: outcomeFactItem(f) } })),
      ]);
      if (!attempt.ok) {
        result.changes.pop();
        result.skipped.push(next.id);
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return result;
}

/**
 * `npx tsx scripts/migrate-interests.ts [--apply]`: a dry run unless `--apply`. Where it reads
 * and writes, as `create-admin`: DYNAMODB_ENDPOINT → that DynamoDB Local; TABLE_NAME alone → the
 * table on AWS; neither → the local table of `npm start`.
 */
async function main() {
  const apply = process.argv.includes('--apply');
  const onAws = !process.env.DYNAMODB_ENDPOINT && !!process.env.TABLE_NAME;
  const report = (r: MigrationResult) => {
    for (const c of r.changes) console.log(`${c.id}: ${c.from} → ${c.to}; e-mails dropped ${c.emailsDropped}; reasons coded "other" ${c.reasonsCoded}; outcome facts ${c.facts}`);
    console.log(`${r.scanned} interests read; ${r.changes.length} ${r.applied ? 'rewritten' : 'to rewrite (dry run: nothing written; run again with --apply)'}${r.skipped.length ? `; ${r.skipped.length} changed meanwhile, left for the next run: ${r.skipped.join(', ')}` : ''}.`);
  };
  if (onAws) {
    const config = loadConfig();
    const db = createDb({ tableName: config.TABLE_NAME, region: config.AWS_REGION, cursorSecret: config.CURSOR_SECRET });
    console.log(`Table ${config.TABLE_NAME} on AWS (${config.AWS_REGION}).`);
    report(await migrateInterests(db, { apply }));
    db.doc.destroy();
  } else {
    const stack = await openLocalStack({ startIfMissing: true });
    try {
      console.log(`Table ${stack.config.TABLE_NAME} on DynamoDB Local.`);
      report(await migrateInterests(stack.db, { apply }));
    } finally {
      await closeLocalStack(stack);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

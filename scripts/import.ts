import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { t, type Params } from '../shared/i18n/index.js';
import { Outbox } from '../shared/adapters/mail-outbox.js';
import { membershipsOfUser } from '../shared/repositories/users.js';
import { SYSTEM, type Actor } from '../shared/services/actor.js';
import { importListings } from '../shared/services/import.js';
import { systemClock } from '../shared/services/listings.js';
import { DomainError, ValidationError } from '../shared/errors.js';
import { closeLocalStack, openLocalStack } from './local-env.js';

/**
 * `npm run import -- FILE.csv [--as desk-zuid@example.org] [--draft] [--lang en]`: imports
 * listings into the local table, one per row, like the desk's upload form, and prints a line per
 * row: imported, or refused and why. Without --as it acts as the system (every region).
 * Exits with 1 when a row was refused.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { as: { type: 'string' }, draft: { type: 'boolean', default: false }, lang: { type: 'string', default: 'nl' } },
});
const file = positionals[0];
if (!file) {
  console.error('Usage: npm run import -- FILE.csv [--as EMAIL] [--draft] [--lang nl|en]');
  process.exit(2);
}
const lang = values.lang === 'en' ? 'en' : 'nl';
const csv = readFileSync(file, 'utf8');
const stack = await openLocalStack({ startIfMissing: true });
let refused = 0;
try {
  const actor: Actor = values.as ? { kind: 'person', email: values.as.toLowerCase(), memberships: await membershipsOfUser(stack.db, values.as.toLowerCase()) } : SYSTEM;
  const ctx = { db: stack.db, mail: new Outbox(), clock: systemClock, config: stack.config };
  const report = await importListings(ctx, actor, csv, { publish: !values.draft });
  for (const row of report) {
    if (row.errors.length === 0) {
      console.log(`line ${row.line}: ${row.status} ${row.listingId} ${row.title ?? ''}`);
    } else {
      refused++;
      const reasons = row.errors.map((e) => `${e.field}: ${t(lang, e.key, e.params as Params)}`).join('; ');
      console.log(`line ${row.line}: refused ${row.title ?? ''} — ${reasons}`);
    }
  }
  console.log(`${report.length - refused} imported, ${refused} refused.`);
} catch (e) {
  if (e instanceof ValidationError) {
    console.error(e.fields.map((f) => `${f.field}: ${t(lang, f.key, f.params as Params)}`).join('\n'));
    refused = 1;
  } else if (e instanceof DomainError) {
    console.error(t(lang, e.key, e.params));
    refused = 1;
  } else {
    throw e;
  }
} finally {
  await closeLocalStack(stack);
}
process.exit(refused > 0 ? 1 : 0);

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { minimumWageOn } from '../shared/config/minimum-wage.js';
import { t } from '../shared/i18n/index.js';
import { listingsOfOrganisation } from '../shared/repositories/listings.js';
import { putMembership } from '../shared/repositories/users.js';
import { createTestDb } from '../test/db.js';
import { seedDirectory, seedOrganisation } from '../test/fixtures.js';

const run = promisify(execFile);
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
});

describe('npm run import', () => {
  it('imports rows as the given desk, prints a line per row with the reasons of refused ones, and exits 1', async () => {
    const org = await seedOrganisation(db, { name: 'Kwekerij Import', kvk: '87654321' });
    const file = join(mkdtempSync(join(tmpdir(), 'opweg-import-')), 'listings.csv');
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    writeFileSync(
      file,
      [
        'organisation,locationId,kind,title,description,openTo,dutchLevel,wagePerHour,closingDate,workplace.city',
        `87654321,venlo,job,Tomaten oogsten,Oogsten in de kas,permit-holders,A1,16.00,${future},Venlo`,
        `87654321,venlo,job,Te weinig,Oogsten in de kas,permit-holders,A1,8.00,${future},Venlo`,
        `87654321,assen,job,Andere regio,Oogsten in de kas,permit-holders,A1,16.00,${future},Assen`,
      ].join('\n'),
    );
    const env = { ...process.env, DYNAMODB_ENDPOINT: db.endpoint, TABLE_NAME: db.tableName, CURSOR_SECRET: db.cursorSecret };
    const outcome = await run('npx', ['tsx', 'scripts/import.ts', file, '--as', 'desk-zuid@example.org', '--lang', 'en'], { env }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(outcome.code).toBe(1);
    const lines = outcome.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^line 2: published [0-9A-Z]{26} Tomaten oogsten$/);
    const rate = minimumWageOn(new Date().toISOString().slice(0, 10))!;
    expect(lines[1]).toBe(`line 3: refused Te weinig — wagePerHour: ${t('en', 'error.wage_below_minimum', { minimum: rate.euros, date: rate.from })}`);
    expect(lines[2]).toBe('line 4: refused Andere regio — locationId: You are not allowed to do this.');
    expect(lines[3]).toBe('1 imported, 2 refused.');
    expect((await listingsOfOrganisation(db, org.id)).items.map((l) => [l.title, l.status])).toEqual([['Tomaten oogsten', 'published']]);
  });
});

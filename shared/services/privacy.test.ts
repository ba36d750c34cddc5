// eslint-disable-next-line no-restricted-imports -- the erasure test reads every item, to prove nothing is left that points back
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_RETENTION_DAYS_DEFAULT } from '../config/index.js';
import type { Db } from '../db/client.js';
import { TABLE } from '../db/table.js';
import { auditPut } from '../repositories/audit.js';
import { getInterest } from '../repositories/interests.js';
import { transact } from '../repositories/transact.js';
import { expressInterest } from './interests.js';
import { introduce, recordOutcome } from './introductions.js';
import { changeStatus, createListing } from './listings.js';
import { deleteResidentData, showResidentData } from './privacy.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy, NOW } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let orgId = '';
const desk = deskOf('zuid');
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  orgId = (await seedOrganisation(db)).id;
});

async function everyItem(d: Db): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await d.doc.send(new ScanCommand({ TableName: d.tableName, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

describe('erasure', () => {
  it('deleting a resident leaves nothing in the table that points back to them', async () => {
    const l = await createListing(db, desk, vacancy(orgId), clock);
    await changeStatus(db, desk, l.id, 1, 'submit', { clock });
    const job = await changeStatus(db, desk, l.id, 2, 'approve', { clock });
    const { interest, reference } = await expressInterest(
      db,
      { listingId: job.id, locationId: 'venlo', name: 'Yohannes Gebre', phone: '+31 6 9876 5432', email: 'yohannes.gebre@example.org', age: '18-plus', eligibility: 'asylum-6-months', dutchLevel: 'A1', languages: ['ti'], message: 'Ik werkte als kok in Asmara.', consent: true, keepLonger: true },
      NOW,
      retention,
    );
    const introduced = await introduce(db, desk, interest.id, 1, 'Yohannes kookt graag, bel hem na drie uur.', NOW);
    await recordOutcome(db, desk, interest.id, introduced.version, { status: 'interview', on: '2026-11-23' }, NOW);
    const keys = (await getInterest(db, interest.id))!.residentKeys;
    expect(keys.length).toBe(2);
    await showResidentData(db, desk, reference, NOW);

    await deleteResidentData(db, desk, reference, NOW);

    const traces = ['Yohannes', 'Gebre', '9876', 'yohannes.gebre', 'Asmara', 'drie uur', reference, ...keys];
    const found = (await everyItem(db)).flatMap((item) => traces.filter((trace) => JSON.stringify(item).includes(trace)).map((trace) => `${String(item.pk)} ${String(item.sk)}: ${trace}`));
    expect(found).toEqual([]);
    // The facts a report counts stay, marked.
    expect(await getInterest(db, interest.id)).toMatchObject({ status: 'interview', personDeletedAt: NOW.toISOString(), residentKeys: [] });
  });
});

describe('the audit log', () => {
  it('expires after its retention period (TTL on expiresAt), configurable per deployment', async () => {
    expect(TABLE.ttlAttribute).toBe('expiresAt');
    const at = '2026-11-23T10:00:00.000Z';
    const event = { at, actor: 'system' as const, action: 'test.retention', subject: { type: 'listing' as const, id: 'X' } };
    const seconds = (days: number) => Date.parse(at) / 1000 + days * 86_400;
    expect(auditPut(db, event).Put.Item.expiresAt).toBe(seconds(AUDIT_RETENTION_DAYS_DEFAULT));
    const shorter = { ...db, auditRetentionDays: 90 };
    await transact(shorter, [auditPut(shorter, event)]);
    const stored = (await everyItem(db)).filter((i) => i.type === 'audit' && i.action === 'test.retention');
    expect(stored.map((i) => i.expiresAt)).toEqual([seconds(90)]);
    // Every audit event written by the use cases carries an expiry.
    expect((await everyItem(db)).filter((i) => i.type === 'audit' && typeof i.expiresAt !== 'number')).toEqual([]);
  });
});

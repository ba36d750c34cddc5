import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../shared/db/client.js';
import { keys } from '../shared/db/keys.js';
import { Interest } from '../shared/domain/interest.js';
import { getInterest, interestsOfListingAll, outcomesOfRegionBetween } from '../shared/repositories/interests.js';
import { createTestDb } from '../test/db.js';
import { deskOf, NOW, seedDirectory, seedOrganisation } from '../test/fixtures.js';
import { deskInbox } from '../shared/services/introductions.js';
import { seedPeople } from '../web/portal/testing.js';
import { migrateInterests } from './migrate-interests.js';

let db: Db;
let organisationId = '';
const listingId = ulid();

/** An interest item as the versions before the outcome ladder wrote it: no stages, e-mails in `by`, free-text reasons. */
async function putLegacy(o: { status: string; introducedAt?: string; outcomes: Record<string, string>[] }) {
  const id = ulid();
  const createdAt = '2026-10-01T08:00:00.000Z';
  const item = {
    ...keys.interest(id), type: 'interest',
    gsi1pk: keys.regionInterests('zuid'), gsi1sk: `${createdAt}#${id}`, gsi2pk: keys.listingInterests(listingId), gsi2sk: `${createdAt}#${id}`,
    id, listingId, organisationId, regionId: 'zuid', locationId: 'venlo', kind: 'job', status: o.status,
    ...(o.introducedAt ? { introducedAt: o.introducedAt } : {}),
    outcomes: o.outcomes, createdAt, updatedAt: createdAt, version: 3,
  };
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item }));
  return id;
}
const raw = async (id: string) => (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.interest(id) }))).Item!;

let stopped = '';
let school = '';
let current = '';

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  organisationId = (await seedOrganisation(db)).id;
  await seedPeople(db, [
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'employer', email: 'werkgever@example.org', organisationId },
  ]);
  stopped = await putLegacy({
    status: 'stopped',
    introducedAt: '2026-10-02T22:30:00.000Z', // 3 October in the Netherlands
    outcomes: [
      { status: 'interview', on: '2026-10-06', by: 'desk-zuid@example.org', at: '2026-10-06T12:00:00.000Z' },
      { status: 'waiting-permit', on: '2026-10-09', reason: 'TWV aangevraagd', by: 'werkgever@example.org', at: '2026-10-09T12:00:00.000Z' },
      { status: 'stopped', on: '2026-10-20', reason: 'Verhuist naar familie in Zwolle', by: 'vertrokken@example.org', at: '2026-10-20T12:00:00.000Z' },
    ],
  });
  school = await putLegacy({
    status: 'school',
    introducedAt: '2026-10-05T09:00:00.000Z',
    outcomes: [{ status: 'school', on: '2026-10-12', reason: 'Begint met een mbo-opleiding', by: 'desk-zuid@example.org', at: '2026-10-12T12:00:00.000Z' }],
  });
  current = await putLegacy({ status: 'new', outcomes: [] });
  // An item of today: it has its stages; nothing to migrate.
  const today = Interest.parse({ ...(await raw(current)), stages: {}, permit: 'unknown' });
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...(await raw(current)), ...today } }));
});

describe('interest items written before the outcome ladder', () => {
  it('read as the ladder before any migration: old statuses mapped, stages from the history, no e-mail, coded reasons', async () => {
    const read = (await getInterest(db, stopped))!;
    expect(read).toMatchObject({
      status: 'stopped',
      stages: { introduced: '2026-10-03', interview: '2026-10-06', matched: '2026-10-09', 'twv-applied': '2026-10-09' },
      exit: { status: 'stopped', on: '2026-10-20', reason: 'other' },
    });
    expect(read.outcomes.map((o) => [o.status, o.reason, o.by])).toEqual([['interview', undefined, undefined], ['twv-applied', undefined, undefined], ['stopped', 'other', undefined]]);
    expect(JSON.stringify(read)).not.toMatch(/@|Zwolle|TWV aangevraagd/);
    expect((await getInterest(db, school))!).toMatchObject({ status: 'stopped', exit: { status: 'stopped', on: '2026-10-12', reason: 'education' } });
    // The listing's reactions (the employer's dashboard) and the desk's inbox read them too.
    expect(await interestsOfListingAll(db, listingId)).toHaveLength(3);
    const inbox = await deskInbox(db, deskOf('zuid'), 'zuid', {}, NOW);
    expect(inbox.items.map((i) => i.interest.status).sort()).toEqual(['new', 'stopped', 'stopped']);
  });

  it('the migration: a dry run by default writes nothing; --apply rewrites them with roles and outcome facts; a second run finds nothing', async () => {
    const dry = await migrateInterests(db, { apply: false });
    expect(dry.applied).toBe(false);
    expect(dry.changes.map((c) => c.id).sort()).toEqual([stopped, school].sort());
    expect(dry.changes.find((c) => c.id === stopped)).toMatchObject({ from: 'stopped', to: 'stopped', emailsDropped: 3, reasonsCoded: 1, facts: 5 });
    expect(await raw(stopped)).not.toHaveProperty('stages');
    expect(await outcomesOfRegionBetween(db, 'zuid', '2026-10-01', '2026-10-31')).toEqual([]);

    const applied = await migrateInterests(db, { apply: true });
    expect(applied.changes).toHaveLength(2);
    expect(applied.skipped).toEqual([]);
    const item = await raw(stopped);
    // Strict: the item parses as written today, without the tolerant reading.
    const strict = Interest.parse(item);
    expect(strict).toMatchObject({ status: 'stopped', version: 4, exit: { status: 'stopped', on: '2026-10-20', reason: 'other' } });
    // The e-mails are gone; the recorder's role stays where the address still belongs to the desk or the employer.
    expect(JSON.stringify(item)).not.toMatch(/@|Zwolle|TWV aangevraagd/);
    expect(strict.outcomes.map((o) => o.by)).toEqual(['desk', 'employer', undefined]);
    expect(Interest.parse(await raw(school))).toMatchObject({ status: 'stopped', exit: { reason: 'education' } });
    // The report's facts: one per stage reached and exit, on its day.
    const facts = await outcomesOfRegionBetween(db, 'zuid', '2026-10-01', '2026-10-31');
    expect(facts.filter((f) => f.interestId === stopped).map((f) => `${f.status} ${f.on}`).sort()).toEqual(['interview 2026-10-06', 'introduced 2026-10-03', 'matched 2026-10-09', 'stopped 2026-10-20', 'twv-applied 2026-10-09']);
    expect(facts.filter((f) => f.interestId === school).map((f) => `${f.status} ${f.on} ${f.reason ?? ''}`).sort()).toEqual(['introduced 2026-10-05 ', 'stopped 2026-10-12 education']);

    const again = await migrateInterests(db, { apply: true });
    expect(again.changes).toEqual([]);
    expect(again.scanned).toBe(3);
    expect(Interest.parse(await raw(stopped)).version).toBe(4);
  });

  it('leaves an item someone changed meanwhile for the next run (it writes on condition of the version it read)', async () => {
    const id = await putLegacy({ status: 'interview', introducedAt: '2026-10-02T10:00:00.000Z', outcomes: [{ status: 'interview', on: '2026-10-06', by: 'desk-zuid@example.org', at: '2026-10-06T12:00:00.000Z' }] });
    const slow: Db = {
      ...db,
      doc: new Proxy(db.doc, {
        get(target, prop, receiver) {
          if (prop !== 'send') return Reflect.get(target, prop, receiver);
          return async (command: { constructor: { name: string } }) => {
            // Someone records a step between the migration's read and its write.
            if (command.constructor.name === 'TransactWriteCommand') await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...(await raw(id)), version: 4 } }));
            return target.send(command as never);
          };
        },
      }),
    };
    const result = await migrateInterests(slow, { apply: true });
    expect(result.skipped).toEqual([id]);
    expect(await raw(id)).not.toHaveProperty('stages');
    expect((await migrateInterests(db, { apply: true })).changes.map((c) => c.id)).toEqual([id]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { BadCursorError } from '../errors.js';
import { getDirectory, getLocation, getRegion } from './directory.js';
import { getListing, getListings, listingsOfOrganisation, publishedInRegion } from './listings.js';
import { getOrganisation, listOrganisations } from './organisations.js';
import { deskStaffOfRegion, getUserByEmail, membershipsOfOrganisation, membershipsOfUser, putMembership, putUser } from './users.js';
import { changeStatus, createListing } from '../services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, NON_PROFIT, seedDirectory, seedOrganisation, vacancy, NOW } from '../../test/fixtures.js';
import type { Listing } from '../domain/listing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const published: Listing[] = [];
let orgId = '';

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  // A non-profit with a volunteer declaration: it may post jobs and volunteering.
  const org = await seedOrganisation(db, { ...NON_PROFIT, name: 'Kwekerij De Zon' });
  orgId = org.id;
  const desk = deskOf('zuid');
  for (let i = 0; i < 25; i++) {
    const kind = i % 5 === 0 ? 'volunteering' : 'job';
    const input = vacancy(org.id, { title: `Vacature ${i}`, kind, ...(kind === 'volunteering' ? { openTo: 'everyone', wagePerHour: undefined } : {}) });
    const l = await createListing(db, desk, input, { now: () => new Date(NOW.getTime() + i * 1000) });
    await changeStatus(db, desk, l.id, 1, 'submit', { clock: { now: () => new Date(NOW.getTime() + i * 1000) } });
    published.push(await changeStatus(db, desk, l.id, 2, 'approve', { clock: { now: () => new Date(NOW.getTime() + i * 1000) } }));
  }
  await createListing(db, desk, vacancy(org.id, { title: 'Concept' }), clock);
});

describe('access patterns', () => {
  it('reads regions and locations from the directory, and each by id', async () => {
    const d = await getDirectory(db);
    expect(d.regions.map((r) => r.id)).toEqual(['noord', 'zuid']);
    expect(d.locations.map((l) => l.id)).toEqual(['assen', 'venlo']);
    expect(await getRegion(db, 'zuid')).toEqual({ id: 'zuid', name: 'Zuid' });
    expect((await getLocation(db, 'venlo'))?.regionId).toBe('zuid');
    expect(await getLocation(db, 'nowhere')).toBeUndefined();
  });

  it('pages through a region\'s published listings newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await publishedInRegion(db, 'zuid', { limit: 10, cursor });
      seen.push(...page.items.map((l) => l.id));
      cursor = page.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([...published].reverse().map((l) => l.id));
  });

  it('pages through one kind only', async () => {
    const first = await publishedInRegion(db, 'zuid', { kind: 'volunteering', limit: 3 });
    const second = await publishedInRegion(db, 'zuid', { kind: 'volunteering', limit: 3, cursor: first.cursor });
    const ids = [...first.items, ...second.items].map((l) => l.id);
    expect(ids).toEqual(published.filter((l) => l.kind === 'volunteering').reverse().map((l) => l.id));
  });

  it('refuses a tampered cursor, and a cursor taken to another query', async () => {
    const { cursor } = await publishedInRegion(db, 'zuid', { limit: 5 });
    const [body, mac] = cursor!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), gsi1sk: '9999' })).toString('base64url');
    await expect(publishedInRegion(db, 'zuid', { cursor: `${forged}.${mac}` })).rejects.toBeInstanceOf(BadCursorError);
    await expect(publishedInRegion(db, 'zuid', { cursor: `${body}.${mac}x` })).rejects.toBeInstanceOf(BadCursorError);
    await expect(publishedInRegion(db, 'zuid', { cursor: 'garbage' })).rejects.toMatchObject({ status: 400 });
    await expect(publishedInRegion(db, 'noord', { cursor })).rejects.toBeInstanceOf(BadCursorError);
  });

  it('reads an organisation\'s listings in every status, and listings by id one or many', async () => {
    const all = await listingsOfOrganisation(db, orgId, { limit: 100 });
    expect(all.items).toHaveLength(26);
    expect(all.items.map((l) => l.status)).toContain('draft');
    expect((await getListing(db, published[3]!.id))?.title).toBe('Vacature 3');
    const many = await getListings(db, [published[5]!.id, 'missing', published[1]!.id]);
    expect(many.map((l) => l.title)).toEqual(['Vacature 5', 'Vacature 1']);
    expect((await getOrganisation(db, orgId))?.name).toBe('Kwekerij De Zon');
    expect((await listOrganisations(db)).map((o) => o.id)).toContain(orgId);
  });

  it('finds a user by e-mail and memberships by user, by organisation and by region', async () => {
    await putUser(db, { id: ulid(), email: 'werkgever@example.org', name: 'Wendy Werkgever', createdAt: NOW.toISOString() });
    await putMembership(db, { role: 'employer', email: 'werkgever@example.org', organisationId: orgId });
    await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: ['venlo'] });
    expect((await getUserByEmail(db, ' Werkgever@Example.org '))?.name).toBe('Wendy Werkgever');
    expect(await getUserByEmail(db, 'nobody@example.org')).toBeUndefined();
    expect(await membershipsOfUser(db, 'werkgever@example.org')).toEqual([{ role: 'employer', email: 'werkgever@example.org', organisationId: orgId }]);
    expect((await membershipsOfOrganisation(db, orgId)).map((m) => m.email)).toEqual(['werkgever@example.org']);
    expect(await deskStaffOfRegion(db, 'zuid')).toEqual([{ role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: ['venlo'] }]);
  });

  it('never scans: every call so far was a Get, BatchGet, Query, Put or transaction', () => {
    expect(db.commands.length).toBeGreaterThan(50);
    expect(db.commands).not.toContain('ScanCommand');
    expect(new Set(db.commands)).toEqual(new Set(['PutItemCommand', 'GetItemCommand', 'QueryCommand', 'TransactWriteItemsCommand', 'BatchGetItemCommand']));
  });
});

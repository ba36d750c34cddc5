import { beforeAll, describe, expect, it } from 'vitest';
import { getUserByEmail, membershipsOfUser } from '../shared/repositories/users.js';
import { createTestDb } from '../test/db.js';
import { createAdmin } from './create-admin.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  db = await createTestDb();
});

describe('create-admin', () => {
  it('creates the user with an admin membership, and a second run changes nothing', async () => {
    const first = await createAdmin(db, ' Beheer@Example.org ', 'Anna de Vries', new Date('2026-11-23T10:00:00Z'));
    expect(first).toMatchObject({ email: 'beheer@example.org', name: 'Anna de Vries' });
    const again = await createAdmin(db, 'beheer@example.org', 'Another Name');
    expect(again).toEqual(first);
    expect(await getUserByEmail(db, 'beheer@example.org')).toEqual(first);
    expect(await membershipsOfUser(db, 'beheer@example.org')).toEqual([{ role: 'admin', email: 'beheer@example.org' }]);
  });

  it('refuses an address that is not one', async () => {
    await expect(createAdmin(db, 'not-an-address', 'X')).rejects.toThrow();
  });
});

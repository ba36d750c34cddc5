import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../adapters/mail-outbox.js';
import { auditHistory } from '../repositories/audit.js';
import { getDirectory } from '../repositories/directory.js';
import { getOrganisation } from '../repositories/organisations.js';
import { membershipsOfUser } from '../repositories/users.js';
import { inviteColleague, membersOfOrganisation, openInvitationsOf, updateOrganisationProfile } from './accounts.js';
import { addDeskMember, deskStaff, removeDeskMember, saveLocation, saveRegion, setTrusted } from './admin.js';
import type { ServiceContext } from './context.js';
import { createPartner, partnersOfRegion, removePartner, updatePartner } from './partners.js';
import { createTestDb } from '../../test/db.js';
import { admin, deskOf, employerOf, seedDirectory, seedOrganisation, serviceContext } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const outbox = new Outbox();
let ctx: ServiceContext;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  ctx = serviceContext(db, outbox);
});

describe('regions, locations and desk staff', () => {
  it('saves a region and a location with an audit event; refuses a location in an unknown region', async () => {
    await saveRegion(ctx, admin, { id: 'west', name: 'West' });
    await saveLocation(ctx, admin, { id: 'den-helder', regionId: 'west', name: 'Den Helder', municipality: 'Den Helder', province: 'Noord-Holland', place: '1781 AB Den Helder' });
    const d = await getDirectory(db);
    expect(d.regions.map((r) => r.id)).toContain('west');
    // Placed at the centre of the town the admin named, through the same lookup as a listing's workplace.
    expect(d.locations.find((l) => l.id === 'den-helder')).toMatchObject({ regionId: 'west', place: 'Den Helder', lat: expect.closeTo(52.95, 1), lon: expect.closeTo(4.76, 1) });
    expect((await auditHistory(db, 'location', 'den-helder'))[0]).toMatchObject({ action: 'location.saved', actor: 'admin@example.org' });
    // `privacy` is a desk page's own address (/portal/desk/privacy): never a region's id.
    await expect(saveRegion(ctx, admin, { id: 'privacy', name: 'Privacy' })).rejects.toMatchObject({ fields: [{ field: 'id', key: 'error.reserved_id' }] });
    await expect(saveLocation(ctx, admin, { id: 'x', regionId: 'nowhere', name: 'X', municipality: 'X', province: 'X', place: 'Venlo' })).rejects.toMatchObject({ fields: [{ field: 'regionId', key: 'error.invalid_choice' }] });
    // Every field's error at once; a new location needs a place; nothing is stored.
    await expect(saveLocation(ctx, admin, { id: 'X Y', regionId: 'nowhere', name: 'X', municipality: 'X', province: 'X', place: 'Atlantis' })).rejects.toMatchObject({
      fields: [{ field: 'id' }, { field: 'regionId', key: 'error.invalid_choice' }, { field: 'place', key: 'portal.place.unknown', params: { typed: 'Atlantis' } }],
    });
    await expect(saveLocation(ctx, admin, { id: 'x', regionId: 'west', name: 'X', municipality: 'X', province: 'X' })).rejects.toMatchObject({ fields: [{ field: 'place', key: 'error.required' }] });
    expect((await getDirectory(db)).locations.map((l) => l.id)).not.toContain('x');
  });

  it('gives a desk for a region or some of its locations, and takes it away', async () => {
    await addDeskMember(ctx, admin, { name: 'Dirk', email: 'Dirk@Example.org', regionId: 'zuid', locationIds: ['venlo'] });
    expect(await membershipsOfUser(db, 'dirk@example.org')).toEqual([{ role: 'desk', email: 'dirk@example.org', regionId: 'zuid', locationIds: ['venlo'] }]);
    await expect(addDeskMember(ctx, admin, { name: 'Dirk', email: 'dirk@example.org', regionId: 'zuid', locationIds: ['assen'] })).rejects.toMatchObject({ fields: [{ field: 'locationIds', key: 'error.invalid_choice' }] });
    expect((await deskStaff(db, admin)).find((r) => r.regionId === 'zuid')?.staff.map((m) => m.email)).toContain('dirk@example.org');
    await removeDeskMember(ctx, admin, 'dirk@example.org', 'zuid');
    expect(await membershipsOfUser(db, 'dirk@example.org')).toEqual([]);
    expect((await auditHistory(db, 'user', 'dirk@example.org')).map((e) => e.action)).toEqual(['desk.member-added', 'desk.member-removed']);
  });

  it('marks an employer trusted without touching a profile change made meanwhile', async () => {
    const org = await seedOrganisation(db, { name: 'Oud' });
    await Promise.all([
      setTrusted(ctx, admin, org.id, true),
      updateOrganisationProfile(ctx, employerOf(org.id), org.id, { name: 'Nieuw', sector: 'Bouw', regionIds: ['zuid'] }),
    ]);
    expect(await getOrganisation(db, org.id)).toMatchObject({ name: 'Nieuw', sector: 'Bouw', trusted: true });
  });
});

describe('employer accounts', () => {
  it('invites a colleague: an open invitation and a sign-in link by mail; nobody is a member before saying yes', async () => {
    const org = await seedOrganisation(db, { name: 'Bakkerij' });
    expect(await inviteColleague(ctx, employerOf(org.id), org.id, { name: 'Carla', email: 'carla@example.org' }, 'en')).toBe('sent');
    expect(await inviteColleague(ctx, employerOf(org.id), org.id, { name: 'Carla', email: 'carla@example.org' }, 'en')).toBe('sent');
    expect(await membersOfOrganisation(db, admin, org.id)).toEqual([]);
    expect((await openInvitationsOf(ctx, admin, org.id)).map((i) => i.email)).toEqual(['carla@example.org']);
    const mail = outbox.latestTo('carla@example.org')!;
    expect(mail.subject).toBe('You are invited to Bakkerij on OpWeg');
    expect(mail.text).toContain('https://opweg.example.org/portal/login/confirm?token=');
  });
});

describe('partner network', () => {
  it('keeps a shared partner for the other region when one region removes it; deletes it when none is left', async () => {
    const p = await createPartner(ctx, deskOf('zuid'), 'zuid', { kind: 'employer-service-point', name: 'WSP Noord-Limburg', website: 'https://wsp.example.org' });
    expect(p.regionIds).toEqual(['zuid']);
    await updatePartner(ctx, deskOf('zuid'), 'zuid', p.id, { kind: 'employer-service-point', name: 'WSP Noord-Limburg', offers: 'Werkgeversdienstverlening' });
    expect((await partnersOfRegion(db, deskOf('zuid'), 'zuid')).find((x) => x.id === p.id)?.offers).toBe('Werkgeversdienstverlening');
    await expect(updatePartner(ctx, deskOf('zuid'), 'zuid', p.id, { kind: 'employer', name: 'X' })).rejects.toMatchObject({ fields: [{ field: 'kind', key: 'error.invalid_choice' }] });

    const shared = await seedOrganisation(db, { name: 'UWV', kind: 'uwv', regionIds: ['zuid', 'noord'] });
    await removePartner(ctx, deskOf('zuid'), 'zuid', shared.id);
    expect((await getOrganisation(db, shared.id))?.regionIds).toEqual(['noord']);
    await expect(removePartner(ctx, deskOf('zuid'), 'zuid', shared.id)).rejects.toMatchObject({ status: 404 });
    await removePartner(ctx, deskOf('noord'), 'noord', shared.id);
    expect(await getOrganisation(db, shared.id)).toBeUndefined();
    expect((await auditHistory(db, 'organisation', shared.id)).map((e) => e.action)).toEqual(['partner.removed', 'partner.removed']);
  });
});

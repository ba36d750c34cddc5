import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { auditHistory } from '../repositories/audit.js';
import { getListing, publishedInCell, publishedInRegion } from '../repositories/listings.js';
import { changeStatus, createListing, setCuration, updateListing } from './listings.js';
import { moderationQueue, nearby, organisationListings, upcomingVisits } from './catalogue.js';
import { getLocation } from '../repositories/directory.js';
import { createTestDb } from '../../test/db.js';
import { admin, clock, deskOf, employerOf, seedDirectory, seedOrganisation, vacancy, visit, NOW } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
/** Published listings within 40 km of a location, nearest first (every cell read whole: a test table is small). */
const near40 = async (locationId: string) => nearby((await getLocation(db, locationId))!, 40, async (cell) => (await publishedInCell(db, cell, { limit: 1000 })).items);
beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
});

describe('listing life cycle', () => {
  it('goes draft → pending (in the queue only) → published (on every read side) → closed (gone)', async () => {
    const org = await seedOrganisation(db);
    const employer = employerOf(org.id);
    const desk = deskOf('zuid');

    const draft = await createListing(db, employer, vacancy(org.id), clock);
    expect(draft).toMatchObject({ status: 'draft', version: 1 });

    const pending = await changeStatus(db, employer, draft.id, 1, 'submit', { clock });
    expect(pending).toMatchObject({ status: 'pending', version: 2 });
    expect((await moderationQueue(db, desk, 'zuid')).items.map((l) => l.id)).toContain(draft.id);
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).not.toContain(draft.id);

    const published = await changeStatus(db, desk, draft.id, 2, 'approve', { clock });
    expect(published).toMatchObject({ status: 'published', version: 3, publishedAt: NOW.toISOString() });
    expect((await moderationQueue(db, desk, 'zuid')).items.map((l) => l.id)).not.toContain(draft.id);
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).toContain(draft.id);
    expect((await publishedInRegion(db, 'zuid', { kind: 'job' })).items.map((l) => l.id)).toContain(draft.id);
    expect((await publishedInRegion(db, 'zuid', { kind: 'volunteering' })).items.map((l) => l.id)).not.toContain(draft.id);
    const near = await near40('venlo');
    expect(near.find((n) => n.listing.id === draft.id)?.km).toBeCloseTo(2.6, 0);
    expect((await near40('assen')).map((n) => n.listing.id)).not.toContain(draft.id);

    await changeStatus(db, employer, draft.id, 3, 'close', { clock });
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).not.toContain(draft.id);
    expect((await near40('venlo')).map((n) => n.listing.id)).not.toContain(draft.id);
    expect((await organisationListings(db, employer, org.id)).items.map((l) => [l.id, l.status])).toContainEqual([draft.id, 'closed']);

    const history = await auditHistory(db, 'listing', draft.id);
    expect(history.map((e) => e.action)).toEqual(['listing.created', 'listing.submit', 'listing.approve', 'listing.close']);
    expect(history[2]).toMatchObject({ actor: 'desk-zuid@example.org', detail: { from: 'pending', to: 'published' } });
  });

  it('publishes a trusted employer\'s listing on submit, without the queue', async () => {
    const org = await seedOrganisation(db, { trusted: true });
    const l = await createListing(db, employerOf(org.id), vacancy(org.id), clock);
    expect((await changeStatus(db, employerOf(org.id), l.id, 1, 'submit', { clock })).status).toBe('published');
  });

  it('keeps a rejection reason the employer can read, and refuses a rejection without one', async () => {
    const org = await seedOrganisation(db);
    const l = await createListing(db, employerOf(org.id), vacancy(org.id), clock);
    await changeStatus(db, employerOf(org.id), l.id, 1, 'submit', { clock });
    await expect(changeStatus(db, deskOf('zuid'), l.id, 2, 'reject', { clock })).rejects.toBeInstanceOf(ValidationError);
    const rejected = await changeStatus(db, deskOf('zuid'), l.id, 2, 'reject', { reason: 'Vermeld het uurloon bruto.', clock });
    expect((await getListing(db, l.id))).toMatchObject({ status: 'rejected', rejectionReason: 'Vermeld het uurloon bruto.', version: rejected.version });
  });

  it('lets one of two concurrent edits win; the other gets a conflict and nothing of it is stored', async () => {
    const org = await seedOrganisation(db);
    const employer = employerOf(org.id);
    const l = await createListing(db, employer, vacancy(org.id), clock);
    const results = await Promise.allSettled([
      updateListing(db, employer, l.id, 1, vacancy(org.id, { title: 'Edit A' }), clock),
      updateListing(db, deskOf('zuid'), l.id, 1, vacancy(org.id, { title: 'Edit B' }), clock),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ConflictError);
    expect(lost[0]!.reason.status).toBe(409);
    const stored = await getListing(db, l.id);
    expect(stored?.version).toBe(2);
    expect(stored?.title).toBe((won[0] as PromiseFulfilledResult<{ title: string }>).value.title);
    expect((await auditHistory(db, 'listing', l.id)).map((e) => e.action)).toEqual(['listing.created', 'listing.updated']);
  });

  it('answers a nonsense version (0, -1) on an edit or curation with a conflict, not a crash', async () => {
    const org = await seedOrganisation(db);
    const l = await createListing(db, employerOf(org.id), vacancy(org.id), clock);
    await expect(setCuration(db, deskOf('zuid'), l.id, 0, { featured: true }, clock)).rejects.toBeInstanceOf(ConflictError);
    await expect(updateListing(db, employerOf(org.id), l.id, -1, vacancy(org.id), clock)).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a stale version on a status change', async () => {
    const org = await seedOrganisation(db);
    const l = await createListing(db, employerOf(org.id), vacancy(org.id), clock);
    await changeStatus(db, employerOf(org.id), l.id, 1, 'submit', { clock });
    await expect(changeStatus(db, deskOf('zuid'), l.id, 1, 'approve', { clock })).rejects.toBeInstanceOf(ConflictError);
    await expect(changeStatus(db, deskOf('zuid'), l.id, 2, 'submit', { clock })).rejects.toMatchObject({ key: 'error.invalid_transition' });
  });

  it('stores nothing when the input is invalid', async () => {
    const org = await seedOrganisation(db);
    await expect(createListing(db, employerOf(org.id), vacancy(org.id, { wagePerHour: 9 }), clock)).rejects.toBeInstanceOf(ValidationError);
    expect((await organisationListings(db, employerOf(org.id), org.id)).items).toHaveLength(0);
  });

  it('keeps each party to its own scope', async () => {
    const org = await seedOrganisation(db);
    const other = await seedOrganisation(db, { name: 'Ander Bedrijf' });
    await expect(createListing(db, employerOf(other.id), vacancy(org.id), clock)).rejects.toBeInstanceOf(ForbiddenError);
    const l = await createListing(db, employerOf(org.id), vacancy(org.id), clock);
    await changeStatus(db, employerOf(org.id), l.id, 1, 'submit', { clock });
    await expect(changeStatus(db, deskOf('noord'), l.id, 2, 'approve', { clock })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(changeStatus(db, employerOf(org.id), l.id, 2, 'approve', { clock })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moderationQueue(db, deskOf('noord'), 'zuid')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(organisationListings(db, employerOf(other.id), org.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await changeStatus(db, admin, l.id, 2, 'approve', { clock })).status).toBe('published');
  });

  it('lists upcoming visits of a region, soonest first, and hides a listing the desk hides', async () => {
    const org = await seedOrganisation(db);
    const desk = deskOf('zuid');
    const later = await createListing(db, desk, visit(org.id, { startsAt: '2026-12-10T09:00:00+01:00', endsAt: '2026-12-10T11:00:00+01:00' }), clock);
    const sooner = await createListing(db, desk, visit(org.id), clock);
    for (const l of [later, sooner]) {
      await changeStatus(db, desk, l.id, 1, 'submit', { clock });
      await changeStatus(db, desk, l.id, 2, 'approve', { clock });
    }
    const ids = (await upcomingVisits(db, 'zuid', NOW)).items.map((l) => l.id);
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(later.id));
    await setCuration(db, desk, sooner.id, 3, { hidden: true }, clock);
    expect((await upcomingVisits(db, 'zuid', NOW)).items.map((l) => l.id)).not.toContain(sooner.id);
    expect((await upcomingVisits(db, 'zuid', new Date('2026-12-05T00:00:00Z'))).items.map((l) => l.id)).not.toContain(sooner.id);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { auditHistory } from '../repositories/audit.js';
import { getListing, publishedInCell, publishedInRegion } from '../repositories/listings.js';
import { contentOf, proposedVersion } from '../domain/listing.js';
import { SYSTEM } from './actor.js';
import { changedFields, changeStatus, createListing, decideChange, editEffect, setCuration, updateListing, withdrawChange } from './listings.js';
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

describe('changes to a published listing', () => {
  async function published(o: { trusted?: boolean } = {}) {
    const org = await seedOrganisation(db, { trusted: o.trusted ?? false });
    const employer = employerOf(org.id);
    const l = await createListing(db, employer, vacancy(org.id, { title: 'Kok', contactNote: 'Bel de balie' }), clock);
    const submitted = await changeStatus(db, SYSTEM, l.id, 1, 'submit', { clock });
    const live = submitted.status === 'published' ? submitted : await changeStatus(db, SYSTEM, l.id, 2, 'approve', { clock });
    expect(live.status).toBe('published');
    return { org, employer, live };
  }

  it("waits for the desk as a revision: residents' version, indexes and updatedAt stay; the desk's queue has it", async () => {
    const { org, employer, live } = await published();
    const edited = await updateListing(db, employer, live.id, live.version, { ...contentOf(live), title: 'Kok (fulltime)', contactNote: undefined }, clock);
    const stored = (await getListing(db, live.id))!;
    expect(stored).toMatchObject({ status: 'published', title: 'Kok', contactNote: 'Bel de balie', updatedAt: live.updatedAt, version: live.version + 1 });
    expect(stored.revision).toMatchObject({ status: 'pending', submittedBy: 'werkgever@example.org', content: { title: 'Kok (fulltime)' } });
    // A field left empty in the change is gone from it, not kept from before.
    expect(stored.revision?.content.contactNote).toBeUndefined();
    expect(changedFields(stored, proposedVersion(stored))).toEqual(['title', 'contactNote']);
    expect(edited.version).toBe(stored.version);
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).toContain(live.id);
    expect((await moderationQueue(db, deskOf('zuid'), 'zuid')).items.map((l) => l.id)).toContain(live.id);
    expect((await auditHistory(db, 'listing', live.id)).at(-1)).toMatchObject({ action: 'listing.change-submitted', detail: { fields: ['title', 'contactNote'] } });
    expect(await editEffect(db, employer, stored)).toBe('review');
    expect(org.trusted).toBe(false);
  });

  it('goes live when the desk approves: the new text, out of the queue; a stale approval is a conflict', async () => {
    const { employer, live } = await published();
    const waiting = await updateListing(db, employer, live.id, live.version, { ...contentOf(live), title: 'Kok (parttime)' }, clock);
    await expect(decideChange(db, deskOf('zuid'), live.id, live.version, 'approve', { clock })).rejects.toBeInstanceOf(ConflictError);
    await expect(decideChange(db, employer, live.id, waiting.version, 'approve', { clock })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decideChange(db, deskOf('noord'), live.id, waiting.version, 'approve', { clock })).rejects.toBeInstanceOf(ForbiddenError);
    const later = { now: () => new Date(NOW.getTime() + 3_600_000) };
    const approved = await decideChange(db, deskOf('zuid'), live.id, waiting.version, 'approve', { clock: later });
    expect(approved).toMatchObject({ status: 'published', title: 'Kok (parttime)', updatedAt: later.now().toISOString(), publishedAt: live.publishedAt });
    expect(approved.revision).toBeUndefined();
    expect((await moderationQueue(db, deskOf('zuid'), 'zuid')).items.map((l) => l.id)).not.toContain(live.id);
    expect((await publishedInRegion(db, 'zuid')).items.find((l) => l.id === live.id)?.title).toBe('Kok (parttime)');
    // Nothing waits any more: a second approval is refused.
    await expect(decideChange(db, deskOf('zuid'), live.id, approved.version, 'approve', { clock })).rejects.toMatchObject({ key: 'error.invalid_transition' });
  });

  it('sent back or rejected with a reason, the published version stays; the employer edits again or withdraws', async () => {
    const { employer, live } = await published();
    const waiting = await updateListing(db, employer, live.id, live.version, { ...contentOf(live), hoursPerWeek: 40 }, clock);
    await expect(decideChange(db, deskOf('zuid'), live.id, waiting.version, 'requestChanges', { clock })).rejects.toBeInstanceOf(ValidationError);
    const returned = await decideChange(db, deskOf('zuid'), live.id, waiting.version, 'requestChanges', { reason: 'Hoeveel uur precies?', clock });
    expect(returned).toMatchObject({ status: 'published', hoursPerWeek: live.hoursPerWeek, revision: { status: 'changes-requested', reason: 'Hoeveel uur precies?' } });
    expect((await moderationQueue(db, deskOf('zuid'), 'zuid')).items.map((l) => l.id)).not.toContain(live.id);
    const again = await updateListing(db, employer, live.id, returned.version, { ...contentOf(live), hoursPerWeek: 38 }, clock);
    expect(again.revision).toMatchObject({ status: 'pending', content: { hoursPerWeek: 38 } });
    const rejected = await decideChange(db, deskOf('zuid'), live.id, again.version, 'reject', { reason: 'Dit past niet bij de functie.', clock });
    expect(rejected).toMatchObject({ status: 'published', hoursPerWeek: live.hoursPerWeek, revision: { status: 'rejected' } });
    const withdrawn = await withdrawChange(db, employer, live.id, rejected.version, clock);
    expect(withdrawn.revision).toBeUndefined();
    expect(withdrawn).toMatchObject({ status: 'published', hoursPerWeek: live.hoursPerWeek });
    await expect(withdrawChange(db, employer, live.id, withdrawn.version, clock)).rejects.toMatchObject({ key: 'error.invalid_transition' });
  });

  it('edited back to what is live, the waiting change goes; an edit that changes nothing stores nothing', async () => {
    const { employer, live } = await published();
    expect(await updateListing(db, employer, live.id, live.version, contentOf(live), clock)).toEqual(live);
    const waiting = await updateListing(db, employer, live.id, live.version, { ...contentOf(live), title: 'Kok!' }, clock);
    const back = await updateListing(db, employer, live.id, waiting.version, contentOf(live), clock);
    expect(back.revision).toBeUndefined();
    expect((await auditHistory(db, 'listing', live.id)).map((e) => e.action).slice(-2)).toEqual(['listing.change-submitted', 'listing.change-withdrawn']);
  });

  it("goes live at once for a trusted employer and for the desk (whose edit replaces a waiting change)", async () => {
    const trusted = await published({ trusted: true });
    expect(await editEffect(db, trusted.employer, trusted.live)).toBe('live');
    const now = await updateListing(db, trusted.employer, trusted.live.id, trusted.live.version, { ...contentOf(trusted.live), title: 'Kok, meteen' }, clock);
    expect(now).toMatchObject({ title: 'Kok, meteen', status: 'published' });
    expect(now.revision).toBeUndefined();

    const { employer, live } = await published();
    const waiting = await updateListing(db, employer, live.id, live.version, { ...contentOf(live), title: 'Kok, voorstel' }, clock);
    expect(await editEffect(db, deskOf('zuid'), waiting)).toBe('live');
    const desk = await updateListing(db, deskOf('zuid'), live.id, waiting.version, { ...contentOf(live), title: 'Kok, door de balie' }, clock);
    expect(desk).toMatchObject({ title: 'Kok, door de balie', status: 'published' });
    expect(desk.revision).toBeUndefined();
    expect((await moderationQueue(db, deskOf('zuid'), 'zuid')).items.map((l) => l.id)).not.toContain(live.id);
  });

  it('closing stays immediate, with a change waiting; the change goes with it', async () => {
    const { employer, live } = await published();
    const waiting = await updateListing(db, employer, live.id, live.version, { ...contentOf(live), title: 'Kok?' }, clock);
    const closed = await changeStatus(db, employer, live.id, waiting.version, 'close', { clock });
    expect(closed.status).toBe('closed');
    expect(closed.revision).toBeUndefined();
    expect((await moderationQueue(db, deskOf('zuid'), 'zuid')).items.map((l) => l.id)).not.toContain(live.id);
    expect((await publishedInRegion(db, 'zuid')).items.map((l) => l.id)).not.toContain(live.id);
  });
});

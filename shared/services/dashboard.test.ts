import { beforeAll, describe, expect, it } from 'vitest';
import { contentOf } from '../domain/listing.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, employerOf, NOW, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { publishedListing } from '../../web/portal/testing.js';
import { SYSTEM } from './actor.js';
import { employerDashboard } from './dashboard.js';
import { cancelSignUp, expressInterest, withdrawByReference } from './interests.js';
import { introduce } from './introductions.js';
import { changeStatus, createListing, updateListing } from './listings.js';
import { decide } from './moderation.js';
import { Outbox } from '../adapters/mail-outbox.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
const resident = (listingId: string, name: string, email: string) => ({
  listingId, locationId: 'venlo', name, email, age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', languages: ['ar'], consent: true,
});

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
});

describe('the employer dashboard', () => {
  it('counts residents, never naming them: once per person, without withdrawn reactions or cancelled seats; introductions; the next step per status', async () => {
    const org = await seedOrganisation(db, { name: 'Maasland Logistiek' });
    const employer = employerOf(org.id);
    const draft = await createListing(db, employer, vacancy(org.id, { title: 'Concept' }), clock);
    const pendingDraft = await createListing(db, employer, vacancy(org.id, { title: 'Wacht' }), clock);
    const pending = await changeStatus(db, employer, pendingDraft.id, pendingDraft.version, 'submit', { clock });
    const askedDraft = await createListing(db, employer, vacancy(org.id, { title: 'Aanpassen' }), clock);
    const asked = await changeStatus(db, employer, askedDraft.id, askedDraft.version, 'submit', { clock });
    const ctx = { db, mail: new Outbox(), clock, config: { PUBLIC_ORIGIN: 'https://opweg.example.org', SESSION_HOURS: 12 } };
    await decide(ctx, deskOf('zuid'), asked.id, asked.version, 'requestChanges', 'Noem het loon per uur.');

    const job = await publishedListing(db, vacancy(org.id, { title: 'Orderpicker' }));
    // Samira reacts twice (the same e-mail: the same pseudonymous key): one resident.
    const samira = await expressInterest(db, resident(job.id, 'Samira', 'samira@example.org'), NOW, retention);
    await expressInterest(db, resident(job.id, 'Samira H.', 'samira@example.org'), NOW, retention);
    const yonas = await expressInterest(db, resident(job.id, 'Yonas', 'yonas@example.org'), NOW, retention);
    // Amal withdraws with her reference code: no longer counted.
    const amal = await expressInterest(db, resident(job.id, 'Amal', 'amal@example.org'), NOW, retention);
    await withdrawByReference(db, amal.reference, NOW);
    await introduce(db, SYSTEM, samira.interest.id, 1, 'Ervaren in een magazijn', NOW);
    await introduce(db, SYSTEM, yonas.interest.id, 1, 'Spreekt Engels', NOW);

    const quiet = await publishedListing(db, vacancy(org.id, { title: 'Zonder reacties' }));
    const changed = await publishedListing(db, vacancy(org.id, { title: 'Met wijziging' }));
    await updateListing(db, employer, changed.id, changed.version, { ...contentOf(changed), hoursPerWeek: 24 }, clock);

    // A full visit (2 seats): two seated, one waiting, one cancelled.
    const tour = await publishedListing(db, visit(org.id, { seats: 2 }));
    const seated = await expressInterest(db, resident(tour.id, 'Farah', 'farah@example.org'), NOW, retention);
    await expressInterest(db, resident(tour.id, 'Omid', 'omid@example.org'), NOW, retention);
    await expressInterest(db, resident(tour.id, 'Lina', 'lina@example.org'), NOW, retention);
    await expressInterest(db, resident(tour.id, 'Ali', 'ali@example.org'), NOW, retention);
    await cancelSignUp(db, seated.reference, NOW);

    const closedOne = await publishedListing(db, vacancy(org.id, { title: 'Gesloten' }));
    await changeStatus(db, employer, closedOne.id, closedOne.version, 'close', { clock });

    const { rows } = await employerDashboard(db, employer, org.id);
    const row = (id: string) => rows.find((r) => r.listing.id === id)!;
    expect(rows).toHaveLength(8);
    expect(row(job.id)).toMatchObject({ reacted: 2, waiting: 0, introduced: 2, next: { key: 'portal.next.introduced', count: 2 } });
    expect(row(quiet.id)).toMatchObject({ reacted: 0, introduced: 0, next: { key: 'portal.next.closes', date: '2026-12-20' } });
    expect(row(changed.id).next).toEqual({ key: 'portal.next.changeWaits' });
    // Omid and Lina seated (Lina moved up when Farah cancelled), Ali waiting.
    expect(row(tour.id)).toMatchObject({ reacted: 3, waiting: 1, introduced: 0 });
    expect(row(draft.id)).toMatchObject({ reacted: 0, next: { key: 'portal.next.draft' } });
    expect(row(pending.id).next).toEqual({ key: 'portal.next.pending' });
    expect(row(asked.id).next).toEqual({ key: 'portal.next.changesAsked' });
    expect(row(closedOne.id).next).toEqual({ key: 'portal.next.closed' });
    // Numbers only: nothing about who reacted leaves the use case.
    expect(JSON.stringify(rows)).not.toMatch(/Samira|Yonas|samira@/);
  });

  it('is for the organisation\'s own employers and admins only', async () => {
    const org = await seedOrganisation(db);
    const other = await seedOrganisation(db);
    await expect(employerDashboard(db, employerOf(other.id), org.id)).rejects.toThrow();
    await expect(employerDashboard(db, deskOf('zuid'), org.id)).rejects.toThrow();
    expect((await employerDashboard(db, employerOf(org.id), org.id)).rows).toEqual([]);
  });
});

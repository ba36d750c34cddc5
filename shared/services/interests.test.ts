import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '../errors.js';
import { getInterest, getPerson, interestIdByReference, interestsOfRegion, peopleDueForDeletion, seatsTaken, waitingList } from '../repositories/interests.js';
import { cancelSignUp, expressInterest, newReference, retentionEnd } from './interests.js';
import { changeStatus, createListing } from './listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy, visit, NOW } from '../../test/fixtures.js';
import type { ListingInput } from '../domain/listing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let orgId = '';
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };

async function published(input: ListingInput) {
  const desk = deskOf(input.regionId);
  const l = await createListing(db, desk, input, clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  return changeStatus(db, desk, l.id, 2, 'approve', { clock });
}

const resident = (listingId: string, o: Record<string, unknown> = {}) => ({
  listingId,
  locationId: 'venlo',
  name: 'Amanuel T.',
  phone: '+31 6 1234 5678',
  age: '18-plus',
  eligibility: 'asylum-6-months',
  dutchLevel: 'A1',
  languages: ['ti', 'en'],
  consent: true,
  ...o,
});

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  orgId = (await seedOrganisation(db, { sector: 'Glastuinbouw' })).id;
});

describe('I am interested', () => {
  it('stores the facts and the person apart, with a readable reference that finds it again', async () => {
    const l = await published(vacancy(orgId));
    const r = await expressInterest(db, resident(l.id), NOW, retention);
    expect(r.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(r.interest).toMatchObject({ status: 'new', regionId: 'zuid', sector: 'Glastuinbouw' });
    expect(r.interest).not.toHaveProperty('name');
    expect(await interestIdByReference(db, r.reference.toLowerCase().replace('-', ' '), NOW)).toBe(r.interest.id);
    expect((await getPerson(db, r.interest.id, NOW))?.name).toBe('Amanuel T.');
    expect((await interestsOfRegion(db, 'zuid')).items.map((i) => i.id)).toContain(r.interest.id);
    expect((await interestsOfRegion(db, 'noord')).items).toHaveLength(0);
  });

  it('refuses bad input with messages per field and stores nothing', async () => {
    const l = await published(vacancy(orgId));
    const before = (await interestsOfRegion(db, 'zuid', { limit: 100 })).items.length;
    const error = await expressInterest(db, resident(l.id, { name: '', phone: '', consent: false, eligibility: 'citizen' }), NOW, retention).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => [f.field, f.key])).toEqual(
      expect.arrayContaining([['name', 'error.required'], ['consent', 'error.consent_required'], ['eligibility', 'error.invalid_choice']]),
    );
    const noContact = await expressInterest(db, resident(l.id, { phone: undefined }), NOW, retention).catch((e: unknown) => e);
    expect((noContact as ValidationError).fields).toContainEqual({ field: 'phone', key: 'error.contact_required' });
    expect((await interestsOfRegion(db, 'zuid', { limit: 100 })).items).toHaveLength(before);
  });

  it('refuses an interest in a listing that is not published', async () => {
    const draft = await createListing(db, deskOf('zuid'), vacancy(orgId), clock);
    await expect(expressInterest(db, resident(draft.id), NOW, retention)).rejects.toMatchObject({ key: 'error.listing_closed' });
  });

  it('keeps data 4 weeks after closing, or a year with consent', () => {
    const l = { closingDate: '2026-12-20' } as Parameters<typeof retentionEnd>[0];
    expect(new Date(retentionEnd(l, false, NOW, retention) * 1000).toISOString().slice(0, 10)).toBe('2027-01-17');
    expect(new Date(retentionEnd(l, true, NOW, retention) * 1000).toISOString().slice(0, 10)).toBe('2027-11-23');
  });

  it('shortens retention when the listing closes early: 4 weeks from the real close, a year with consent, found by the retention sweep', async () => {
    const l = await published(vacancy(orgId, { closingDate: '2027-03-31' }));
    const plain = await expressInterest(db, resident(l.id), NOW, retention);
    const consenting = await expressInterest(db, resident(l.id, { keepLonger: true }), NOW, retention);
    const day = (s: number | undefined) => s && new Date(s * 1000).toISOString().slice(0, 10);
    expect(day((await getPerson(db, plain.interest.id, NOW))?.expiresAt)).toBe('2027-04-28');

    await changeStatus(db, deskOf('zuid'), l.id, l.version, 'close', { clock, retention });
    // NOW is 2026-11-23: the procedure ended then, so the data goes 4 weeks later.
    expect(day((await getPerson(db, plain.interest.id, NOW))?.expiresAt)).toBe('2026-12-21');
    expect(day((await getPerson(db, consenting.interest.id, NOW))?.expiresAt)).toBe('2027-11-23');
    // The reference code and the retention index follow.
    const after = new Date('2026-12-22T00:00:00Z');
    expect(await interestIdByReference(db, plain.reference, after)).toBeUndefined();
    expect((await peopleDueForDeletion(db, 'zuid', after)).map((d) => d.interestId)).toContain(plain.interest.id);
    expect((await peopleDueForDeletion(db, 'zuid', after)).map((d) => d.interestId)).not.toContain(consenting.interest.id);
  });

  it('makes references that do not repeat', () => {
    const codes = new Set(Array.from({ length: 5000 }, newReference));
    expect(codes.size).toBe(5000);
  });
});

describe('company visit seats', () => {
  it('gives 200 simultaneous sign-ups for 20 seats exactly 20 seats and 180 places on the waiting list', async () => {
    const v = await published(visit(orgId, { seats: 20 }));
    const results = await Promise.all(Array.from({ length: 200 }, (_, n) => expressInterest(db, resident(v.id, { name: `Resident ${n}` }), NOW, retention)));
    const confirmed = results.filter((r) => r.interest.seat === 'confirmed');
    const waiting = results.filter((r) => r.interest.seat === 'waiting');
    expect(confirmed).toHaveLength(20);
    expect(waiting).toHaveLength(180);
    expect(new Set(results.map((r) => r.interest.id)).size).toBe(200);
    expect(new Set(results.map((r) => r.reference)).size).toBe(200);
    expect(await seatsTaken(db, v.id)).toBe(20);
    expect(await waitingList(db, v.id)).toHaveLength(180);
    const stored = await Promise.all(results.map((r) => getInterest(db, r.interest.id)));
    expect(stored.filter((i) => i?.seat === 'confirmed')).toHaveLength(20);
    expect(waiting.map((r) => r.waitingPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 180 }, (_, n) => n + 1));
    // Correctness, not speed: on a busy 2-core machine 200 contending transactions take a while.
  }, 600_000);

  it('tells 50 simultaneous sign-ups for 10 seats unique waiting-list places without gaps, in the order the list keeps', async () => {
    const v = await published(visit(orgId, { seats: 10 }));
    const results = await Promise.all(Array.from({ length: 50 }, (_, n) => expressInterest(db, resident(v.id, { name: `Resident ${n}` }), NOW, retention)));
    const waiting = results.filter((r) => r.interest.seat === 'waiting');
    expect(results.filter((r) => r.interest.seat === 'confirmed')).toHaveLength(10);
    expect(waiting.map((r) => r.waitingPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 40 }, (_, n) => n + 1));
    // The list the desk sees, and moves up from, is in the order residents were told.
    const byPosition = [...waiting].sort((a, b) => a.waitingPosition! - b.waitingPosition!).map((r) => r.interest.id);
    expect((await waitingList(db, v.id)).map((i) => i.id)).toEqual(byPosition);

    // Number 5 cancels, a seat holder cancels (number 1 moves up): a newcomer is number 39.
    await cancelSignUp(db, waiting.find((r) => r.waitingPosition === 5)!.reference, NOW);
    const c = await cancelSignUp(db, results.find((r) => r.interest.seat === 'confirmed')!.reference, NOW);
    expect(c.promoted?.id).toBe(byPosition[0]);
    const late = await expressInterest(db, resident(v.id, { name: 'Late' }), NOW, retention);
    expect(late.waitingPosition).toBe(39);
    expect((await waitingList(db, v.id)).map((i) => i.id)).toEqual([...byPosition.filter((_, n) => n !== 0 && n !== 4), late.interest.id]);
  }, 600_000);

  it('moves the first on the waiting list up when a seat is cancelled, and frees the seat when nobody waits', async () => {
    const v = await published(visit(orgId, { seats: 1 }));
    const first = await expressInterest(db, resident(v.id, { name: 'First' }), NOW, retention);
    const second = await expressInterest(db, resident(v.id, { name: 'Second' }), new Date(NOW.getTime() + 1), retention);
    const third = await expressInterest(db, resident(v.id, { name: 'Third' }), new Date(NOW.getTime() + 2), retention);
    expect([first.interest.seat, second.interest.seat, third.interest.seat]).toEqual(['confirmed', 'waiting', 'waiting']);
    expect([second.waitingPosition, third.waitingPosition]).toEqual([1, 2]);

    const c = await cancelSignUp(db, first.reference, NOW);
    expect(c.promoted?.id).toBe(second.interest.id);
    expect((await getInterest(db, second.interest.id))?.seat).toBe('confirmed');
    expect(await seatsTaken(db, v.id)).toBe(1);

    await cancelSignUp(db, third.reference, NOW);
    await cancelSignUp(db, second.reference, NOW);
    expect(await seatsTaken(db, v.id)).toBe(0);
    // Cancelling twice is harmless.
    expect((await cancelSignUp(db, second.reference, NOW)).promoted).toBeUndefined();
    await expect(cancelSignUp(db, 'ZZZZ-ZZZZ', NOW)).rejects.toBeInstanceOf(DomainError);
  });
});

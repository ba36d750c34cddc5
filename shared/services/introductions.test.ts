import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { auditHistory } from '../repositories/audit.js';
import { getInterest, getPerson, interestIdByReference } from '../repositories/interests.js';
import { getListing } from '../repositories/listings.js';
import { expressInterest } from './interests.js';
import { cancelSeatForDesk, deskInbox, interestForDesk, introduce, introductionsForEmployer, recordOutcome } from './introductions.js';
import { changeStatus, createListing } from './listings.js';
import { deleteResidentData, showResidentData } from './privacy.js';
import { sweep } from './sweep.js';
import { loadConfig } from '../config/index.js';
import { createTestDb } from '../../test/db.js';
import { admin, clock, deskOf, employerOf, seedDirectory, seedOrganisation, vacancy, visit, NOW } from '../../test/fixtures.js';
import { putLocation } from '../repositories/directory.js';
import type { Actor } from './actor.js';
import type { ListingInput } from '../domain/listing.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
const desk = deskOf('zuid');
let orgA = '';
let orgB = '';

async function published(input: ListingInput) {
  const d = deskOf(input.regionId);
  const l = await createListing(db, d, input, clock);
  await changeStatus(db, d, l.id, 1, 'submit', { clock });
  return changeStatus(db, d, l.id, 2, 'approve', { clock });
}
const resident = (listingId: string, name: string, o: Record<string, unknown> = {}) => ({
  listingId, locationId: 'venlo', name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.org`, age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', consent: true, ...o,
});

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  orgA = (await seedOrganisation(db, { name: 'Kwekerij A', sector: 'Glastuinbouw' })).id;
  orgB = (await seedOrganisation(db, { name: 'Bedrijf B', sector: 'Logistiek' })).id;
});

describe('desk inbox and warm introductions', () => {
  it('shows an interest to its region\'s desk only, and to the employer only after an introduction, for that listing only', async () => {
    const job = await published(vacancy(orgA));
    const otherJob = await published(vacancy(orgA, { title: 'Andere vacature' }));
    const { interest } = await expressInterest(db, resident(job.id, 'Samira'), NOW, retention);

    const inbox = await deskInbox(db, desk, 'zuid', {}, NOW);
    expect(inbox.items.find((i) => i.interest.id === interest.id)?.person?.name).toBe('Samira');
    expect((await deskInbox(db, desk, 'zuid', { listingId: job.id }, NOW)).items).toHaveLength(1);
    expect((await deskInbox(db, desk, 'zuid', { status: 'introduced' }, NOW)).items.map((i) => i.interest.id)).not.toContain(interest.id);
    await expect(deskInbox(db, deskOf('noord'), 'zuid', {}, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await deskInbox(db, deskOf('noord'), 'noord', {}, NOW)).items).toHaveLength(0);

    // Before the introduction the employer sees nobody.
    expect(await introductionsForEmployer(db, employerOf(orgA), job.id, NOW)).toEqual([]);

    const introduced = await introduce(db, desk, interest.id, 1, 'Samira heeft ervaring in de kas in Syrië.', NOW);
    expect(introduced.status).toBe('introduced');
    const seen = await introductionsForEmployer(db, employerOf(orgA), job.id, NOW);
    expect(seen.map((s) => [s.person?.name, s.person?.email, s.person?.introductionNote])).toEqual([['Samira', 'samira@example.org', 'Samira heeft ervaring in de kas in Syrië.']]);
    expect(await introductionsForEmployer(db, employerOf(orgA), otherJob.id, NOW)).toEqual([]);
    await expect(introductionsForEmployer(db, employerOf(orgB), job.id, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(recordOutcome(db, employerOf(orgB), interest.id, 2, { status: 'interview', on: '2026-11-25' }, NOW)).rejects.toBeInstanceOf(ForbiddenError);

    const history = (await auditHistory(db, 'interest', interest.id)).map((e) => `${e.actor} ${e.action}`);
    expect(history).toContain('desk-zuid@example.org interest.viewed');
    expect(history).toContain('werkgever@example.org interest.viewed');
  });

  it('records outcomes by employer and desk, with a reason for stopping, and refuses them before an introduction', async () => {
    const job = await published(vacancy(orgA));
    const { interest } = await expressInterest(db, resident(job.id, 'Yonas'), NOW, retention);
    await expect(recordOutcome(db, desk, interest.id, 1, { status: 'interview', on: '2026-11-25' }, NOW)).rejects.toBeInstanceOf(ValidationError);
    await expect(recordOutcome(db, employerOf(orgA), interest.id, 1, { status: 'interview', on: '2026-11-25' }, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await introduce(db, desk, interest.id, 1, 'Goede match.', NOW);
    await recordOutcome(db, employerOf(orgA), interest.id, 2, { status: 'interview', on: '2026-11-23' }, NOW);
    await expect(recordOutcome(db, desk, interest.id, 3, { status: 'stopped', on: '2026-11-23' }, NOW)).rejects.toBeInstanceOf(ValidationError);
    const stopped = await recordOutcome(db, desk, interest.id, 3, { status: 'stopped', on: '2026-11-23', reason: 'other-work' }, NOW);
    expect(stopped.outcomes.map((o) => [o.status, o.by])).toEqual([['introduced', 'desk'], ['interview', 'employer'], ['stopped', 'desk']]);
  });
});

describe('privacy life cycle', () => {
  it('shows and deletes a resident\'s data by reference code, for the desk of the region only, audited', async () => {
    const job = await published(vacancy(orgA));
    const { interest, reference } = await expressInterest(db, resident(job.id, 'Hamid'), NOW, retention);
    await expect(showResidentData(db, deskOf('noord'), reference, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await showResidentData(db, desk, reference, NOW)).person.name).toBe('Hamid');
    await deleteResidentData(db, desk, reference, NOW);
    expect(await getPerson(db, interest.id, NOW)).toBeUndefined();
    expect(await interestIdByReference(db, reference, NOW)).toBeUndefined();
    expect((await getInterest(db, interest.id))?.personDeletedAt).toBeDefined();
    const actions = (await auditHistory(db, 'interest', interest.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['interest.created', 'interest.data-shown', 'interest.data-deleted']));
  });

  it('hides data past retention at once, and a sweep deletes it and expires listings past their closing date', async () => {
    const job = await published(vacancy(orgA, { closingDate: '2026-11-30' }));
    const { interest, reference } = await expressInterest(db, resident(job.id, 'Lina'), NOW, retention);
    const later = new Date('2027-01-15T00:00:00Z'); // closing + 28 days = 2026-12-28
    expect(await getPerson(db, interest.id, later)).toBeUndefined();
    expect(await interestIdByReference(db, reference, later)).toBeUndefined();
    expect((await deskInbox(db, admin, 'zuid', { listingId: job.id }, later)).items[0]?.person).toBeUndefined();

    const result = await sweep({ db, config: loadConfig({}) }, later);
    expect(result.expired).toContain(job.id);
    expect(result.peopleDeleted).toBeGreaterThanOrEqual(1);
    expect((await getListing(db, job.id))?.status).toBe('expired');
    expect(await getPerson(db, interest.id, new Date(0))).toBeUndefined();
    expect((await getInterest(db, interest.id))?.personDeletedAt).toBe(later.toISOString());
    // A second sweep finds nothing more to do for this one.
    expect((await sweep({ db, config: loadConfig({}) }, later)).expired).not.toContain(job.id);
  });

  it('leaves data with consent for a year', async () => {
    const job = await published(vacancy(orgA, { closingDate: '2026-11-30' }));
    const { interest } = await expressInterest(db, resident(job.id, 'Ferhat', { keepLonger: true }), NOW, retention);
    await sweep({ db, config: loadConfig({}) }, new Date('2027-01-15T00:00:00Z'));
    expect((await getPerson(db, interest.id, new Date('2027-01-15T00:00:00Z')))?.name).toBe('Ferhat');
    expect(await interestForDesk(db, desk, interest.id, new Date('2027-11-24T00:00:00Z'))).toMatchObject({ person: undefined });
  });
});

describe('a desk member scoped to some of the region\'s locations', () => {
  it('sees, introduces, records and cancels seats only for residents of those locations', async () => {
    await putLocation(db, { id: 'weert', regionId: 'zuid', name: 'Weert', municipality: 'Weert', province: 'Limburg', lat: 51.25, lon: 5.71 });
    const scoped: Actor = { kind: 'person', email: 'balie-venlo@example.org', memberships: [{ role: 'desk', email: 'balie-venlo@example.org', regionId: 'zuid', locationIds: ['venlo'] }] };
    const job = await published(vacancy(orgA, { title: 'Alleen Venlo' }));
    const venlo = (await expressInterest(db, resident(job.id, 'Nour'), NOW, retention)).interest;
    const weert = (await expressInterest(db, resident(job.id, 'Omid', { locationId: 'weert' }), NOW, retention)).interest;

    expect((await deskInbox(db, scoped, 'zuid', { listingId: job.id }, NOW)).items.map((i) => i.interest.id)).toEqual([venlo.id]);
    expect((await deskInbox(db, desk, 'zuid', { listingId: job.id, locationId: 'weert' }, NOW)).items.map((i) => i.interest.id)).toEqual([weert.id]);
    await expect(deskInbox(db, scoped, 'zuid', { locationId: 'weert' }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(interestForDesk(db, scoped, weert.id, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(introduce(db, scoped, weert.id, 1, 'Past goed', NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await introduce(db, desk, weert.id, 1, 'Past goed', NOW);
    await expect(recordOutcome(db, scoped, weert.id, 2, { status: 'interview', on: '2026-11-24' }, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(introduce(db, scoped, venlo.id, 1, 'Past ook goed', NOW)).resolves.toMatchObject({ status: 'introduced' });

    const tour = await published(visit(orgA, { seats: 5 }));
    const seat = (await expressInterest(db, resident(tour.id, 'Parisa', { locationId: 'weert' }), NOW, retention)).interest;
    await expect(cancelSeatForDesk(db, scoped, seat.id, NOW)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await cancelSeatForDesk(db, desk, seat.id, NOW)).interest.seat).toBe('cancelled');
  });

  it('refuses an introduction from a stale page as a conflict, also when the other desk member introduced first', async () => {
    const job = await published(vacancy(orgA, { title: 'Twee baliemedewerkers' }));
    const { interest } = await expressInterest(db, resident(job.id, 'Rahel'), NOW, retention);
    await introduce(db, desk, interest.id, 1, 'Eerste', NOW);
    await expect(introduce(db, desk, interest.id, 1, 'Tweede', NOW)).rejects.toMatchObject({ key: 'error.conflict' });
    await expect(introduce(db, desk, interest.id, 1, 'Tweede', NOW)).rejects.toBeInstanceOf(ConflictError);
    expect((await getPerson(db, interest.id, NOW))?.introductionNote).toBe('Eerste');
  });
});

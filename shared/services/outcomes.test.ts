import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../adapters/mail-outbox.js';
import { loadConfig } from '../config/index.js';
import { ValidationError } from '../errors.js';
import { putMembership } from '../repositories/users.js';
import { sweep } from './sweep.js';
import { keys } from '../db/keys.js';
import { getInterest } from '../repositories/interests.js';
import { expressInterest } from './interests.js';
import { introduce, recordOutcome } from './introductions.js';
import { changeStatus, createListing } from './listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, employerOf, NON_PROFIT, seedDirectory, seedOrganisation, vacancy, volunteering, NOW } from '../../test/fixtures.js';
import type { ListingInput } from '../domain/listing.js';

/** The outcome ladder (docs/outcomes.md) through the use cases: dated, validated, cumulative; coded stop reasons; no staff e-mail. */
let db: Awaited<ReturnType<typeof createTestDb>>;
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
const desk = deskOf('zuid');
let org = '';
/** A non-profit with a UWV volunteer declaration: only it may offer volunteering (docs/domain.md). */
let nonProfit = '';
const at = (iso: string) => new Date(iso);

async function published(input: ListingInput) {
  const l = await createListing(db, desk, input, clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  return changeStatus(db, desk, l.id, 2, 'approve', { clock });
}

/** A resident introduced on NOW's day (2026-11-23); returns the interest id and its version. */
async function introduced(o: { eligibility?: string; kind?: ListingInput['kind'] } = {}) {
  const job = await published(
    o.kind === 'volunteering' ? volunteering(nonProfit) : vacancy(org, o.kind ? { kind: o.kind, wagePerHour: o.kind === 'job' || o.kind === 'apprenticeship' ? 15.2 : undefined } : {}),
  );
  const { interest } = await expressInterest(db, { listingId: job.id, locationId: 'venlo', name: 'Amal', phone: '06 1234 5678', age: '18-plus', eligibility: o.eligibility ?? 'permit-holder', dutchLevel: 'A2', consent: true }, NOW, retention);
  const i = await introduce(db, desk, interest.id, 1, 'Voorgesteld', NOW);
  return { id: i.id, version: i.version };
}

const fieldErrors = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fields.map((f) => `${f.field}:${f.key}`);
};

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = (await seedOrganisation(db, { sector: 'Logistiek' })).id;
  nonProfit = (await seedOrganisation(db, NON_PROFIT)).id;
});

describe('the outcome ladder', () => {
  it('refuses a day in the future and a day before the previous step, counting in Dutch days', async () => {
    const { id, version } = await introduced();
    expect(await fieldErrors(recordOutcome(db, desk, id, version, { status: 'interview', on: '2026-11-24' }, NOW))).toEqual(['on:portal.outcome.error.future']);
    expect(await fieldErrors(recordOutcome(db, desk, id, version, { status: 'interview', on: '2026-11-22' }, NOW))).toEqual(['on:portal.outcome.error.beforePrevious']);
    // 23:30 UTC on the 23rd is already the 24th in Amsterdam: "today" there.
    const next = await recordOutcome(db, desk, id, version, { status: 'interview', on: '2026-11-24' }, at('2026-11-23T23:30:00Z'));
    expect(next.stages).toEqual({ introduced: '2026-11-23', interview: '2026-11-24' });
    expect(await fieldErrors(recordOutcome(db, desk, id, next.version, { status: 'matched', on: '2026-11-23' }, at('2026-12-01T10:00:00Z')))).toEqual(['on:portal.outcome.error.beforePrevious']);
    expect((await getInterest(db, id))?.version).toBe(next.version);
  });

  it('makes stages cumulative: "started work" implies interview and match, on its day; a step back is refused', async () => {
    const { id, version } = await introduced();
    const started = await recordOutcome(db, desk, id, version, { status: 'started', on: '2026-12-01' }, at('2026-12-02T09:00:00Z'));
    expect(started.status).toBe('started');
    expect(started.stages).toEqual({ introduced: '2026-11-23', interview: '2026-12-01', matched: '2026-12-01', started: '2026-12-01' });
    expect(started.outcomes.at(-1)).toMatchObject({ status: 'started', implied: ['interview', 'matched'] });
    expect(await fieldErrors(recordOutcome(db, desk, id, started.version, { status: 'matched', on: '2026-12-02' }, at('2026-12-02T09:00:00Z')))).toEqual(['status:portal.outcome.error.behind']);
    // Still working after 3 months: not before 3 months after the first day.
    expect(await fieldErrors(recordOutcome(db, desk, id, started.version, { status: 'retained', on: '2027-02-28' }, at('2027-03-05T09:00:00Z')))).toEqual(['on:portal.outcome.error.retainedEarly']);
    const retained = await recordOutcome(db, desk, id, started.version, { status: 'retained', on: '2027-03-01' }, at('2027-03-05T09:00:00Z'));
    expect(retained.status).toBe('retained');
  });

  it('keeps an asylum seeker from "started work" on a job before the TWV is granted, and tracks the TWV with its dates', async () => {
    const { id, version } = await introduced({ eligibility: 'asylum-6-months' });
    const later = at('2026-12-20T09:00:00Z');
    expect(await fieldErrors(recordOutcome(db, desk, id, version, { status: 'started', on: '2026-12-01' }, later))).toEqual(['status:portal.outcome.error.needsTwv']);
    const applied = await recordOutcome(db, employerOf(org), id, version, { status: 'twv-applied', on: '2026-11-25' }, later);
    expect(applied.stages).toMatchObject({ interview: '2026-11-25', matched: '2026-11-25', 'twv-applied': '2026-11-25' });
    expect(await fieldErrors(recordOutcome(db, desk, id, applied.version, { status: 'twv-granted', on: '2026-11-24' }, later))).toEqual(['on:portal.outcome.error.beforePrevious']);
    const granted = await recordOutcome(db, desk, id, applied.version, { status: 'twv-granted', on: '2026-12-16' }, later);
    const started = await recordOutcome(db, desk, id, granted.version, { status: 'started', on: '2026-12-18' }, later);
    expect(started.status).toBe('started');
    // Volunteering with a non-profit's declaration needs no TWV.
    const volunteer = await introduced({ eligibility: 'asylum-6-months', kind: 'volunteering' });
    expect((await recordOutcome(db, desk, volunteer.id, volunteer.version, { status: 'started', on: '2026-12-01' }, later)).status).toBe('started');
  });

  it('ends a path at a side exit; "stopped" takes a reason code, never free text', async () => {
    const { id, version } = await introduced();
    const later = at('2026-12-05T09:00:00Z');
    expect(await fieldErrors(recordOutcome(db, desk, id, version, { status: 'stopped', on: '2026-12-01' }, later))).toEqual(['reason:error.required']);
    expect(await fieldErrors(recordOutcome(db, desk, id, version, { status: 'stopped', on: '2026-12-01', reason: 'burn-out, zie huisarts' }, later))).toEqual(['reason:error.invalid_choice']);
    const stopped = await recordOutcome(db, desk, id, version, { status: 'stopped', on: '2026-12-01', reason: 'care-duties' }, later);
    expect(stopped.exit).toEqual({ status: 'stopped', on: '2026-12-01', reason: 'care-duties' });
    expect(await fieldErrors(recordOutcome(db, desk, id, stopped.version, { status: 'interview', on: '2026-12-02' }, later))).toEqual(['status:portal.outcome.error.ended']);
    const other = await introduced();
    expect((await recordOutcome(db, desk, other.id, other.version, { status: 'housed', on: '2026-12-01' }, later)).status).toBe('housed');
  });
});

describe('outcome facts hold no personal data (GDPR)', () => {
  it('stores who recorded a step as a role, never a staff e-mail address, and no free text', async () => {
    const { id, version } = await introduced({ eligibility: 'asylum-6-months' });
    const later = at('2026-12-20T09:00:00Z');
    let v = (await recordOutcome(db, employerOf(org), id, version, { status: 'twv-applied', on: '2026-11-25' }, later)).version;
    v = (await recordOutcome(db, desk, id, v, { status: 'twv-refused', on: '2026-12-10' }, later)).version;
    await recordOutcome(db, desk, id, v, { status: 'stopped', on: '2026-12-11', reason: 'permit-refused' }, later);
    const items = (await db.doc.send(new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.interest(id).pk } }))).Items ?? [];
    const facts = items.filter((i) => i.sk === 'INTEREST' || String(i.sk).startsWith('OUTCOME#'));
    expect(facts.map((i) => i.sk).sort()).toEqual(['INTEREST', 'OUTCOME#interview', 'OUTCOME#introduced', 'OUTCOME#matched', 'OUTCOME#stopped', 'OUTCOME#twv-applied', 'OUTCOME#twv-refused']);
    const text = JSON.stringify(facts);
    expect(text).not.toContain('@');
    expect(text).not.toContain('Amal');
    expect(text).not.toContain('1234');
    const interest = facts.find((i) => i.sk === 'INTEREST')!;
    expect(interest.outcomes.map((o: { by: string }) => o.by)).toEqual(['desk', 'employer', 'desk', 'desk']);
    expect(interest.permit).toBe('asylum-seeker');
  });
});

describe('the TWV reminder', () => {
  it('tells the region\'s desk once a day about applications waiting longer than 5 weeks, naming no resident', async () => {
    await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
    const { id, version } = await introduced({ eligibility: 'asylum-6-months' });
    await recordOutcome(db, employerOf(org), id, version, { status: 'twv-applied', on: '2026-11-23' }, NOW);
    const config = loadConfig({ PUBLIC_ORIGIN: 'https://opweg.example.org' });
    const mail = new Outbox();
    // 35 days: within UWV's 5 weeks.
    expect((await sweep({ db, config, mail }, at('2026-12-28T06:00:00Z'))).twvRemindersSent).toBe(0);
    const day36 = await sweep({ db, config, mail }, at('2026-12-29T06:00:00Z'));
    expect(day36.twvRemindersSent).toBe(1);
    const reminder = mail.messages().find((m) => m.subject.includes('TWV'))!;
    expect(reminder.to).toBe('desk-zuid@example.org');
    expect(reminder.text).toContain(`https://opweg.example.org/portal/desk/zuid/interests/${id}`);
    expect(reminder.text).toContain('23 november 2026, 36');
    expect(reminder.text).not.toContain('Amal');
    expect((await sweep({ db, config, mail }, at('2026-12-29T09:00:00Z'))).twvRemindersSent).toBe(0);
  });
});

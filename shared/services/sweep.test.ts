import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../adapters/mail-outbox.js';
import { loadConfig } from '../config/index.js';
import { putMembership } from '../repositories/users.js';
import { changeStatus, createListing } from './listings.js';
import { sweep } from './sweep.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, employerOf, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const config = loadConfig({ PUBLIC_ORIGIN: 'https://opweg.example.org' });

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
});

describe('sweep notices', () => {
  it('warns the employer once, three days before closing, and sends each desk one digest a day', async () => {
    const org = await seedOrganisation(db);
    await putMembership(db, { role: 'employer', email: 'werkgever@example.org', organisationId: org.id });
    await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
    const desk = deskOf('zuid');
    const closing = await createListing(db, employerOf(org.id), vacancy(org.id, { closingDate: '2026-12-10' }), clock);
    await changeStatus(db, desk, closing.id, 1, 'submit', { clock });
    await changeStatus(db, desk, closing.id, 2, 'approve', { clock });
    const waiting = await createListing(db, employerOf(org.id), vacancy(org.id, { title: 'Wacht op de balie' }), clock);
    await changeStatus(db, employerOf(org.id), waiting.id, 1, 'submit', { clock });

    const mail = new Outbox();
    const dec7 = new Date('2026-12-07T06:00:00Z');
    const first = await sweep({ db, config, mail }, dec7);
    expect(first.warned).toEqual([closing.id]);
    expect(first.digestsSent).toBe(1);
    const warning = mail.latestTo('werkgever@example.org');
    expect(warning?.subject).toContain('3 dagen');
    expect(warning?.text).toContain(`https://opweg.example.org/portal/listings/${closing.id}`);
    expect(mail.latestTo('desk-zuid@example.org')?.text).toContain('Wacht op de balie');

    // The next run the same day sends nothing again.
    const again = await sweep({ db, config, mail }, new Date('2026-12-07T07:00:00Z'));
    expect(again).toMatchObject({ warned: [], digestsSent: 0 });
    expect(mail.messages()).toHaveLength(2);
    // The next day: a new digest, no second warning.
    expect((await sweep({ db, config, mail }, new Date('2026-12-08T06:00:00Z'))).digestsSent).toBe(1);
    expect(mail.messages().filter((m) => m.to === 'werkgever@example.org')).toHaveLength(1);
  });
});

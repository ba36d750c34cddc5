import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../adapters/mail-outbox.js';
import { auditHistory } from '../repositories/audit.js';
import { getListing, publishedInRegion } from '../repositories/listings.js';
import { putMembership, putUser } from '../repositories/users.js';
import { SYSTEM } from './actor.js';
import { setTrusted } from './admin.js';
import type { ServiceContext } from './context.js';
import { sendDeskDigests } from './digest.js';
import { changeStatus, createListing, updateListing } from './listings.js';
import { decide, listingHistory, queueCount } from './moderation.js';
import { createTestDb } from '../../test/db.js';
import { admin, clock, deskOf, employerOf, NOW, seedDirectory, seedOrganisation, serviceContext, vacancy } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const outbox = new Outbox();
let ctx: ServiceContext;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  ctx = serviceContext(db, outbox);
});

async function employerWithMember(email: string, o: { trusted?: boolean } = {}) {
  const org = await seedOrganisation(db, { name: `Org of ${email}`, ...o });
  await putUser(db, { id: ulid(), email, name: email, createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email, organisationId: org.id });
  return org;
}

describe('moderation', () => {
  it('approves with a mail to the employer, and counts the queue', async () => {
    const org = await employerWithMember('approve@example.org');
    const l = await createListing(db, employerOf(org.id, 'approve@example.org'), vacancy(org.id, { title: 'Magazijnmedewerker' }), clock);
    const before = await queueCount(db, deskOf('zuid'), 'zuid');
    await changeStatus(db, employerOf(org.id, 'approve@example.org'), l.id, 1, 'submit', { clock });
    expect(await queueCount(db, deskOf('zuid'), 'zuid')).toBe(before + 1);
    await decide(ctx, deskOf('zuid'), l.id, 2, 'approve');
    expect(await queueCount(db, deskOf('zuid'), 'zuid')).toBe(before);
    const mail = outbox.latestTo('approve@example.org')!;
    expect(mail.subject).toBe('Gepubliceerd op OpWeg: Magazijnmedewerker');
    expect(mail.text).toContain(`https://opweg.example.org/portal/listings/${l.id}`);
    expect(mail.text).toContain('approved "Magazijnmedewerker"');
  });

  it('rejects with the reason in the mail and on the listing; the desk reads the history', async () => {
    const org = await employerWithMember('reject@example.org');
    const l = await createListing(db, employerOf(org.id, 'reject@example.org'), vacancy(org.id), clock);
    await changeStatus(db, employerOf(org.id, 'reject@example.org'), l.id, 1, 'submit', { clock });
    await expect(decide(ctx, deskOf('zuid'), l.id, 2, 'reject', '  ')).rejects.toMatchObject({ fields: [{ field: 'reason', key: 'error.required' }] });
    await decide(ctx, deskOf('zuid'), l.id, 2, 'reject', 'Vermeld het bruto uurloon.');
    expect(outbox.latestTo('reject@example.org')!.text).toContain('Vermeld het bruto uurloon.');
    expect((await getListing(db, l.id))?.rejectionReason).toBe('Vermeld het bruto uurloon.');
    const history = await listingHistory(db, deskOf('zuid'), l.id);
    expect(history.map((e) => [e.action, e.actor])).toEqual([
      ['listing.created', 'reject@example.org'],
      ['listing.submit', 'reject@example.org'],
      ['listing.reject', 'desk-zuid@example.org'],
    ]);
  });

  it('puts an employer\'s edit of a published listing in the queue while the published version stays; a desk\'s edit and a trusted employer\'s go live', async () => {
    const org = await employerWithMember('edit@example.org');
    const employer = employerOf(org.id, 'edit@example.org');
    let l = await createListing(db, employer, vacancy(org.id), clock);
    l = await changeStatus(db, employer, l.id, l.version, 'submit', { clock });
    l = await changeStatus(db, deskOf('zuid'), l.id, l.version, 'approve', { clock });
    l = await updateListing(db, deskOf('zuid'), l.id, l.version, vacancy(org.id, { title: 'Door de balie verbeterd' }), clock);
    expect(l.status).toBe('published');
    l = await updateListing(db, employer, l.id, l.version, vacancy(org.id, { title: 'Stiekem veranderd' }), clock);
    // Text the desk approved is never changed behind its back, nor taken offline: the change waits.
    expect(l).toMatchObject({ status: 'published', title: 'Door de balie verbeterd', revision: { status: 'pending', content: { title: 'Stiekem veranderd' } } });
    expect((await publishedInRegion(db, 'zuid')).items.find((x) => x.id === l.id)?.title).toBe('Door de balie verbeterd');
    expect((await queueCount(db, admin, 'zuid'))).toBeGreaterThan(0);
    expect((await auditHistory(db, 'listing', l.id)).at(-1)).toMatchObject({ action: 'listing.change-submitted', detail: { fields: ['title'] } });

    const trusted = await employerWithMember('trusted@example.org');
    await setTrusted(ctx, admin, trusted.id, true);
    const te = employerOf(trusted.id, 'trusted@example.org');
    let t = await createListing(db, te, vacancy(trusted.id), clock);
    t = await changeStatus(db, te, t.id, t.version, 'submit', { clock });
    expect(t.status).toBe('published');
    t = await updateListing(db, te, t.id, t.version, vacancy(trusted.id, { title: 'Vertrouwd' }), clock);
    expect(t.status).toBe('published');
  });

  it('mails each desk member a digest of their region\'s queue, oldest first, and nobody when it is empty', async () => {
    await putUser(db, { id: ulid(), email: 'desk-zuid@example.org', name: 'Zeynep', createdAt: NOW.toISOString() });
    await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
    await putMembership(db, { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] });
    const org = await employerWithMember('digest@example.org');
    const first = await createListing(db, SYSTEM, vacancy(org.id, { title: 'Eerste in de rij' }), clock);
    await changeStatus(db, SYSTEM, first.id, 1, 'submit', { clock: { now: () => new Date(NOW.getTime() - 60_000) } });
    const result = await sendDeskDigests(ctx, SYSTEM);
    const zuid = result.find((r) => r.regionId === 'zuid')!;
    expect(zuid.pending).toBe(await queueCount(db, admin, 'zuid'));
    expect(zuid.mailed).toEqual(['desk-zuid@example.org']);
    expect(result.find((r) => r.regionId === 'noord')).toEqual({ regionId: 'noord', pending: 0, mailed: [] });
    const mail = outbox.latestTo('desk-zuid@example.org')!;
    expect(mail.subject).toBe(zuid.pending === 1 ? 'Eén aanbod wacht op beoordeling in regio Zuid' : `${zuid.pending} keer aanbod wacht op beoordeling in regio Zuid`);
    expect(mail.text.split('\n').find((line) => line.startsWith('- '))).toContain('Eerste in de rij');
    expect(outbox.latestTo('desk-noord@example.org')).toBeUndefined();
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../adapters/mail-outbox.js';
import { AmazonTranslate } from '../adapters/translate-amazon.js';
import { NoMachineTranslation } from '../adapters/translate-none.js';
import type { ContentLanguage } from '../domain/common.js';
import type { Listing } from '../domain/listing.js';
import { summarySource } from '../domain/summary.js';
import type { MachineTranslation } from '../ports/machine-translation.js';
import { auditHistory } from '../repositories/audit.js';
import { summariesOfListing } from '../repositories/summaries.js';
import { membershipsOfUser } from '../repositories/users.js';
import type { Actor } from './actor.js';
import type { ServiceContext } from './context.js';
import { changeStatus, createListing } from './listings.js';
import { acceptTranslatorInvitation, inviteTranslator, listingSummaries, machineDraft, removeSummary, saveSummary, translatorsOf } from './summaries.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, employerOf, seedDirectory, seedOrganisation, serviceContext, vacancy } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
const outbox = new Outbox();
let ctx: ServiceContext;
let listing: Listing;
let employer: Actor;
const desk = deskOf('zuid');
const translator: Actor = { kind: 'person', email: 'vertaler@example.org', memberships: [{ role: 'translator', email: 'vertaler@example.org', regionId: 'zuid' }] };
const otherTranslator: Actor = { kind: 'person', email: 'noord@example.org', memberships: [{ role: 'translator', email: 'noord@example.org', regionId: 'noord' }] };
const arabic = { title: 'عامل في البيوت الزجاجية', text: 'تقطف الطماطم وتعبئها في بيت زجاجي حديث في فينلو.' };

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  ctx = serviceContext(db, outbox);
  const org = await seedOrganisation(db);
  employer = employerOf(org.id);
  const created = await createListing(db, desk, vacancy(org.id), clock);
  await changeStatus(db, desk, created.id, 1, 'submit', { clock });
  listing = await changeStatus(db, desk, created.id, 2, 'approve', { clock });
});

describe('summaries in residents’ languages', () => {
  it('lets the desk write one per language, with who wrote it, for which version, and an audit event', async () => {
    const saved = await saveSummary(ctx, desk, listing.id, 'ar', arabic);
    expect(saved).toMatchObject({ ...arabic, language: 'ar', writtenBy: desk.kind === 'person' ? desk.email : '', machineDraft: false, source: summarySource(listing) });
    expect(await summariesOfListing(db, listing.id)).toEqual([saved]);
    expect((await auditHistory(db, 'listing', listing.id)).map((e) => e.action)).toContain('listing.summary-saved');
  });

  it('refuses bad input with a message per field and stores nothing; refuses the listing’s own language and unknown ones', async () => {
    await expect(saveSummary(ctx, desk, listing.id, 'tr', { title: '', text: 'x'.repeat(1001) })).rejects.toMatchObject({
      fields: expect.arrayContaining([expect.objectContaining({ field: 'title' }), expect.objectContaining({ field: 'text' })]),
    });
    await expect(saveSummary(ctx, desk, listing.id, 'nl', arabic)).rejects.toMatchObject({ status: 404 });
    await expect(saveSummary(ctx, desk, listing.id, 'xx', arabic)).rejects.toMatchObject({ status: 404 });
    expect((await summariesOfListing(db, listing.id)).map((s) => s.language)).toEqual(['ar']);
  });

  it('lets a translator the desk invited write them, only in that region; employers and others may not', async () => {
    expect(await inviteTranslator(ctx, desk, 'zuid', { name: 'Vera Vertaler', email: 'Vertaler@Example.org' }, 'nl')).toBe('sent');
    // Nothing until she says yes.
    expect(await membershipsOfUser(db, 'vertaler@example.org')).toEqual([]);
    await acceptTranslatorInvitation(ctx, { kind: 'person', email: 'vertaler@example.org', memberships: [] }, 'zuid');
    expect(await membershipsOfUser(db, 'vertaler@example.org')).toEqual([{ role: 'translator', email: 'vertaler@example.org', regionId: 'zuid' }]);
    expect(outbox.latestTo('vertaler@example.org')).toMatchObject({ subject: expect.stringContaining('Zuid'), text: expect.stringContaining('/portal/') });
    expect((await translatorsOf(db, desk, 'zuid')).map((m) => m.email)).toEqual(['vertaler@example.org']);

    await saveSummary(ctx, translator, listing.id, 'so', { title: 'Shaqo beerta', text: 'Waxaad gurataa yaanyada.' });
    await expect(saveSummary(ctx, otherTranslator, listing.id, 'so', arabic)).rejects.toMatchObject({ status: 403 });
    await expect(saveSummary(ctx, employer, listing.id, 'so', arabic)).rejects.toMatchObject({ status: 403 });
    await expect(inviteTranslator(ctx, translator, 'zuid', { name: 'X', email: 'x@example.org' }, 'nl')).rejects.toMatchObject({ status: 403 });
    await expect(inviteTranslator(ctx, employer, 'zuid', { name: 'X', email: 'x@example.org' }, 'nl')).rejects.toMatchObject({ status: 403 });
    await expect(listingSummaries(db, otherTranslator, listing.id)).rejects.toMatchObject({ status: 403 });

    await removeSummary(ctx, translator, listing.id, 'so');
    expect((await summariesOfListing(db, listing.id)).map((s) => s.language)).toEqual(['ar']);
  });

  it('pre-fills from machine translation only where the service covers the language, and stores nothing until a person saves', async () => {
    // Locally there is none: it says so (undefined), it does not make something up.
    expect(await machineDraft(db, desk, new NoMachineTranslation(), listing.id, 'ar')).toBeUndefined();

    // A stand-in for the service that records what it was asked (Amazon Translate itself needs AWS).
    const asked: string[] = [];
    const service: MachineTranslation = {
      name: 'test',
      supports: (from, to) => new AmazonTranslate().supports(from, to),
      translate: async (text: string, from: ContentLanguage, to: ContentLanguage) => {
        asked.push(`${from}>${to}`);
        return `[${to}] ${text}`;
      },
    };
    expect(await machineDraft(db, desk, service, listing.id, 'ti')).toBeUndefined();
    const draft = await machineDraft(db, desk, service, listing.id, 'tr');
    expect(draft).toEqual({ title: `[tr] ${listing.title}`, text: `[tr] ${listing.description}` });
    expect(asked).toEqual(['nl>tr', 'nl>tr']);
    expect((await summariesOfListing(db, listing.id)).map((s) => s.language)).toEqual(['ar']);
    await expect(machineDraft(db, employer, service, listing.id, 'tr')).rejects.toMatchObject({ status: 403 });

    const checked = await saveSummary(ctx, desk, listing.id, 'tr', { title: 'Sera işçisi', text: 'Venlo’da domates toplarsın.' }, { machineDraft: true });
    expect(checked.machineDraft).toBe(true);
  });

  it('knows which languages Amazon Translate covers: not Tigrinya, Kurmanji or Sorani', () => {
    const amazon = new AmazonTranslate({ region: 'eu-west-1' });
    for (const to of ['ar', 'fa', 'ps', 'so', 'tr', 'en'] as const) expect(amazon.supports('nl', to), to).toBe(true);
    for (const to of ['ti', 'kmr', 'ckb'] as const) expect(amazon.supports('nl', to), to).toBe(false);
    expect(amazon.supports('nl', 'nl')).toBe(false);
  });
});

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../adapters/mail-outbox.js';
import type { Organisation } from '../domain/organisation.js';
import { ForbiddenError } from '../errors.js';
import { putMembership, putUser } from '../repositories/users.js';
import { ANONYMOUS, SYSTEM, type Actor } from './actor.js';
import { employersInRegion, getOrganisationFor, inviteColleague, membersOfOrganisation, openInvitationsOf, removeMember, updateOrganisationProfile } from './accounts.js';
import { addDeskMember, adminDirectory, deskStaff, listEmployers, removeDeskMember, saveLocation, saveRegion, setTrusted } from './admin.js';
import { signOut } from './auth.js';
import { recordNonProfitStatus } from './declarations.js';
import { moderationQueue, organisationListings } from './catalogue.js';
import { employerDashboard } from './dashboard.js';
import type { ServiceContext } from './context.js';
import { sendDeskDigests } from './digest.js';
import { sendTwvReminders } from './twv-reminder.js';
import { addRegionManager, auditLog, regionManagers, regionTotals, removeEmployerAccount, removeRegionManager, setEmployerBlocked } from './admin-accounts.js';
import { importListings } from './import.js';
import { expressInterest } from './interests.js';
import { cancelSeatForDesk, deskInbox, interestForDesk, introduce, introduceToEmployer, introductionsForEmployer, recordOutcome } from './introductions.js';
import { changeStatus, createListing, decideChange, setCuration, updateListing, withdrawChange, type TransitionName } from './listings.js';
import { decide, findListingsByNumber, getListingFor, listingHistory, queueCount } from './moderation.js';
import { createPartner, getPartner, partnersOfRegion, removePartner, updatePartner } from './partners.js';
import { deleteResidentData, findByContact, showResidentData } from './privacy.js';
import { regionReport } from './report.js';
import { invitedTranslatorsOf, inviteTranslator, listingSummaries, machineDraft, removeSummary, saveSummary, translatorsOf } from './summaries.js';
import { NoMachineTranslation } from '../adapters/translate-none.js';
import { createTestDb } from '../../test/db.js';
import { admin, clock, deskOf, employerOf, NOW, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';

/**
 * Every use case × every kind of actor: anonymous, employer A (whose listing it is), employer B
 * (another employer in the same region), the desk of the listing's region (Zuid), the desk of
 * another region (Noord), and an admin. Each call runs on fresh data; an actor outside the
 * expected set must get a ForbiddenError, one inside must succeed. A last test makes sure no
 * use case that takes an actor is missing from this table.
 */
type Who = 'anonymous' | 'employerA' | 'employerB' | 'deskZuid' | 'deskNoord' | 'managerZuid' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'employerA', 'employerB', 'deskZuid', 'deskNoord', 'managerZuid', 'admin'];

let db: Awaited<ReturnType<typeof createTestDb>>;
let ctx: ServiceContext;
let orgA: Organisation;
let orgB: Organisation;
let partner: Organisation;
let actors: Record<Who, Actor>;
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  ctx = { db, mail: new Outbox(), clock, config: { PUBLIC_ORIGIN: 'https://opweg.example.org', SESSION_HOURS: 12 } };
  orgA = await seedOrganisation(db, { name: 'Employer A' });
  orgB = await seedOrganisation(db, { name: 'Employer B' });
  partner = await seedOrganisation(db, { name: 'Partner', kind: 'ngo', regionIds: ['zuid'] });
  actors = {
    anonymous: ANONYMOUS,
    employerA: employerOf(orgA.id, 'a@example.org'),
    employerB: employerOf(orgB.id, 'b@example.org'),
    deskZuid: deskOf('zuid'),
    deskNoord: deskOf('noord'),
    // A read-only region manager: the region's reports, nothing else.
    managerZuid: { kind: 'person', email: 'manager-zuid@example.org', memberships: [{ role: 'manager', email: 'manager-zuid@example.org', regionId: 'zuid' }] },
    admin,
  };
  for (const email of ['a@example.org', 'desk-zuid@example.org', 'desk-noord@example.org']) await putUser(db, { id: '01JDEM00000000000000000000', email, name: email, createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email: 'a@example.org', organisationId: orgA.id });
  await putMembership(db, { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] });
});

// Fresh subjects, made by the system so that no actor's rights are used to make them.
const draft = () => createListing(db, SYSTEM, vacancy(orgA.id), clock);
async function inStatus(...steps: TransitionName[]) {
  let l = await draft();
  for (const step of steps) l = await changeStatus(db, SYSTEM, l.id, l.version, step, { clock });
  return l;
}
const published = () => inStatus('submit', 'approve');
/** A published listing with its employer's (untrusted) change waiting for the desk. */
async function withChange() {
  const l = await published();
  return updateListing(db, actors.employerA, l.id, l.version, vacancy(orgA.id, { title: 'Changed' }), clock);
}
async function publishedVisit() {
  const l = await createListing(db, SYSTEM, visit(orgA.id), clock);
  const pending = await changeStatus(db, SYSTEM, l.id, l.version, 'submit', { clock });
  return changeStatus(db, SYSTEM, l.id, pending.version, 'approve', { clock });
}
let residents = 0;
async function interest(o: { introduced?: boolean; visit?: boolean } = {}) {
  const l = o.visit ? await publishedVisit() : await published();
  const receipt = await expressInterest(db, { listingId: l.id, locationId: 'venlo', name: `Resident ${++residents}`, email: `r${residents}@example.org`, age: '18-plus', eligibility: 'permit-holder', dutchLevel: 'A2', consent: true }, NOW, retention);
  const i = o.introduced ? await introduce(db, SYSTEM, receipt.interest.id, receipt.interest.version, 'Goede kandidaat', NOW) : receipt.interest;
  return { interest: i, reference: receipt.reference };
}
const csv = () => `organisation,locationId,kind,title,description,openTo,dutchLevel,wagePerHour,workplace.city\n${orgA.id},venlo,job,Heftruck,Rijden,permit-holders,A2,15.00,Venlo\n`;

interface Case {
  name: string;
  allowed: Who[];
  run: (actor: Actor) => Promise<unknown>;
}

const CASES: Case[] = [
  // Listings (shared/services/listings.ts)
  { name: 'createListing', allowed: ['employerA', 'deskZuid', 'admin'], run: (a) => createListing(db, a, vacancy(orgA.id), clock) },
  { name: 'updateListing', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => updateListing(db, a, (await draft()).id, 1, vacancy(orgA.id, { title: 'Edited' }), clock) },
  { name: 'changeStatus submit', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => changeStatus(db, a, (await draft()).id, 1, 'submit', { clock }) },
  { name: 'changeStatus close', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => { const l = await published(); return changeStatus(db, a, l.id, l.version, 'close', { clock }); } },
  { name: 'changeStatus approve', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await inStatus('submit'); return changeStatus(db, a, l.id, l.version, 'approve', { clock }); } },
  { name: 'changeStatus reject', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await inStatus('submit'); return changeStatus(db, a, l.id, l.version, 'reject', { reason: 'Nee', clock }); } },
  { name: 'changeStatus requestChanges', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await inStatus('submit'); return changeStatus(db, a, l.id, l.version, 'requestChanges', { reason: 'Loon?', clock }); } },
  { name: 'changeStatus expire', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await published(); return changeStatus(db, a, l.id, l.version, 'expire', { clock }); } },
  { name: 'decideChange approve', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await withChange(); return decideChange(db, a, l.id, l.version, 'approve', { clock }); } },
  { name: 'decideChange reject', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await withChange(); return decideChange(db, a, l.id, l.version, 'reject', { reason: 'Nee', clock }); } },
  { name: 'withdrawChange', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => { const l = await withChange(); return withdrawChange(db, a, l.id, l.version, clock); } },
  { name: 'setCuration', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await published(); return setCuration(db, a, l.id, l.version, { featured: true, hidden: true }, clock); } },
  // Reading listings (catalogue.ts, moderation.ts)
  { name: 'organisationListings', allowed: ['employerA', 'admin'], run: (a) => organisationListings(db, a, orgA.id) },
  { name: 'employerDashboard', allowed: ['employerA', 'admin'], run: (a) => employerDashboard(db, a, orgA.id) },
  { name: 'moderationQueue', allowed: ['deskZuid', 'admin'], run: (a) => moderationQueue(db, a, 'zuid') },
  { name: 'queueCount', allowed: ['deskZuid', 'admin'], run: (a) => queueCount(db, a, 'zuid') },
  { name: 'findListingsByNumber', allowed: ['deskZuid', 'admin'], run: (a) => findListingsByNumber(db, a, 'zuid', '7K3M9QXA') },
  { name: 'getListingFor', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => getListingFor(db, a, (await draft()).id) },
  { name: 'listingHistory', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => listingHistory(db, a, (await draft()).id) },
  { name: 'decide approve', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await inStatus('submit'); return decide(ctx, a, l.id, l.version, 'approve'); } },
  { name: 'decide reject', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await inStatus('submit'); return decide(ctx, a, l.id, l.version, 'reject', 'Onvolledig'); } },
  { name: 'decide requestChanges', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await inStatus('submit'); return decide(ctx, a, l.id, l.version, 'requestChanges', 'Uurloon?'); } },
  { name: 'importListings', allowed: ['deskZuid', 'deskNoord', 'admin'], run: (a) => importListings(ctx, a, csv(), { publish: true }) },
  // Organisations and members (accounts.ts)
  { name: 'getOrganisationFor', allowed: ['employerA', 'deskZuid', 'admin'], run: (a) => getOrganisationFor(db, a, orgA.id) },
  { name: 'updateOrganisationProfile', allowed: ['employerA', 'admin'], run: (a) => updateOrganisationProfile(ctx, a, orgA.id, { name: 'Employer A', sector: 'Bouw', regionIds: ['zuid'] }) },
  { name: 'membersOfOrganisation', allowed: ['employerA', 'admin'], run: (a) => membersOfOrganisation(db, a, orgA.id) },
  { name: 'inviteColleague', allowed: ['employerA', 'admin'], run: (a) => inviteColleague(ctx, a, orgA.id, { name: 'Collega', email: 'collega@example.org' }, 'nl') },
  { name: 'openInvitationsOf', allowed: ['employerA', 'admin'], run: (a) => openInvitationsOf(ctx, a, orgA.id) },
  // Only owners (none among these actors: employerA is a plain member) and the admin remove members.
  { name: 'removeMember', allowed: ['admin'], run: async (a) => { await putMembership(db, { role: 'employer', email: 'weg@example.org', organisationId: orgA.id }); return removeMember(ctx, a, orgA.id, 'weg@example.org'); } },
  { name: 'employersInRegion', allowed: ['deskZuid', 'admin'], run: (a) => employersInRegion(db, a, 'zuid') },
  // Partners (partners.ts)
  { name: 'partnersOfRegion', allowed: ['deskZuid', 'admin'], run: (a) => partnersOfRegion(db, a, 'zuid') },
  { name: 'getPartner', allowed: ['deskZuid', 'admin'], run: (a) => getPartner(db, a, 'zuid', partner.id) },
  { name: 'createPartner', allowed: ['deskZuid', 'admin'], run: (a) => createPartner(ctx, a, 'zuid', { kind: 'uwv', name: 'UWV Venlo' }) },
  { name: 'updatePartner', allowed: ['deskZuid', 'admin'], run: (a) => updatePartner(ctx, a, 'zuid', partner.id, { kind: 'ngo', name: 'Partner', offers: 'Taalcoaching' }) },
  { name: 'removePartner', allowed: ['deskZuid', 'admin'], run: async (a) => removePartner(ctx, a, 'zuid', (await createPartner(ctx, admin, 'zuid', { kind: 'ngo', name: 'Tijdelijk' })).id) },
  // Admin (admin.ts)
  { name: 'adminDirectory', allowed: ['admin'], run: (a) => adminDirectory(db, a) },
  { name: 'saveRegion', allowed: ['admin'], run: (a) => saveRegion(ctx, a, { id: 'zuid', name: 'Zuid' }) },
  { name: 'saveLocation', allowed: ['admin'], run: (a) => saveLocation(ctx, a, { id: 'venlo', regionId: 'zuid', name: 'Venlo', municipality: 'Venlo', province: 'Limburg', place: 'Venlo' }) },
  { name: 'deskStaff', allowed: ['admin'], run: (a) => deskStaff(db, a) },
  { name: 'addDeskMember', allowed: ['admin'], run: (a) => addDeskMember(ctx, a, { name: 'Nieuw', email: 'nieuw@example.org', regionId: 'zuid' }) },
  { name: 'removeDeskMember', allowed: ['admin'], run: async (a) => { await addDeskMember(ctx, admin, { name: 'Weg', email: 'weg@example.org', regionId: 'zuid' }); return removeDeskMember(ctx, a, 'weg@example.org', 'zuid'); } },
  { name: 'listEmployers', allowed: ['admin'], run: (a) => listEmployers(db, a) },
  { name: 'setTrusted', allowed: ['admin'], run: (a) => setTrusted(ctx, a, orgB.id, false) },
  { name: 'recordNonProfitStatus', allowed: ['deskZuid', 'admin'], run: (a) => recordNonProfitStatus(ctx, a, partner.id, { declarationIssuedOn: '2026-01-01' }) },
  { name: 'sendDeskDigests', allowed: ['admin'], run: (a) => sendDeskDigests(ctx, a) },
  { name: 'sendTwvReminders', allowed: ['admin'], run: (a) => sendTwvReminders(ctx, a) },
  // Admin: accounts, audit log, totals (admin-accounts.ts)
  { name: 'setEmployerBlocked', allowed: ['admin'], run: async (a) => setEmployerBlocked(ctx, a, (await seedOrganisation(db, { name: 'Te blokkeren' })).id, true) },
  { name: 'removeEmployerAccount', allowed: ['admin'], run: async (a) => removeEmployerAccount(ctx, a, (await seedOrganisation(db, { name: 'Te verwijderen' })).id) },
  { name: 'auditLog', allowed: ['admin'], run: (a) => auditLog(db, a, { who: 'desk-zuid@example.org', from: '2026-11-01', to: '2026-11-30' }, NOW) },
  { name: 'regionTotals', allowed: ['admin'], run: (a) => regionTotals(db, a, NOW) },
  { name: 'regionManagers', allowed: ['admin'], run: (a) => regionManagers(db, a) },
  { name: 'addRegionManager', allowed: ['admin'], run: (a) => addRegionManager(ctx, a, { name: 'Lezer', email: 'lezer@example.org', regionId: 'zuid' }) },
  { name: 'removeRegionManager', allowed: ['admin'], run: async (a) => { await addRegionManager(ctx, admin, { name: 'Weg', email: 'weg-manager@example.org', regionId: 'zuid' }); return removeRegionManager(ctx, a, 'weg-manager@example.org', 'zuid'); } },
  // Residents' interests (introductions.ts, privacy.ts, report.ts)
  { name: 'deskInbox', allowed: ['deskZuid', 'admin'], run: (a) => deskInbox(db, a, 'zuid', {}, NOW) },
  { name: 'interestForDesk', allowed: ['deskZuid', 'admin'], run: async (a) => interestForDesk(db, a, (await interest()).interest.id, NOW) },
  { name: 'introduce', allowed: ['deskZuid', 'admin'], run: async (a) => { const { interest: i } = await interest(); return introduce(db, a, i.id, i.version, 'Past goed', NOW); } },
  { name: 'introduceToEmployer', allowed: ['deskZuid', 'admin'], run: async (a) => { const { interest: i } = await interest(); return introduceToEmployer(ctx, a, i.id, i.version, 'Past goed'); } },
  { name: 'cancelSeatForDesk', allowed: ['deskZuid', 'admin'], run: async (a) => cancelSeatForDesk(db, a, (await interest({ visit: true })).interest.id, NOW) },
  { name: 'introductionsForEmployer', allowed: ['employerA', 'admin'], run: async (a) => introductionsForEmployer(db, a, (await interest({ introduced: true })).interest.listingId, NOW) },
  { name: 'recordOutcome', allowed: ['employerA', 'deskZuid', 'admin'], run: async (a) => { const { interest: i } = await interest({ introduced: true }); return recordOutcome(db, a, i.id, i.version, { status: 'interview', on: '2026-11-23' }, NOW); } },
  { name: 'showResidentData', allowed: ['deskZuid', 'admin'], run: async (a) => showResidentData(db, a, (await interest()).reference, NOW) },
  { name: 'findByContact', allowed: ['deskZuid', 'admin'], run: async (a) => { await interest(); return findByContact(db, a, 'zuid', `r${residents}@example.org`, NOW); } },
  { name: 'deleteResidentData', allowed: ['deskZuid', 'admin'], run: async (a) => deleteResidentData(db, a, (await interest()).reference, NOW) },
  { name: 'regionReport', allowed: ['deskZuid', 'managerZuid', 'admin'], run: (a) => regionReport(db, a, 'zuid', { from: '2026-01-01', to: '2026-12-31' }) },
  { name: 'regionReport (national)', allowed: ['admin'], run: (a) => regionReport(db, a, undefined, { from: '2026-01-01', to: '2026-12-31' }) },
  // Summaries in residents' languages: the region's desk (and its volunteer translators, summaries.test.ts).
  { name: 'listingSummaries', allowed: ['deskZuid', 'admin'], run: async (a) => listingSummaries(db, a, (await published()).id) },
  { name: 'saveSummary', allowed: ['deskZuid', 'admin'], run: async (a) => saveSummary(ctx, a, (await published()).id, 'ar', { title: 'عمل', text: 'نص قصير.' }) },
  { name: 'removeSummary', allowed: ['deskZuid', 'admin'], run: async (a) => { const l = await published(); await saveSummary(ctx, actors.deskZuid, l.id, 'ar', { title: 'عمل', text: 'نص قصير.' }); return removeSummary(ctx, a, l.id, 'ar'); } },
  { name: 'machineDraft', allowed: ['deskZuid', 'admin'], run: async (a) => machineDraft(db, a, new NoMachineTranslation(), (await published()).id, 'ar') },
  { name: 'translatorsOf', allowed: ['deskZuid', 'admin'], run: (a) => translatorsOf(db, a, 'zuid') },
  { name: 'inviteTranslator', allowed: ['deskZuid', 'admin'], run: (a) => inviteTranslator(ctx, a, 'zuid', { name: 'Vera', email: 'vera@example.org' }, 'nl') },
  { name: 'invitedTranslatorsOf', allowed: ['deskZuid', 'admin'], run: (a) => invitedTranslatorsOf(ctx, a, 'zuid') },
];

/**
 * Functions with an `actor` parameter that grant nothing by role: signing out ends the caller's
 * own session, whoever they are; `cancelSeat` and `deletePerson` take the actor's name for the
 * audit and are called only by use cases above that checked it (privacy, the sweep).
 */
// The invitee's own invitations: anyone signed in sees, accepts or declines those addressed to them (test/security/membership-consent.test.ts).
// editEffect only says what an edit will do, for a listing its caller has already loaded with its rights.
const NOT_ROLE_GATED = new Set(['editEffect', 'signOut', 'cancelSeat', 'deletePerson', 'myInvitations', 'acceptInvitation', 'declineInvitation', 'myTranslatorInvitations', 'acceptTranslatorInvitation', 'declineTranslatorInvitation']);
void signOut;

describe.each(CASES)('$name', (c) => {
  it.each(EVERYONE)('as %s', async (who) => {
    const outcome = c.run(actors[who]);
    if (c.allowed.includes(who)) await expect(outcome).resolves.not.toThrow();
    else await expect(outcome).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('import by a desk of another region', () => {
  it('imports nothing, and reports each row as refused', async () => {
    const rows = await importListings(ctx, actors.deskNoord, csv(), { publish: true });
    expect(rows).toEqual([{ line: 2, title: 'Heftruck', errors: [{ field: 'locationId', key: 'error.forbidden' }] }]);
  });
});

describe('the matrix', () => {
  it('names every use case in shared/services that takes an actor', async () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const takesActor: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const module = (await import(`./${file}`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== 'function') continue;
        const params = /\(([^)]*)\)/.exec(value.toString())?.[1] ?? '';
        if (params.split(',').some((p) => p.trim().split(/[\s=:]/)[0] === 'actor')) takesActor.push(name);
      }
    }
    const covered = new Set(CASES.map((c) => c.name.split(' ')[0]!));
    expect(takesActor.filter((n) => !covered.has(n) && !NOT_ROLE_GATED.has(n))).toEqual([]);
    expect(takesActor.length).toBeGreaterThan(30);
  });
});

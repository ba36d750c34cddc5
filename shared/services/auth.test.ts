import { beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Outbox } from '../adapters/mail-outbox.js';
import { keys } from '../db/keys.js';
import { ValidationError } from '../errors.js';
import { auditHistory } from '../repositories/audit.js';
import { listOrganisations } from '../repositories/organisations.js';
import { membershipsOfUser, putMembership, putUser } from '../repositories/users.js';
import { LocalSignInQueue } from '../adapters/sign-in-queue-local.js';
import { actorOfSession, completeSignIn, mailSignInLink, requestEmployerSignup, requestSignIn as request, signOut, SIGN_IN_LIMITS } from './auth.js';
import { hashSecret } from './login-link.js';
import type { ServiceContext } from './context.js';
import { createTestDb } from '../../test/db.js';
import { NOW, seedDirectory, seedOrganisation } from '../../test/fixtures.js';

let db: Awaited<ReturnType<typeof createTestDb>>;
let now = NOW;
const outbox = new Outbox();
const ctx = (): ServiceContext => ({ db, mail: outbox, clock: { now: () => now }, config: { PUBLIC_ORIGIN: 'https://opweg.example.org', SESSION_HOURS: 12 } });
const queue = new LocalSignInQueue((r) => mailSignInLink(ctx(), r).then(() => undefined));
/** Asks for a link, and waits until the queue's consumer has dealt with it. */
async function requestSignIn(...[c, input, client]: [ServiceContext, unknown, string]) {
  const result = await request(c, queue, input, client);
  await queue.settled();
  return result;
}
const tokenOf = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
let client = 0;
/** A fresh client address per test, so the per-client limit of one test does not touch another. */
const nextClient = () => `192.0.2.${++client}`;

async function employer(email: string) {
  const org = await seedOrganisation(db);
  await putUser(db, { id: ulid(), email, name: 'Wendy', createdAt: NOW.toISOString() });
  await putMembership(db, { role: 'employer', email, organisationId: org.id });
  return org;
}

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
});

describe('sign-in by e-mail link', () => {
  it('mails a link to a known address; the link opens one session, once; the table holds only hashes', async () => {
    now = NOW;
    await employer('known@example.org');
    expect(await requestSignIn(ctx(), { email: ' Known@Example.org ', locale: 'en' }, nextClient())).toBe('sent');
    const mail = outbox.latestTo('known@example.org')!;
    expect(mail.subject).toBe('Your OpWeg sign-in link');
    expect(mail.text).toContain('https://opweg.example.org/portal/login/confirm?token=');
    const token = tokenOf(mail.text);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);

    const stored = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.loginToken(hashSecret(token)) }));
    expect(stored.Item).toMatchObject({ email: 'known@example.org', expiresAt: Math.floor(NOW.getTime() / 1000) + 15 * 60 });
    expect(JSON.stringify(stored.Item)).not.toContain(token);

    const signedIn = await completeSignIn(ctx(), token);
    expect(signedIn).toMatchObject({ email: 'known@example.org', locale: 'en', maxAgeSeconds: 12 * 3600 });
    const session = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.session(hashSecret(signedIn!.sessionId)) }));
    expect(JSON.stringify(session.Item)).not.toContain(signedIn!.sessionId);
    const actor = await actorOfSession(ctx(), signedIn!.sessionId);
    expect(actor).toMatchObject({ kind: 'person', email: 'known@example.org', memberships: [{ role: 'employer' }] });

    expect(await completeSignIn(ctx(), token)).toBeUndefined();
    expect((await auditHistory(db, 'user', 'known@example.org')).map((e) => e.action)).toEqual(['user.signed-in']);
  });

  it('sends nothing to an unknown address, and answers the same', async () => {
    const before = outbox.messages().length;
    expect(await requestSignIn(ctx(), { email: 'stranger@example.org' }, nextClient())).toBe('sent');
    expect(outbox.messages()).toHaveLength(before);
  });

  it('refuses a link after 15 minutes, even while the item still exists (TTL deletes late)', async () => {
    now = NOW;
    await employer('late@example.org');
    await requestSignIn(ctx(), { email: 'late@example.org' }, nextClient());
    const token = tokenOf(outbox.latestTo('late@example.org')!.text);
    now = new Date(NOW.getTime() + 15 * 60 * 1000);
    expect(await completeSignIn(ctx(), token)).toBeUndefined();
    const stored = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.loginToken(hashSecret(token)) }));
    expect(stored.Item).toBeDefined();
    now = NOW;
  });

  it('lets only one of two simultaneous uses of a link sign in', async () => {
    now = NOW;
    await employer('twice@example.org');
    await requestSignIn(ctx(), { email: 'twice@example.org' }, nextClient());
    const token = tokenOf(outbox.latestTo('twice@example.org')!.text);
    const results = await Promise.all([completeSignIn(ctx(), token), completeSignIn(ctx(), token), completeSignIn(ctx(), token)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('ends a session at sign-out, and a session past its hours', async () => {
    now = NOW;
    await employer('session@example.org');
    await requestSignIn(ctx(), { email: 'session@example.org' }, nextClient());
    const first = (await completeSignIn(ctx(), tokenOf(outbox.latestTo('session@example.org')!.text)))!;
    const actor = await actorOfSession(ctx(), first.sessionId);
    await signOut(ctx(), first.sessionId, actor);
    expect(await actorOfSession(ctx(), first.sessionId)).toEqual({ kind: 'anonymous' });

    await requestSignIn(ctx(), { email: 'session@example.org' }, nextClient());
    const second = (await completeSignIn(ctx(), tokenOf(outbox.latestTo('session@example.org')!.text)))!;
    expect(second.sessionId).not.toBe(first.sessionId);
    now = new Date(NOW.getTime() + 12 * 3600 * 1000);
    expect(await actorOfSession(ctx(), second.sessionId)).toEqual({ kind: 'anonymous' });
    expect(await actorOfSession(ctx(), 'made-up')).toEqual({ kind: 'anonymous' });
    expect(await actorOfSession(ctx(), undefined)).toEqual({ kind: 'anonymous' });
    now = NOW;
  });

  it('limits links per address from one client, and per client, in a window of 15 minutes', async () => {
    now = new Date('2026-11-23T11:00:00.000Z');
    await employer('eager@example.org');
    const results = [];
    const eagerClient = nextClient();
    for (let i = 0; i < SIGN_IN_LIMITS.address.max + 2; i++) results.push(await requestSignIn(ctx(), { email: 'eager@example.org' }, eagerClient));
    expect(results.filter((r) => r === 'sent')).toHaveLength(SIGN_IN_LIMITS.address.max);
    expect(results.at(-1)).toBe('rate-limited');
    // Another client is not locked out with it (the address's owner elsewhere).
    expect(await requestSignIn(ctx(), { email: 'eager@example.org' }, nextClient())).toBe('sent');
    // The next window opens again.
    now = new Date(now.getTime() + SIGN_IN_LIMITS.address.windowSeconds * 1000);
    expect(await requestSignIn(ctx(), { email: 'eager@example.org' }, eagerClient)).toBe('sent');

    const oneClient = nextClient();
    const byClient = [];
    for (let i = 0; i < SIGN_IN_LIMITS.client.max + 1; i++) byClient.push(await requestSignIn(ctx(), { email: `someone${i}@example.org` }, oneClient));
    expect(byClient.filter((r) => r === 'rate-limited')).toHaveLength(1);
    expect(byClient.at(-1)).toBe('rate-limited');
    // Counters expire: the TTL attribute is set, and no address or client is stored in the clear.
    const items = await db.doc.send(new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': keys.rateLimit('signin-client', hashSecret(oneClient), Math.floor(now.getTime() / 1000 / 900) * 900).pk, ':sk': 'RATE' } }));
    expect(items.Items?.[0]).toMatchObject({ hits: SIGN_IN_LIMITS.client.max, expiresAt: expect.any(Number) });
    now = NOW;
  });

  it('refuses a malformed address with a field message, and mails nothing', async () => {
    const before = outbox.messages().length;
    await expect(requestSignIn(ctx(), { email: 'not an address' }, nextClient())).rejects.toMatchObject({ fields: [{ field: 'email', key: 'error.invalid_email' }] });
    expect(outbox.messages()).toHaveLength(before);
  });
});

describe('employer sign-up', () => {
  const signup = {
    name: 'Bakkerij Zoet', kvk: '12345678', sector: 'Bakkerij', address: 'Markt 1, 5911 HJ Venlo',
    regionIds: ['zuid'], personName: 'Bas Bakker', email: 'bas@example.org',
  };

  it('stores nothing until the link is opened; then the organisation, its member and a session', async () => {
    now = NOW;
    expect(await requestEmployerSignup(ctx(), signup, nextClient(), 'nl')).toBe('sent');
    expect((await listOrganisations(db)).map((o) => o.name)).not.toContain('Bakkerij Zoet');
    expect(await membershipsOfUser(db, 'bas@example.org')).toEqual([]);
    const mail = outbox.latestTo('bas@example.org')!;
    expect(mail.subject).toBe('Bevestig uw aanmelding bij OpWeg');
    const signedIn = await completeSignIn(ctx(), tokenOf(mail.text));
    const org = (await listOrganisations(db)).find((o) => o.name === 'Bakkerij Zoet');
    expect(org).toMatchObject({ kind: 'employer', kvk: '12345678', trusted: false, regionIds: ['zuid'] });
    expect(await membershipsOfUser(db, 'bas@example.org')).toEqual([{ role: 'employer', email: 'bas@example.org', organisationId: org!.id, owner: true }]);
    expect(await actorOfSession(ctx(), signedIn!.sessionId)).toMatchObject({ email: 'bas@example.org' });
    expect((await auditHistory(db, 'organisation', org!.id)).map((e) => [e.action, e.actor])).toEqual([['organisation.created', 'bas@example.org']]);
  });

  it('refuses a KvK number that is not 8 digits, an unknown region and a javascript: website', async () => {
    const attempt = (o: object) => requestEmployerSignup(ctx(), { ...signup, email: 'x@example.org', ...o }, nextClient(), 'nl').catch((e: unknown) => e);
    expect(((await attempt({ kvk: '1234' })) as ValidationError).fields).toContainEqual({ field: 'kvk', key: 'error.invalid_kvk' });
    expect(((await attempt({ website: 'javascript:alert(1)' })) as ValidationError).fields).toContainEqual({ field: 'website', key: 'error.invalid_url' });
    expect(((await attempt({ regionIds: ['atlantis'] })) as ValidationError).fields).toContainEqual({ field: 'regionIds', key: 'error.invalid_choice' });
    expect(outbox.latestTo('x@example.org')).toBeUndefined();
  });
});

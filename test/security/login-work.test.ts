import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { SignInRequest } from '../../shared/domain/session.js';
import type { Mail } from '../../shared/ports/mail.js';
import { loadConfig } from '../../shared/config/index.js';
import { ORIGIN_SECRET_HEADER } from '../../shared/config/origin.js';
import { mailSignInLink, SIGN_IN_LIMITS } from '../../shared/services/auth.js';
import { client, formBody, seedPeople } from '../../web/portal/testing.js';
import { createApp } from '../../web/app.js';
import { createTestDb } from '../db.js';
import { NOW, seedDirectory } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * The sign-in form must not tell, by its speed, whether an address has an account. So it does
 * the same work for every address by construction: two rate-limit counters and one message on
 * the sign-in queue; the look-up and the mail happen in the queue's consumer, after the answer.
 * This test checks the work (the DynamoDB commands each request sends, through a middleware on
 * the client), not the time: `npm run bench` measures the medians (scripts/bench-login.ts).
 */
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  await seedPeople(db, [
    { role: 'desk', email: 'bekend@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'ook-bekend@example.org', regionId: 'zuid', locationIds: [] },
  ]);
});

/** Every command the app sends to the table, with the kind of item it touches (its key's prefix). */
function recordStoreWork() {
  const work: string[] = [];
  db.doc.middlewareStack.add(
    (next, context) => (args) => {
      type Pk = string | { S?: string } | undefined;
      const input = args.input as { Key?: { pk?: Pk }; Item?: { pk?: Pk }; IndexName?: string };
      const raw = input.Key?.pk ?? input.Item?.pk ?? input.IndexName ?? '';
      const pk = typeof raw === 'string' ? raw : (raw.S ?? '');
      work.push(`${context.commandName} ${pk.split('#')[0]}`);
      return next(args);
    },
    { step: 'initialize', name: 'loginWork' },
  );
  return Object.assign(work, { stop: () => db.doc.middlewareStack.remove('loginWork') });
}

describe('the sign-in form', () => {
  it('does the same store work for a known and an unknown address, looks nothing up and mails nothing while answering', async () => {
    const held: SignInRequest[] = [];
    const outbox = new Outbox();
    let tick = 0;
    // Each request in a rate-limit window of its own, so that earlier requests change nothing.
    const clock = { now: () => new Date(NOW.getTime() + tick++ * (SIGN_IN_LIMITS.client.windowSeconds + 1) * 1000) };
    // The queue keeps what it is given, so that its consumer's work is not mixed into the request's.
    const server = await startTestServer(db, { mail: outbox, clock, signIns: { enqueue: async (r) => void held.push(r) } });
    try {
      const work = recordStoreWork();
      const ask = async (email: string) => {
        work.length = 0;
        expect((await client(server.url).post('/portal/login', { email })).status).toBe(200);
        return [...work];
      };
      const known = await ask('bekend@example.org');
      const unknown = await ask('onbekend@example.org');
      expect(known).toEqual(unknown);
      // The two rate-limit counters (per client; per address and client), nothing else: no
      // membership or invitation read, no token written.
      expect(known).toEqual(['UpdateItemCommand RATE', 'UpdateItemCommand RATE']);
      expect(outbox.messages()).toHaveLength(0);
      expect(held).toEqual([
        { email: 'bekend@example.org', locale: 'nl' },
        { email: 'onbekend@example.org', locale: 'nl' },
      ]);

      // The consumer decides: a link for the known address, nothing (not even a token) for the other.
      const ctx = { db, mail: outbox, clock, config: server.config };
      expect(await mailSignInLink(ctx, held[0]!)).toBe('mailed');
      work.length = 0;
      expect(await mailSignInLink(ctx, held[1]!)).toBe('unknown');
      expect(work.every((w) => w.startsWith('QueryCommand'))).toBe(true);
      expect(outbox.messages().map((m) => m.to)).toEqual(['bekend@example.org']);
      expect(outbox.latestTo('bekend@example.org')?.text).toContain('/portal/login/confirm?token=');
      work.stop();
    } finally {
      await server.close();
    }
  });

  it('answers while the mail is still on its way (a mail service that never answers holds up nothing)', async () => {
    const sending: Mail[] = [];
    const stuckMail = { send: (mail: Mail) => new Promise<void>(() => void sending.push(mail)) };
    const server = await startTestServer(db, { mail: stuckMail, clock: { now: () => NOW } });
    try {
      const res = await client(server.url).post('/portal/login', { email: 'ook-bekend@example.org' });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Als dit adres een OpWeg-account heeft');
      // The consumer, in the background, got as far as the mail service.
      await expect.poll(() => sending.map((m) => m.to)).toEqual(['ook-bekend@example.org']);
    } finally {
      await server.close();
    }
  });

  it('limits an address per client: requests from elsewhere do not lock its owner out', async () => {
    await seedPeople(db, [{ role: 'desk', email: 'eigenaar@example.org', regionId: 'zuid', locationIds: [] }]);
    const mail = new Outbox();
    const secret = 'origin-secret-for-this-test';
    const app = createApp({ db, mail, clock: { now: () => NOW }, config: loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, ORIGIN_SECRETS: secret }) });
    const post = (viewer: string) =>
      app.request('/portal/login', { method: 'POST', body: formBody({ email: 'eigenaar@example.org' }), headers: { [ORIGIN_SECRET_HEADER]: secret, 'cloudfront-viewer-address': viewer, origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' } });
    // Someone else asks for the owner's link over and over, until refused …
    for (let i = 0; i < SIGN_IN_LIMITS.address.max; i++) expect((await post('198.51.100.66:1000')).status).toBe(200);
    expect((await post('198.51.100.66:1000')).status).toBe(429);
    // … and the owner, from their own network, still gets one.
    expect((await post('203.0.113.5:2000')).status).toBe(200);
    await expect.poll(() => mail.messages().length).toBe(SIGN_IN_LIMITS.address.max + 1);
  });
});

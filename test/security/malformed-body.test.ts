import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { createTestDb } from '../db.js';
import { clock, seedDirectory } from '../fixtures.js';
import { startTestServer } from '../server.js';

/** A malformed multipart body is the sender's error: a clear 400 page, not a 500. */
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  server = await startTestServer(db, { mail: new Outbox(), clock });
});
afterAll(() => server?.close());

describe('a malformed multipart body', () => {
  it('gets 400', async () => {
    const res = await fetch(`${server.url}/portal/login`, {
      method: 'POST',
      body: '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nno end boundary',
      headers: { origin: server.url, 'content-type': 'multipart/form-data; boundary=' },
    });
    expect(res.status).toBe(400);
  });
});

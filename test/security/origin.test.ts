import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { loadConfig } from '../../shared/config/index.js';
import { ORIGIN_SECRET_HEADER } from '../../shared/config/origin.js';
import { SIGN_IN_LIMITS } from '../../shared/services/auth.js';
import { createApp } from '../../web/app.js';
import { formBody } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, seedDirectory } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * Rate limits count per client. `CloudFront-Viewer-Address` names the client only when the request
 * came through CloudFront, which proves it with the origin secret; anyone can send that header.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  server = await startTestServer(db, { mail: new Outbox(), clock });
});
afterAll(() => server?.close());

const login = (url: string, n: number, headers: Record<string, string> = {}) =>
  fetch(`${url}/portal/login`, { method: 'POST', body: formBody({ email: `iemand${n}@example.org` }), headers: { origin: url, ...headers }, redirect: 'manual' });

describe('a forged CloudFront-Viewer-Address', () => {
  it('does not get a client past the sign-in limit locally: the socket’s address counts', async () => {
    const statuses: number[] = [];
    for (let n = 0; n <= SIGN_IN_LIMITS.client.max + 5; n++) statuses.push((await login(server.url, n, { 'cloudfront-viewer-address': `203.0.113.${n}:443` })).status);
    expect(statuses.slice(0, SIGN_IN_LIMITS.client.max).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(SIGN_IN_LIMITS.client.max)).toEqual(Array(6).fill(429));
  });
});

describe('behind CloudFront (the origin secret configured)', () => {
  const secret = 'a-long-random-origin-secret-from-ssm';
  const app = () => createApp({ db, clock, mail: new Outbox(), config: loadConfig({ TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, CURSOR_SECRET: db.cursorSecret, ORIGIN_SECRETS: `${secret} the-previous-secret` }) });

  it('refuses portal requests without the secret, or with a wrong one, whatever else they carry', async () => {
    const a = app();
    expect((await a.request('/portal/login')).status).toBe(403);
    expect((await a.request('/portal/login', { headers: { [ORIGIN_SECRET_HEADER]: 'guess', 'cloudfront-viewer-address': '203.0.113.9:443' } })).status).toBe(403);
    expect((await a.request('/portal/login', { headers: { [ORIGIN_SECRET_HEADER]: secret } })).status).toBe(200);
    // The previous value still works while CloudFront's edges switch to the new one.
    expect((await a.request('/portal/login', { headers: { [ORIGIN_SECRET_HEADER]: 'the-previous-secret' } })).status).toBe(200);
  });

  it('then counts clients by the viewer address CloudFront gives', async () => {
    const a = app();
    const post = (n: number, viewer: string) =>
      a.request('/portal/login', { method: 'POST', body: formBody({ email: `ander${n}@example.org` }), headers: { [ORIGIN_SECRET_HEADER]: secret, 'cloudfront-viewer-address': viewer, origin: 'http://localhost:3000', 'content-type': 'application/x-www-form-urlencoded' } });
    for (let n = 0; n < SIGN_IN_LIMITS.client.max; n++) expect((await post(n, '198.51.100.7:1234')).status).toBe(200);
    expect((await post(99, '198.51.100.7:999')).status).toBe(429);
    expect((await post(100, '198.51.100.8:1234')).status).toBe(200);
  });
});

import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { ulid } from 'ulid';
import { Outbox } from '../shared/adapters/mail-outbox.js';
import { loadConfig } from '../shared/config/index.js';
import { ensureTable } from '../shared/db/bootstrap.js';
import { createDb } from '../shared/db/client.js';
import type { Mail } from '../shared/ports/mail.js';
import { putMembership, putUser } from '../shared/repositories/users.js';
import { SIGN_IN_LIMITS } from '../shared/services/auth.js';
import { createApp } from '../web/app.js';
import { startDynamoDbLocal } from './dynamodb-local.js';

/** Issue 12's bound: the medians of known and unknown addresses within this many ms. */
export const LOGIN_TARGET_MS = 10;
/** Like a slow SES send: were the mail awaited, known addresses would be this much slower. */
const MAIL_MS = 60;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The sign-in form's speed for addresses with and without an account: `tries` requests each
 * way against the local app on DynamoDB Local, interleaved in pairs (each side first half of
 * the time), each on a connection of its own, with a mail service that takes MAIL_MS. Prints
 * the medians and their difference; never asserted (the tests check the work, not the time).
 */
export async function benchLogin(tries = 50): Promise<[string, string | number][]> {
  const local = await startDynamoDbLocal();
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const tableName = 'bench-login';
  const db = createDb({ tableName, endpoint: local.endpoint, cursorSecret: 'bench-cursor-secret-0123456789' });
  const outbox = new Outbox(tries * 2);
  let mailed = 0;
  const slowMail = { send: async (mail: Mail) => { await new Promise((ok) => setTimeout(ok, MAIL_MS)); mailed++; await outbox.send(mail); } };
  // Every request in a rate-limit window of its own, so that 100 tries from one client stay under the limits.
  let tick = 0;
  const start = Date.now();
  const clock = { now: () => new Date(start + tick++ * (SIGN_IN_LIMITS.client.windowSeconds + 1) * 1000) };
  try {
    await ensureTable(client, tableName);
    for (let i = 0; i < tries; i++) {
      const email = `bekend${i}@example.org`;
      await putUser(db, { id: ulid(), email, name: email, createdAt: new Date().toISOString() });
      await putMembership(db, { role: 'desk', email, regionId: 'zuid', locationIds: [] });
    }
    const config = loadConfig({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: local.endpoint, LOCAL_DEV: '1' });
    const app = createApp({ db, config, mail: slowMail, clock });
    const server = await new Promise<ReturnType<typeof serve>>((ok) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config.PUBLIC_ORIGIN = url;
    /** One sign-in request on a connection of its own (as separate visitors' would be), timed to the end of the answer. */
    const timed = (email: string) =>
      new Promise<number>((ok, fail) => {
        const body = new URLSearchParams({ email }).toString();
        const began = performance.now();
        const req = request(`${url}/portal/login`, { method: 'POST', agent: false, headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? ok(performance.now() - began) : fail(new Error(`status ${res.statusCode}`))));
        });
        req.on('error', fail);
        req.end(body);
      });
    try {
      for (let i = 0; i < 5; i++) await timed(`opwarmen${i}@example.org`);
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < tries; i++) {
        const pair = [async () => known.push(await timed(`bekend${i}@example.org`)), async () => unknown.push(await timed(`onbekend${i}@example.org`))];
        for (const run of i % 2 === 0 ? pair : pair.reverse()) await run();
      }
      // The mail did go, to the known addresses only, after the answers.
      const deadline = Date.now() + 30_000;
      while (mailed < tries && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
      const [k, u] = [median(known), median(unknown)];
      return [
        [`login: median answer ms, ${tries} tries each way (known / unknown address; mail takes ${MAIL_MS} ms)`, `${k.toFixed(1)} / ${u.toFixed(1)}`],
        [`login: difference of the medians, ms (target < ${LOGIN_TARGET_MS})`, Number(Math.abs(k - u).toFixed(1))],
        ['login: links mailed (known addresses only) / to unknown addresses', `${mailed} / ${outbox.messages().filter((m) => m.to.startsWith('onbekend')).length}`],
      ];
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  } finally {
    client.destroy();
    db.doc.destroy();
    await local.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const [name, value] of await benchLogin()) console.log(`${name}  ${value}`);

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { ensureTable } from '../../shared/db/bootstrap.js';
import { createDb } from '../../shared/db/client.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { t } from '../../shared/i18n/index.js';
import { getListing, listingsOfOrganisation } from '../../shared/repositories/listings.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { formBody, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/dynamodb-local.js';
import { clock, NOW, seedDirectory, seedOrganisation } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * DynamoDB hangs for ~10 s in the middle of portal traffic: its process is paused (SIGSTOP), so
 * the kernel still accepts connections but nothing answers, which no timeout but ours ends.
 * Its own DynamoDB Local (in memory, a free port), so the run's shared one is never paused.
 * Requests meanwhile must end with the 503 "try again" page (the portal's deadline,
 * PORTAL_TIMEOUT_SECONDS) rather than hang; afterwards the portal serves again and no
 * acknowledged write is lost.
 */
const PAUSE_MS = 10_000;
/** A request not answered by then counts as hung (no claim about speed: far above the deadline). */
const HANG_MS = 30_000;
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

let local: DynamoDbLocal;
let db: ReturnType<typeof createDb> & { endpoint: string };
let server: Awaited<ReturnType<typeof startTestServer>>;
let org: Organisation;
let employer: PortalClient;
let employerEn: PortalClient;
const outbox = new Outbox();

/** Never leave Java paused: a stopped process ignores SIGTERM until continued. */
const resume = () => {
  if (local?.process.pid === undefined || local.process.exitCode !== null) return;
  try {
    process.kill(local.process.pid, 'SIGCONT');
  } catch {
    // Already gone.
  }
};

beforeAll(async () => {
  local = await startDynamoDbLocal();
  process.once('exit', resume);
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, 'hang');
  client.destroy();
  db = { ...createDb({ tableName: 'hang', endpoint: local.endpoint, cursorSecret: 'test-cursor-secret-0123456789' }), endpoint: local.endpoint };
  await seedDirectory(db);
  // Trusted: a submitted listing is published at once.
  org = await seedOrganisation(db, { trusted: true });
  for (const email of ['werkgever@example.org', 'employer@example.org']) {
    await putUser(db, { id: ulid(), email, name: 'W', createdAt: NOW.toISOString() });
    await putMembership(db, { role: 'employer', email, organisationId: org.id });
  }
  server = await startTestServer(db, { mail: outbox, clock });
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
  employerEn = await signedIn(server.url, outbox, 'employer@example.org', 'en');
}, 90_000);

afterAll(async () => {
  resume();
  process.off('exit', resume);
  await server?.close();
  await local?.stop();
});

const listingForm = (title: string) => ({
  kind: 'job', title, description: 'Oogsten en inpakken van tomaten.', language: 'nl', locationId: 'venlo', openTo: 'permit-holders-and-asylum-seekers',
  dutchLevel: 'A1', hoursPerWeek: '32', wagePerHour: '15.20', startDate: '2026-12-07', closingDate: '2026-12-20', 'workplace.city': 'Venlo',
});

interface Answer {
  who: string;
  started: number;
  ended: number;
  /** 'hung': no answer within HANG_MS. */
  status: number | 'hung';
  body: string;
  location?: string;
}

describe('DynamoDB hangs for a while', () => {
  it('answers 503 "try again" meanwhile instead of hanging, then serves again, losing no acknowledged write', async () => {
    const answers: Answer[] = [];
    const ask = async (who: string, as: PortalClient, path: string, form?: Record<string, string>): Promise<Answer> => {
      const started = Date.now();
      let answer: Answer;
      try {
        const res = await fetch(`${server.url}${path}`, {
          method: form ? 'POST' : 'GET',
          body: form ? formBody(form) : undefined,
          headers: { cookie: as.cookie, origin: server.url },
          redirect: 'manual',
          signal: AbortSignal.timeout(HANG_MS),
        });
        answer = { who, started, ended: Date.now(), status: res.status, body: await res.text(), location: res.headers.get('location') ?? undefined };
      } catch (e) {
        if ((e as Error).name !== 'TimeoutError') throw e;
        answer = { who, started, ended: Date.now(), status: 'hung', body: '' };
      }
      answers.push(answer);
      return answer;
    };

    /** What the portal acknowledged: created listings, and whether their submit was acknowledged too. */
    const acknowledged = new Map<string, 'draft' | 'published'>();
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const created = await ask(`writer ${w}`, employer, `/portal/org/${org.id}/listings`, listingForm(`Vacature ${w}.${i}`));
        if (created.status === 303) {
          const id = /listings\/([0-9A-Z]{26})/.exec(created.location!)![1]!;
          acknowledged.set(id, 'draft');
          if ((await ask(`writer ${w}`, employer, `/portal/listings/${id}/submit`, { version: '1' })).status === 303) acknowledged.set(id, 'published');
        }
        await sleep(100);
      }
    };
    const reader = async () => {
      while (!stop) {
        await ask('reader', employerEn, '/portal/');
        await sleep(100);
      }
    };
    const traffic = Promise.all([writer(1), writer(2), writer(3), reader()]);

    let paused = 0;
    let resumed = 0;
    let health: Answer | undefined;
    try {
      await sleep(3_000);
      paused = Date.now();
      process.kill(local.process.pid!, 'SIGSTOP');
      await sleep(500);
      health = await ask('health', employer, '/healthz');
      await sleep(paused + PAUSE_MS - Date.now());
    } finally {
      resume();
      resumed = Date.now();
    }
    await sleep(8_000);
    stop = true;
    await traffic;

    // Nothing hung, nothing failed otherwise: successes and 503s only.
    expect(answers.filter((a) => a.status === 'hung').map((a) => a.who)).toEqual([]);
    expect([...new Set(answers.map((a) => a.status))].filter((s) => s !== 200 && s !== 303 && s !== 503)).toEqual([]);
    expect(answers.filter((a) => a.ended < paused).length).toBeGreaterThan(3);

    // Answered while DynamoDB was paused (each one's request in flight is, at its deadline): the
    // 503 page, in the person's language. The first second is left out: an answer may have been
    // on its way when the pause began.
    const whilePaused = answers.filter((a) => a.ended >= paused + 1_000 && a.ended < resumed);
    expect(whilePaused.map((a) => a.status)).toEqual(whilePaused.map(() => 503));
    expect(new Set(whilePaused.map((a) => a.who)), 'who got an answer while DynamoDB was paused').toEqual(new Set(['writer 1', 'writer 2', 'writer 3', 'reader', 'health']));
    expect(health).toMatchObject({ status: 503, body: JSON.stringify({ ok: false }) });
    for (const a of whilePaused.filter((a) => a.who !== 'health')) expect(a.body).toContain(t(a.who === 'reader' ? 'en' : 'nl', 'portal.error.unavailable'));

    // Serving again: each one's last answers are successes, and a fresh page and write work.
    for (const who of ['writer 1', 'writer 2', 'writer 3', 'reader']) {
      expect(answers.filter((a) => a.who === who).slice(-2).map((a) => a.status), who).toEqual(who === 'reader' ? [200, 200] : [303, 303]);
    }
    expect((await ask('after', employer, '/portal/')).status).toBe(200);
    expect((await ask('after', employer, `/portal/org/${org.id}/listings`, listingForm('Na de storing'))).status).toBe(303);

    // No acknowledged write is lost. A write answered 503 may still have been applied (DynamoDB
    // had it when it paused, or the request went on after the deadline): not acknowledged, so
    // allowed either way; a draft whose submit was not acknowledged may be published.
    const lost: string[] = [];
    for (const [id, state] of acknowledged) {
      const stored = (await getListing(db, id, true))?.status;
      if (stored === undefined || (state === 'published' && stored !== 'published')) lost.push(`${id}: acknowledged ${state}, stored ${stored}`);
    }
    expect(lost).toEqual([]);
    expect([...acknowledged.values()].filter((s) => s === 'published').length).toBeGreaterThan(3);

    let stored = 0;
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await listingsOfOrganisation(db, org.id, { cursor, limit: 100 });
      stored += page.items.length;
      cursor = page.cursor;
    }
    console.info(
      `hang test: ${answers.length} requests, ${whilePaused.length} answered during the pause (all 503), ` +
        `${answers.filter((a) => a.status === 503).length} 503s in all; ${acknowledged.size + 1} listings acknowledged, ${stored} stored ` +
        `(${stored - acknowledged.size - 1} applied without acknowledgement); longest answer ${Math.max(...answers.map((a) => a.ended - a.started))} ms`,
    );
  }, 120_000);
});

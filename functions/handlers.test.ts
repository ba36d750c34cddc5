import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBRecord } from 'aws-lambda';
import S3rver from 's3rver';
import { followStream } from '../web/site/stream.js';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { buildHandlers, type BuiltHandler } from '../scripts/build.js';
import { keys } from '../shared/db/keys.js';
import { getListing } from '../shared/repositories/listings.js';
import { putMembership, putUser } from '../shared/repositories/users.js';
import { changeStatus, createListing } from '../shared/services/listings.js';
import { createTestDb } from '../test/db.js';
import { clock, employerOf, seedDirectory, seedOrganisation, vacancy } from '../test/fixtures.js';
import { deadLetterFor, isAbout } from '../web/site/testing.js';
import { getRenderRun, startRenderRun } from '../shared/repositories/render-runs.js';
import { LOCALES, t } from '../shared/i18n/index.js';
import { interestIdByReference } from '../shared/repositories/interests.js';
import { paths } from '../web/site/paths.js';
import { ETHIOPIC_FONT_PATH } from '../web/ui/site-style.js';
import { httpApiEvent, lambdaContext, scheduledEvent, sqsEvent } from './events.js';

// The bundles exactly as Lambda gets them, built into a folder of this run's own (so a parallel
// `npm run build` or bench cannot swap a file under it).
const outdir = `dist/.test-${ulid()}`;
let built: BuiltHandler[];
let db: Awaited<ReturnType<typeof createTestDb>>;
let s3: S3rver;
const s3Folder = mkdtempSync(join(tmpdir(), 'opweg-s3-'));
/** What the bundles send to SES: a stand-in on a loopback port records SendEmail calls (SES has no local edition). */
const sesCalls: { path: string; body: { Destination?: { ToAddresses?: string[] }; Content?: { Simple?: { Body?: { Text?: { Data?: string } } } } } }[] = [];
let ses: Server;

beforeAll(async () => {
  db = await createTestDb();
  // The site bucket: a local S3 on a free loopback port.
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: s3Folder, configureBuckets: [{ name: 'site' }] });
  const { port } = await s3.run();
  process.env.S3_ENDPOINT = `http://127.0.0.1:${port}`;
  process.env.SITE_BUCKET = 'site';
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  process.env.AWS_REGION = 'eu-west-1'; // Lambda always sets it
  // What the stack sets on AWS; the bundles read it at import (cold start).
  process.env.TABLE_NAME = db.tableName;
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  ses = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      sesCalls.push({ path: req.url ?? '', body: JSON.parse(body || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ MessageId: `local-${sesCalls.length}` }));
    });
  });
  await new Promise<void>((ok) => ses.listen(0, '127.0.0.1', ok));
  process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${(ses.address() as AddressInfo).port}`;
  built = await buildHandlers({ outdir });
}, 600_000);
afterAll(async () => {
  s3c?.destroy();
  rmSync(outdir, { recursive: true, force: true });
  await s3?.close();
  rmSync(s3Folder, { recursive: true, force: true });
  await new Promise((ok) => ses?.close(ok));
});

const load = async (name: string) => import(pathToFileURL(built.find((b) => b.name === name)!.file).href);
const FONT = ETHIOPIC_FONT_PATH.slice(1);
let s3c: S3Client | undefined;
const s3Client = () => (s3c ??= new S3Client({ endpoint: process.env.S3_ENDPOINT, forcePathStyle: true, region: 'eu-west-1' }));
/** A file in the site bucket, as text. */
const object = async (key: string) => (await (await s3Client().send(new GetObjectCommand({ Bucket: 'site', Key: key }))).Body?.transformToString());

describe('the Lambda bundles', () => {
  it('build and load, each exporting a handler', async () => {
    expect(built.map((b) => b.name).sort()).toEqual(['portal', 'publish', 'renderChunk', 'repair', 'residents', 'signInMail', 'sweep']);
    for (const b of built) expect(typeof (await load(b.name)).handler).toBe('function');
    // Six cold starts of bundles up to 1 MB on a loaded 2-core machine: correctness, not speed.
  }, 600_000);

  it('portal answers an HTTP API event for /healthz from DynamoDB Local', async () => {
    const { handler } = await load('portal');
    const res = await handler(httpApiEvent('GET', '/healthz'), lambdaContext('opweg-portal'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  }, 600_000);

  it('portal keeps each resident catalogue in a chunk of its own and loads the one a resident page needs', async () => {
    const portal = built.find((b) => b.name === 'portal')!;
    expect(portal.staticChunks.some((c) => /\/(nl|en|ar|ti|fa|ps|tr|so|kmr|ckb)-/.test(c))).toBe(false);
    expect(Object.keys(portal.files).filter((f) => /^chunks\/(nl|en|ar|ti|fa|ps|tr|so|kmr|ckb)-/.test(f))).toHaveLength(10);
    const { handler } = await load('portal');
    // A staff page first (nl and en loaded by the portal's middleware), then a resident page in Sorani.
    expect((await handler(httpApiEvent('GET', '/portal/login'), lambdaContext('opweg-portal'))).statusCode).toBe(200);
    const cancel = await handler(httpApiEvent('GET', '/portal/cancel', { query: 'locale=ckb' }), lambdaContext('opweg-portal'));
    expect(cancel.statusCode).toBe(200);
    expect(cancel.body).toContain(t('ckb', 'cancel.title'));
  }, 600_000);

  it('residents stores an "I\'m interested" posted in Arabic and answers in Arabic, its catalogue loaded for that request', async () => {
    await seedDirectory(db);
    const org = await seedOrganisation(db, { trusted: true });
    const employer = employerOf(org.id);
    const draft = await createListing(db, employer, vacancy(org.id, { title: 'Orderpicker Venlo (residents)' }), clock);
    await changeStatus(db, employer, draft.id, 1, 'submit', { clock });
    const residents = built.find((b) => b.name === 'residents')!;
    // Each language's catalogue is a chunk of its own, not in the entry.
    expect(residents.staticChunks.some((c) => /\/(ar|nl|ti)-/.test(c))).toBe(false);
    expect(Object.keys(residents.files).filter((f) => /^chunks\/(nl|en|ar|ti|fa|ps|tr|so|kmr|ckb)-/.test(f))).toHaveLength(10);

    const { handler } = await load('residents');
    const body = new URLSearchParams([
      ['listingId', draft.id], ['locale', 'ar'], ['locationId', 'venlo'], ['name', 'سامر'], ['phone', '+31 6 1234 5678'],
      ['age', '18-plus'], ['eligibility', 'permit-holder'], ['dutchLevel', 'A2'], ['languages[]', 'ar'], ['consent', 'yes'],
    ]).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' };
    const res = await handler(httpApiEvent('POST', '/portal/interest', { body, headers }), lambdaContext('opweg-residents'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('dir="rtl"');
    expect(res.body).toContain(t('ar', 'interest.thanks'));
    const code = /class="reference">([A-Z0-9-]+)</.exec(res.body)?.[1];
    expect(await interestIdByReference(db, code!, new Date())).toBeDefined();

    // Another language in the same instance: its catalogue is loaded in turn.
    const cancel = await handler(httpApiEvent('GET', '/portal/cancel', { query: 'locale=ckb' }), lambdaContext('opweg-residents'));
    expect(cancel.statusCode).toBe(200);
    expect(cancel.body).toContain(t('ckb', 'cancel.title'));
    // A cross-site post: refused, stored nothing, said in Dutch (the language is not known yet).
    const crossSite = await handler(httpApiEvent('POST', '/portal/interest', { body, headers: { ...headers, origin: 'https://evil.example' } }), lambdaContext('opweg-residents'));
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.body).toContain(t('nl', 'error.forbidden'));
    // The staff portal is not here.
    expect((await handler(httpApiEvent('GET', '/portal/login'), lambdaContext('opweg-residents'))).statusCode).toBe(404);
  }, 600_000);

  it('signInMail, on a queued request, mails a link through SES to an address with an account, and nothing to one without', async () => {
    await seedDirectory(db);
    await putUser(db, { id: ulid(), email: 'balie@example.org', name: 'Balie', createdAt: new Date().toISOString() });
    await putMembership(db, { role: 'desk', email: 'balie@example.org', regionId: 'zuid', locationIds: [] });
    const { handler } = await load('signInMail');
    const before = sesCalls.length;
    const event = sqsEvent([JSON.stringify({ email: 'balie@example.org', locale: 'en' }), JSON.stringify({ email: 'niemand@example.org', locale: 'nl' })], 'OpWeg-dev-SignInRequests');
    expect(await handler(event, lambdaContext('opweg-sign-in-mail'))).toEqual({ batchItemFailures: [] });
    const sent = sesCalls.slice(before);
    expect(sent.map((c) => c.body.Destination?.ToAddresses)).toEqual([['balie@example.org']]);
    expect(sent[0]!.path).toBe('/v2/email/outbound-emails');
    expect(sent[0]!.body.Content?.Simple?.Body?.Text?.Data).toContain('/portal/login/confirm?token=');
    // A message that is not a request goes back to the queue (after three tries: FailedSignInMail).
    const bad = sqsEvent(['{"email":"not an address"}']);
    expect(await handler(bad, lambdaContext('opweg-sign-in-mail'))).toEqual({ batchItemFailures: [{ itemIdentifier: bad.Records[0]!.messageId }] });
  }, 600_000);

  it('sweep, on its hourly event, expires a listing past its closing date', async () => {
    await seedDirectory(db);
    const org = await seedOrganisation(db, { trusted: true });
    const employer = employerOf(org.id);
    const draft = await createListing(db, employer, vacancy(org.id, { closingDate: '2026-12-20' }), clock);
    await changeStatus(db, employer, draft.id, 1, 'submit', { clock });

    const { handler } = await load('sweep');
    const result = await handler(scheduledEvent(new Date('2026-12-21T06:00:00Z')), lambdaContext('opweg-sweep'));
    expect(result.expired).toContain(draft.id);
    expect((await getListing(db, draft.id, true))?.status).toBe('expired');
  }, 600_000);

  it('publish renders the pages of records taken from DynamoDB Local\'s own stream into the bucket', async () => {
    await seedDirectory(db);
    const org = await seedOrganisation(db, { trusted: true });
    const employer = employerOf(org.id);
    const records: DynamoDBRecord[] = [];
    const follower = followStream({ endpoint: db.endpoint, tableName: db.tableName, intervalMs: 100, onRecords: async (r) => void records.push(...r) });
    await follower.ready;
    const draft = await createListing(db, employer, vacancy(org.id, { title: 'Magazijnmedewerker Venlo' }), clock);
    await changeStatus(db, employer, draft.id, 1, 'submit', { clock });
    await expect.poll(() => records.filter((r) => r.dynamodb?.Keys?.sk?.S === 'LISTING').length, { timeout: 180_000 }).toBeGreaterThanOrEqual(2);
    await follower.stop();

    const { handler } = await load('publish');
    const result = await handler({ Records: records }, lambdaContext('opweg-publish'));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await object(`nl/listings/${draft.id}/index.html`)).toContain('Magazijnmedewerker Venlo');
  }, 600_000);

  it('renderChunk renders a chunk of the render queue from DynamoDB Local into the bucket, counts it once, and a second delivery writes nothing', async () => {
    await seedDirectory(db);
    const org = await seedOrganisation(db, { trusted: true });
    const employer = employerOf(org.id);
    const draft = await createListing(db, employer, vacancy(org.id, { title: 'Heftruckchauffeur Venlo (chunk)' }), clock);
    await changeStatus(db, employer, draft.id, 1, 'submit', { clock });
    const runId = ulid();
    const chunk = [...LOCALES.map((l) => paths.listing(l, draft.id)), paths.region('nl', 'zuid'), paths.regionFeed('zuid'), '/nl/listings/no-such-listing/'];
    await startRenderRun(db, { runId, reason: 'test', chunks: 2, pages: chunk.length + 1 });
    const { handler } = await load('renderChunk');
    const message = JSON.stringify({ runId, index: 0, paths: chunk });

    expect(await handler(sqsEvent([message]), lambdaContext('opweg-render-chunk'))).toEqual({ batchItemFailures: [] });
    expect(await object(`ar/listings/${draft.id}/index.html`)).toContain('Heftruckchauffeur Venlo (chunk)');
    expect(await object('nl/regions/zuid/index.html')).toContain('Heftruckchauffeur Venlo (chunk)');
    let run = await getRenderRun(db, runId);
    expect(run).toMatchObject({ chunks: 2, written: LOCALES.length + 2, unchanged: 0, deleted: 1, failed: 0 });
    expect([...run!.done]).toEqual(['0']);
    expect(run!.finishedAt).toBeUndefined();
    const modified = (await s3Client().send(new HeadObjectCommand({ Bucket: 'site', Key: `nl/listings/${draft.id}/index.html` }))).LastModified;

    // SQS delivers at least once: the same chunk again renders the same bytes, writes nothing, counts nothing.
    expect(await handler(sqsEvent([message]), lambdaContext('opweg-render-chunk'))).toEqual({ batchItemFailures: [] });
    run = await getRenderRun(db, runId);
    expect(run).toMatchObject({ written: LOCALES.length + 2, unchanged: 0 });
    expect((await s3Client().send(new HeadObjectCommand({ Bucket: 'site', Key: `nl/listings/${draft.id}/index.html` }))).LastModified).toEqual(modified);

    // The last chunk finishes the run; its pages are all unchanged.
    const last = JSON.stringify({ runId, index: 1, paths: [paths.listing('nl', draft.id)] });
    expect(await handler(sqsEvent([last]), lambdaContext('opweg-render-chunk'))).toEqual({ batchItemFailures: [] });
    run = await getRenderRun(db, runId);
    expect(run).toMatchObject({ written: LOCALES.length + 2, unchanged: 1 });
    expect(run!.finishedAt).toBeDefined();

    // A message that is not a chunk goes back to the queue (and, after three tries, to FailedRenderChunks).
    const bad = sqsEvent(['{"runId":"x"}']);
    expect(await handler(bad, lambdaContext('opweg-render-chunk'))).toEqual({ batchItemFailures: [{ itemIdentifier: bad.Records[0]!.messageId }] });
  }, 600_000);

  it('repair, on dead letters from the publisher\'s queue, reads a batch again from DynamoDB Local\'s stream or renders the whole site', async () => {
    await seedDirectory(db);
    const org = await seedOrganisation(db, { trusted: true });
    const employer = employerOf(org.id);
    const draft = await createListing(db, employer, vacancy(org.id, { title: 'Orderpicker Venlo (hersteld)' }), clock);
    await changeStatus(db, employer, draft.id, 1, 'submit', { clock });
    const letter = await deadLetterFor(db, isAbout(keys.listing(draft.id)));
    const { handler } = await load('repair');

    expect(await handler(sqsEvent([letter.body]), lambdaContext('opweg-repair'))).toEqual({ batchItemFailures: [] });
    expect(await object(`ti/listings/${draft.id}/index.html`)).toContain('Orderpicker Venlo (hersteld)');

    // Past the stream's retention: the whole site again. The bundle has no Ethiopic font (404), and leaves the uploaded one be.
    await s3Client().send(new PutObjectCommand({ Bucket: 'site', Key: FONT, Body: 'font', ContentType: 'font/woff2' }));
    const trimmed = JSON.stringify({ ...letter.failure, DDBStreamBatchInfo: { ...letter.failure.DDBStreamBatchInfo, shardId: 'shardId-00000001573689847184-864758bb' } });
    const messages = sqsEvent(['not a failure record', trimmed]);
    const result = await handler(messages, lambdaContext('opweg-repair'));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: messages.Records[0]!.messageId }] });
    expect(await object(`nl/listings/${draft.id}/index.html`)).toContain('Orderpicker Venlo (hersteld)');
    expect(await object('nl/index.html')).toContain('<html');
    expect(await object(FONT)).toBe('font');
  }, 600_000);
});

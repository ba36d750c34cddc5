import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { buildHandlers, type BuiltHandler } from '../scripts/build.js';
import { getListing } from '../shared/repositories/listings.js';
import { changeStatus, createListing } from '../shared/services/listings.js';
import { createTestDb } from '../test/db.js';
import { clock, employerOf, seedDirectory, seedOrganisation, vacancy } from '../test/fixtures.js';
import { httpApiEvent, lambdaContext, scheduledEvent } from './events.js';

// The bundles exactly as Lambda gets them, built into a folder of this run's own (so a parallel
// `npm run build` or bench cannot swap a file under it).
const outdir = `dist/.test-${ulid()}`;
let built: BuiltHandler[];
let db: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  db = await createTestDb();
  // What the stack sets on AWS; the bundles read it at import (cold start).
  process.env.TABLE_NAME = db.tableName;
  process.env.DYNAMODB_ENDPOINT = db.endpoint;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  built = await buildHandlers({ outdir });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const load = async (name: string) => import(pathToFileURL(built.find((b) => b.name === name)!.file).href);

describe('the Lambda bundles', () => {
  it('build and load, each exporting a handler', async () => {
    expect(built.map((b) => b.name).sort()).toEqual(['portal', 'publish', 'sweep']);
    for (const b of built) expect(typeof (await load(b.name)).handler).toBe('function');
  });

  it('portal answers an HTTP API event for /healthz from DynamoDB Local', async () => {
    const { handler } = await load('portal');
    const res = await handler(httpApiEvent('GET', '/healthz'), lambdaContext('opweg-portal'));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

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
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsSiteStore } from '../../shared/adapters/site-store-fs.js';
import { changeStatus, createListing, updateListing } from '../../shared/services/listings.js';
import { startLocalPublisher } from '../../web/site/local-publisher.js';
import { fileOf, paths } from '../../web/site/paths.js';
import type { StreamFollower } from '../../web/site/stream.js';
import { seedSite, siteDeps } from '../../web/site/testing.js';
import { createTestDb } from '../db.js';
import { clock, deskOf, vacancy } from '../fixtures.js';

/**
 * The publisher on DynamoDB Local's real stream, as `npm start` runs it: a change in the
 * table reaches the files. (How fast is measured by `npm run bench`, not asserted here.)
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let data: Awaited<ReturnType<typeof seedSite>>;
let follower: StreamFollower;
const dir = mkdtempSync(join(tmpdir(), 'opweg-stream-'));
const store = new FsSiteStore(dir);
const desk = deskOf('zuid');

beforeAll(async () => {
  db = await createTestDb();
  data = await seedSite(db);
  follower = await startLocalPublisher({ deps: siteDeps(db), store, endpoint: db.endpoint });
});
afterAll(async () => {
  await follower?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function read(path: string) {
  const bytes = await store.get(fileOf(path));
  return bytes ? new TextDecoder().decode(bytes) : '';
}

/** Polls a file until `test` holds; fails with what the file said after `timeoutMs`. */
async function eventually(path: string, test: (html: string) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let html = await read(path);
  while (!test(html) && Date.now() < deadline) {
    await new Promise((ok) => setTimeout(ok, 50));
    html = await read(path);
  }
  expect(test(html), `${path} never got there; it says: ${html.slice(0, 300)}`).toBe(true);
  return html;
}

describe('publishing from the DynamoDB Local stream', () => {
  it('renders the whole site first when the folder is empty', async () => {
    expect(await read(paths.languages())).toContain('ትግርኛ');
    expect(await read(paths.listing('ar', data.job.id))).toContain(data.job.title);
  });

  it('shows a newly published listing, its edit, and takes it off the lists when it closes', async () => {
    const created = await createListing(db, desk, vacancy(data.employer.id, { title: 'Vakkenvuller via de stream' }), clock);
    await changeStatus(db, desk, created.id, 1, 'submit', { clock });
    const published = await changeStatus(db, desk, created.id, 2, 'approve', { clock });
    await eventually(paths.listing('ti', created.id), (html) => html.includes('Vakkenvuller via de stream'));
    await eventually(paths.location('nl', 'venlo'), (html) => html.includes('Vakkenvuller via de stream'));

    const { organisationId: _o, regionId: _r, id: _i, status: _s, version: _v, createdAt: _c, updatedAt: _u, publishedAt: _p, submittedAt: _sa, featured: _f, hidden: _h, ...fields } = published;
    const edited = await updateListing(db, desk, created.id, published.version, { ...fields, title: 'Vakkenvuller (avond) via de stream' }, clock);
    await eventually(paths.region('ar', 'zuid'), (html) => html.includes('Vakkenvuller (avond) via de stream'));

    await changeStatus(db, desk, created.id, edited.version, 'close', { clock });
    await eventually(paths.region('nl', 'zuid'), (html) => !html.includes('Vakkenvuller (avond)'));
    await eventually(paths.regionFeed('zuid'), (html) => !html.includes('Vakkenvuller (avond)'));
    await eventually(paths.listing('nl', created.id), (html) => html.includes('noindex'));
  });
});

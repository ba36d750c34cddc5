import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { ListingInput } from '../../shared/domain/listing.js';
import type { Membership } from '../../shared/domain/user.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { expressInterest } from '../../shared/services/interests.js';
import { introduce, recordOutcome } from '../../shared/services/introductions.js';
import { createListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf, NOW, seedDirectory, seedOrganisation, vacancy } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';
import { publishedListing, seedPeople, signedIn, type PortalClient } from './testing.js';

/** The region report page and its CSV: the counts, the period, the region's desk only, no personal data. */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
let zuid: PortalClient;
let noord: PortalClient;
let employer: PortalClient;
/** Everything personal the seeded residents gave, or the desk wrote about them. */
const personal: string[] = [];
const ids: string[] = [];

const published = (input: ListingInput) => publishedListing(db, input);

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db, { name: 'Distributiecentrum Venlo', sector: 'Logistiek' });
  const memberships: Membership[] = [
    { role: 'employer', email: 'werkgever@example.org', organisationId: org.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] },
  ];
  await seedPeople(db, memberships);
  const job = await published(vacancy(org.id, { title: 'Orderpicker' }));
  await createListing(db, SYSTEM, vacancy(org.id, { kind: 'internship', title: 'Stage magazijn', wagePerHour: undefined }), clock);
  // Five residents in November; their paths: new · introduced · interview · interview→matched→started · stopped.
  const paths = [[], [], ['interview'], ['interview', 'matched', 'started'], ['stopped']];
  for (const [n, path] of paths.entries()) {
    const name = `Bewoner Nummer${n}`;
    const { interest, reference } = await expressInterest(
      db,
      { listingId: job.id, locationId: 'venlo', name, email: `bewoner${n}@example.org`, phone: `+31 6 5555 000${n}`, eligibility: 'permit-holder', dutchLevel: 'A2', consent: true, message: `Bericht van nummer ${n}` },
      NOW,
      retention,
    );
    personal.push(name, `bewoner${n}@example.org`, `5555 000${n}`, `Bericht van nummer ${n}`, reference);
    ids.push(interest.id);
    if (n === 0) continue;
    let version = (await introduce(db, SYSTEM, interest.id, 1, `Notitie over nummer ${n}`, NOW)).version;
    personal.push(`Notitie over nummer ${n}`);
    for (const status of path) version = (await recordOutcome(db, deskOf('zuid'), interest.id, version, { status, on: '2026-11-24', reason: `Reden voor nummer ${n}` }, NOW)).version;
  }
  server = await startTestServer(db, { mail: outbox, clock });
  zuid = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  noord = await signedIn(server.url, outbox, 'desk-noord@example.org');
  employer = await signedIn(server.url, outbox, 'werkgever@example.org');
});
afterAll(() => server?.close());

const count = (html: string, key: string) => new RegExp(`id="report-${key}">(\\d+)<`).exec(html)?.[1];

describe('the region report page', () => {
  it('shows this month by default, with the residents\' counts, listings by kind and status, and placements by sector', async () => {
    const res = await zuid.get('/portal/desk/zuid/report');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('value="2026-11-01"');
    expect(html).toContain('value="2026-11-30"');
    const counts = Object.fromEntries(['interests', 'introduced', 'interviews', 'matched', 'startedWork', 'apprenticeshipOrSchool', 'waitingForPermit', 'stopped', 'stillInMediation'].map((k) => [k, count(html, k)]));
    expect(counts).toEqual({ interests: '5', introduced: '4', interviews: '2', matched: '1', startedWork: '1', apprenticeshipOrSchool: '0', waitingForPermit: '0', stopped: '1', stillInMediation: '2' });
    expect(html).toMatch(/<tr data-kind="job">[\s\S]*?<td data-status="published">1<\/td>/);
    expect(html).toMatch(/<tr data-kind="internship">[\s\S]*?<td data-status="draft">1<\/td>/);
    expect(html).toMatch(/<th scope="row">Logistiek<\/th><td>1<\/td>/);
    expect(html).toContain('href="/portal/desk/zuid/report.csv?from=2026-11-01&amp;to=2026-11-30"');
    for (const p of personal) expect(html).not.toContain(p);

    const december = await (await zuid.get('/portal/desk/zuid/report?from=2026-12-01&to=2026-12-31')).text();
    expect(count(december, 'interests')).toBe('0');
    // A location of another region is not a choice here.
    const assen = await zuid.get('/portal/desk/zuid/report?from=2026-11-01&to=2026-11-30&locationId=assen');
    expect(assen.status).toBe(422);
    expect(await assen.text()).toMatch(/id="f-locationId-error"/);
  });

  it('re-renders a bad period with a message per field, and shows no numbers', async () => {
    const res = await zuid.get('/portal/desk/zuid/report?from=2026-11-30&to=2026-11-01');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/id="f-to-error"/);
    expect(html).toContain('value="2026-11-30"');
    expect(count(html, 'interests')).toBeUndefined();
    expect(await (await zuid.get('/portal/desk/zuid/report?from=gisteren')).text()).toMatch(/id="f-from-error"/);
  });

  it('is for the desk of the region only', async () => {
    expect((await noord.get('/portal/desk/zuid/report')).status).toBe(403);
    expect((await noord.get('/portal/desk/zuid/report.csv')).status).toBe(403);
    expect((await employer.get('/portal/desk/zuid/report')).status).toBe(403);
    expect((await employer.get('/portal/desk/zuid/report.csv')).status).toBe(403);
    expect(count(await (await noord.get('/portal/desk/noord/report')).text(), 'interests')).toBe('0');
  });

  it('downloads the same numbers as CSV, an attachment with no personal data', async () => {
    const res = await zuid.get('/portal/desk/zuid/report.csv?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="opweg-zuid-2026-11-01-2026-11-30.csv"');
    const csv = await res.text();
    expect(csv.split('\n')[0]).toBe('section,item,detail,count');
    expect(csv).toContain('residents,interviews,,2');
    expect(csv).toContain('residents,startedWork,,1');
    expect(csv).toContain('placements,Logistiek,,1');
    for (const p of [...personal, ...ids, 'Reden voor nummer', '@example.org']) expect(csv).not.toContain(p);
  });
});

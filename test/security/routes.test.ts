import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDirectory } from '../../shared/repositories/directory.js';
import { interestsOfRegion } from '../../shared/repositories/interests.js';
import { listingsOfOrganisation } from '../../shared/repositories/listings.js';
import { listOrganisations } from '../../shared/repositories/organisations.js';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { loadConfig } from '../../shared/config/index.js';
import type { Listing } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { expressInterest } from '../../shared/services/interests.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createPartner } from '../../shared/services/partners.js';
import { createApp } from '../../web/app.js';
import { ulid } from 'ulid';
import type { Membership } from '../../shared/domain/user.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { client, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * Every portal route, taken from the Hono app itself (a new route joins the matrix by
 * existing), for every kind of visitor: anonymous, employer A, employer B, the desk of region X
 * (zuid, where A's listing is), the desk of region Y (noord), and an admin.
 */
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
const outbox = new Outbox();
let orgA: Organisation;
let orgB: Organisation;
let pending: Listing;
let published: Listing;
let interestId: string;
let partnerId: string;
type Who = 'anonymous' | 'employerA' | 'employerB' | 'deskX' | 'deskY' | 'admin';
const as = {} as Record<Who, PortalClient>;

/** The routes of the app as mounted: GET and POST under /portal (middleware and the catch-all are 'ALL'). */
function portalRoutes() {
  const app = createApp({ db: { doc: undefined as never, tableName: 'x', cursorSecret: 'x' }, config: loadConfig({ LOCAL_DEV: '1' }) });
  const seen = new Set<string>();
  return app.routes
    .filter((r) => (r.method === 'GET' || r.method === 'POST') && r.path.startsWith('/portal'))
    .map((r) => ({ method: r.method as 'GET' | 'POST', path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}
const ROUTES = portalRoutes();

/** A concrete URL for a route pattern: region X, organisation A, A's listing in X, an interest and a partner in X. */
function concrete(path: string): string[] {
  const fill = (p: string) =>
    p
      .replace(':orgId', orgA.id)
      .replace(':regionId', 'zuid')
      .replace(/:home\{[^}]*\}/, '')
      .replace(':locale', 'en')
      .replace(':interestId', interestId)
      .replace(':language', 'ar')
      .replace(/\/desk\/zuid\/interests\/:id/, `/desk/zuid/interests/${interestId}`)
      .replace(/\/desk\/zuid\/partners\/:id/, `/desk/zuid/partners/${partnerId}`)
      .replace(/\/admin\/employers\/:id/, `/admin/employers/${orgA.id}`)
      .replace(/\/listings\/:id/, `/listings/${pending.id}`);
  const alternatives = /:action\{([^}]*)\}/.exec(path);
  const paths = alternatives ? alternatives[1]!.split('|').map((a) => path.replace(alternatives[0], a)) : [path];
  return paths.map(fill);
}

/** Routes anyone may use without signing in. */
const PUBLIC = [/^\/portal\/(login|login\/confirm|signup|logout|interest|cancel|guide|privacy)$/, /^\/portal$/, /^\/portal\/lang\/:locale$/, /^\/portal\/assets\//];
const isPublic = (path: string) => PUBLIC.some((p) => p.test(path));

/** Which visitors a route is about someone else for: they must get 403 or 404. */
function strangers(path: string): Who[] {
  if (path.startsWith('/portal/admin')) return ['employerA', 'employerB', 'deskX', 'deskY'];
  if (path.startsWith('/portal/desk/:regionId')) return ['employerA', 'employerB', 'deskY'];
  if (path.startsWith('/portal/org/:orgId')) return ['employerB', 'deskY'];
  if (path.startsWith('/portal/listings/:id')) return ['employerB', 'deskY'];
  if (path.startsWith('/portal/translate/:regionId')) return ['employerA', 'employerB', 'deskY'];
  return [];
}

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  orgA = await seedOrganisation(db, { name: 'Kwekerij A' });
  orgB = await seedOrganisation(db, { name: 'Bakkerij B' });
  const people: Membership[] = [
    { role: 'employer', email: 'a@example.org', organisationId: orgA.id },
    { role: 'employer', email: 'b@example.org', organisationId: orgB.id },
    { role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] },
    { role: 'desk', email: 'desk-noord@example.org', regionId: 'noord', locationIds: [] },
    { role: 'admin', email: 'admin@example.org' },
  ];
  for (const m of people) {
    await putUser(db, { id: ulid(), email: m.email, name: m.email, createdAt: NOW.toISOString() });
    await putMembership(db, m);
  }
  const draft = await createListing(db, SYSTEM, vacancy(orgA.id, { title: 'Wachtend' }), clock);
  pending = await changeStatus(db, SYSTEM, draft.id, draft.version, 'submit', { clock });
  const other = await createListing(db, SYSTEM, vacancy(orgA.id, { title: 'Gepubliceerd' }), clock);
  const submitted = await changeStatus(db, SYSTEM, other.id, other.version, 'submit', { clock });
  published = await changeStatus(db, SYSTEM, other.id, submitted.version, 'approve', { clock });
  const retention = { RETENTION_DAYS_AFTER_CLOSE: 28, RETENTION_DAYS_WITH_CONSENT: 365 };
  const receipt = await expressInterest(
    db,
    { listingId: published.id, locationId: 'venlo', name: 'Amanuel T.', phone: '+31 6 1234 5678', age: '18-plus', eligibility: 'asylum-6-months', dutchLevel: 'A1', languages: ['ti'], consent: true },
    NOW,
    retention,
  );
  interestId = receipt.interest.id;
  server = await startTestServer(db, { mail: outbox, clock });
  const ctx = { db, mail: outbox, clock, config: server.config };
  partnerId = (await createPartner(ctx, SYSTEM, 'zuid', { kind: 'ngo', name: 'Vluchtelingenwerk Zuid' })).id;
  as.anonymous = client(server.url);
  as.employerA = await signedIn(server.url, outbox, 'a@example.org');
  as.employerB = await signedIn(server.url, outbox, 'b@example.org');
  as.deskX = await signedIn(server.url, outbox, 'desk-zuid@example.org');
  as.deskY = await signedIn(server.url, outbox, 'desk-noord@example.org');
  as.admin = await signedIn(server.url, outbox, 'admin@example.org');
});
afterAll(() => server?.close());

describe('every portal route × every kind of visitor', () => {
  it('finds the routes in the app (a new route joins by existing)', () => {
    const paths = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /portal/login', 'GET /portal/desk/:regionId', 'POST /portal/org/:orgId/listings', 'GET /portal/admin']));
    expect(ROUTES.length).toBeGreaterThan(30);
  });

  it('sends anonymous visitors to the sign-in page (or refuses them) on every route that is not public', async () => {
    const wrong: string[] = [];
    for (const r of ROUTES.filter((r) => !isPublic(r.path))) {
      for (const url of concrete(r.path)) {
        const res = r.method === 'GET' ? await as.anonymous.get(url) : await as.anonymous.post(url, { version: '1' });
        const location = res.headers.get('location') ?? '';
        if (!((res.status === 302 || res.status === 303) && location.endsWith('/portal/login')) && res.status !== 401 && res.status !== 403) wrong.push(`${r.method} ${url} → ${res.status} ${location}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses people on routes that name another organisation, region or listing (403/404), before any change', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of ROUTES) {
      for (const who of strangers(r.path)) {
        for (const url of concrete(r.path)) {
          checked++;
          const res = r.method === 'GET' ? await as[who].get(url) : await as[who].post(url, { version: '1', name: 'x', email: 'x@example.org' });
          if (res.status !== 403 && res.status !== 404) wrong.push(`${who} ${r.method} ${url} → ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('refuses another region\'s interest or partner under the desk\'s own region address', async () => {
    for (const path of [`/portal/desk/noord/interests/${interestId}`, `/portal/desk/noord/partners/${partnerId}`]) {
      expect([403, 404], path).toContain((await as.deskY.get(path)).status);
    }
    for (const [path, form] of [[`/portal/desk/noord/interests/${interestId}/introduce`, { version: '1', note: 'x' }], [`/portal/desk/noord/interests/${interestId}/cancel-seat`, {}], [`/portal/desk/noord/partners/${partnerId}/remove`, {}]] as const) {
      expect([403, 404], path).toContain((await as.deskY.post(path, form)).status);
    }
    expect((await as.deskX.get(`/portal/desk/zuid/interests/${interestId}`)).status).toBe(200);
  });

  it('answers every GET route to every visitor without a server error, and the owners get their pages', async () => {
    const wrong: string[] = [];
    for (const r of ROUTES.filter((r) => r.method === 'GET')) {
      for (const who of Object.keys(as) as Who[]) {
        for (const url of concrete(r.path)) {
          const res = await as[who].get(url);
          await res.arrayBuffer();
          if (res.status >= 500) wrong.push(`${who} GET ${url} → ${res.status}`);
          if (who === 'admin' && res.status >= 400) wrong.push(`admin GET ${url} → ${res.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers POSTs with empty or junk forms without a server error, for every visitor', async () => {
    const wrong: string[] = [];
    // Not the sign-out: these visitors stay signed in for the whole loop.
    for (const r of ROUTES.filter((r) => r.method === 'POST' && r.path !== '/portal/logout')) {
      for (const who of ['anonymous', 'employerB', 'deskY'] as Who[]) {
        for (const url of concrete(r.path)) {
          for (const form of [{} as Record<string, string>, { version: 'NaN', email: '<x>', token: 'a'.repeat(500), reason: '\u0000' }]) {
            const res = await as[who].post(url, form);
            await res.arrayBuffer();
            if (res.status >= 500) wrong.push(`${who} POST ${url} ${JSON.stringify(form).slice(0, 20)} → ${res.status}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('every portal form under arbitrary input (fast-check)', () => {
  /** The names the portal's forms use, and some they do not. */
  const FIELDS = [
    'title', 'description', 'kind', 'regionId', 'organisationId', 'locationId', 'language', 'openTo', 'dutchLevel', 'englishOk',
    'helpsWithWorkPermit', 'hoursPerWeek', 'wagePerHour', 'startDate', 'closingDate', 'street', 'postcode', 'city', 'lat', 'lon',
    'startsAt', 'endsAt', 'seats', 'contactNote', 'version', 'reason', 'note', 'status', 'on', 'name', 'email', 'phone', 'kvk',
    'sector', 'address', 'website', 'regionIds', 'offers', 'trusted', 'from', 'to', 'reference', 'listingId', 'eligibility',
    'consent', 'keepLonger', 'message', 'languages[]', 'token', 'locale', 'id', 'municipality', 'province', 'place', 'x',
  ];
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', '1', '0', '-1', '1e309', 'NaN', 'true', 'yes', 'zuid', 'job', 'A2', '2026-12-01', '2026-12-01T10:00', 'javascript:alert(1)', '<script>x</script>', '\u0000', 'ﷺ'.repeat(50)),
    fc.integer().map(String),
  );
  const form = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value, fc.array(value, { maxLength: 3 })), { maxKeys: 8 });

  it('never answers a signed-in admin or employer with a 5xx, and never stores an item that does not parse', async () => {
    const wrong: string[] = [];
    const posts = ROUTES.filter((r) => r.method === 'POST' && r.path !== '/portal/logout').flatMap((r) => concrete(r.path));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...posts), fc.constantFrom<Who>('admin', 'employerA', 'deskX'), form, async (url, who, fields) => {
        const res = await as[who].post(url, fields);
        await res.arrayBuffer();
        if (res.status >= 500) wrong.push(`${who} POST ${url} ${JSON.stringify(fields).slice(0, 120)} → ${res.status}`);
      }),
      { numRuns: 400 },
    );
    expect(wrong).toEqual([]);
    // Everything stored reads back through its schema (a bad item would throw here).
    await listingsOfOrganisation(db, orgA.id, { limit: 500 });
    await listOrganisations(db);
    await getDirectory(db);
    await interestsOfRegion(db, 'zuid', { limit: 500 });
  }, 180_000);
});

import { expect } from 'vitest';
import { ulid } from 'ulid';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import type { Db } from '../../shared/db/client.js';
import type { Listing, ListingInput } from '../../shared/domain/listing.js';
import type { Membership } from '../../shared/domain/user.js';
import { putMembership, putUser } from '../../shared/repositories/users.js';
import { SYSTEM } from '../../shared/services/actor.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { createTestDb } from '../../test/db.js';
import { clock, NOW, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { startTestServer } from '../../test/server.js';

/** HTTP helpers for portal tests: a signed-in client that posts forms like a browser does. */
export interface PortalClient {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string | string[]>): Promise<Response>;
}

export function formBody(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return body;
}

export function client(url: string, cookie = ''): PortalClient {
  return {
    cookie,
    get: (path) => fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' }),
    post: (path, fields) => fetch(`${url}${path}`, { method: 'POST', body: formBody(fields), headers: { cookie, origin: url }, redirect: 'manual' }),
  };
}

/**
 * Asks for a sign-in link at /portal/login and returns its token, once the mail is there: the
 * link is mailed after the answer (the sign-in queue), so this waits for a message to the address
 * newer than the one it had before.
 */
export async function askForLink(browser: PortalClient, outbox: Outbox, email: string): Promise<string> {
  const before = outbox.latestTo(email);
  expect((await browser.post('/portal/login', { email })).status).toBe(200);
  // A condition, not a time: the test's own timeout limits the wait (this also runs in beforeAll, where expect.poll cannot).
  while (outbox.latestTo(email) === before || outbox.latestTo(email) === undefined) await new Promise((ok) => setTimeout(ok, 5));
  return tokenIn(outbox.latestTo(email)!.text);
}

/** Waits until the sign-in links asked for so far are mailed or refused: the local mailbox (/dev/mail) waits for them before it answers. */
export async function signInMailSettled(url: string) {
  expect((await fetch(`${url}/dev/mail`)).status).toBe(200);
}

/** The token of the sign-in link in a mail's text. */
export const tokenIn = (text: string) => /token=([A-Za-z0-9_-]+)/.exec(text)![1]!;

/** Signs in by the e-mail link, as a person would; `lang` sets the portal's language. */
export async function signedIn(url: string, outbox: Outbox, email: string, lang: 'nl' | 'en' = 'nl'): Promise<PortalClient> {
  const anonymous = client(url, `opweg_lang=${lang}`);
  const token = await askForLink(anonymous, outbox, email);
  const res = await anonymous.post('/portal/login/confirm', { token });
  expect(res.status).toBe(303);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('opweg_session='))!.split(';')[0]!;
  return client(url, `${session}; opweg_lang=${lang}`);
}

/** People with their memberships, as an admin or a colleague would have added them. */
export async function seedPeople(db: Db, memberships: Membership[]) {
  for (const m of memberships) {
    await putUser(db, { id: ulid(), email: m.email, name: m.email, createdAt: NOW.toISOString() });
    await putMembership(db, m);
  }
}

/** A listing residents see: made, submitted and (unless its employer is trusted) approved by the system, at the fixtures' NOW. */
export async function publishedListing(db: Db, input: ListingInput): Promise<Listing> {
  const draft = await createListing(db, SYSTEM, input, clock);
  const pending = await changeStatus(db, SYSTEM, draft.id, draft.version, 'submit', { clock });
  return pending.status === 'published' ? pending : changeStatus(db, SYSTEM, draft.id, pending.version, 'approve', { clock });
}

/**
 * The portal as residents reach it from the static site: the directory, the desk of Zuid (it
 * gets the mail about freed seats), an employer with a published job and a company visit of
 * `seats` seats, the local app mailing into `outbox`, and a client without a session.
 */
export async function startResidentsPortal(o: { seats: number; outbox: Outbox }) {
  const db = await createTestDb();
  await seedDirectory(db);
  await seedPeople(db, [{ role: 'desk', email: 'desk-zuid@example.org', regionId: 'zuid', locationIds: [] }]);
  const org = await seedOrganisation(db);
  const job = await publishedListing(db, vacancy(org.id));
  const tour = await publishedListing(db, visit(org.id, { seats: o.seats }));
  const server = await startTestServer(db, { mail: o.outbox, clock });
  return { db, server, resident: client(server.url), job, tour };
}
export type ResidentsPortal = Awaited<ReturnType<typeof startResidentsPortal>>;

/** What the interest form posts for a resident of 18 or older with a permit at Venlo; `fields` adds to it or overrides it. */
export const interestForm = (listingId: string, fields: Record<string, string | string[]>) => ({
  listingId,
  locationId: 'venlo',
  phone: '+31 6 1234 5678',
  age: '18-plus',
  eligibility: 'permit-holder',
  dutchLevel: 'A2',
  consent: 'yes',
  ...fields,
});

/** The reference code on the portal's answer to a resident (`K7QM-3XP2`). */
export const referenceIn = (html: string) => /class="reference">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(html)![1]!;

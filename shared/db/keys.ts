import geohash from 'ngeohash';
import type { Listing } from '../domain/listing.js';
import { SCHEDULED_KINDS } from '../domain/listing.js';
import type { Membership } from '../domain/user.js';
import type { Interest, OutcomeFact, Person } from '../domain/interest.js';

/**
 * Every key format of every entity, and nothing else. See docs/data-model.md.
 * Reference data (regions, locations) is tiny and read together: one partition.
 */
/** The sort-key prefix of an interest's outcome facts (all of them: a Query with begins_with). */
export const OUTCOME_FACT_PREFIX = 'OUTCOME#';

export const GEOHASH_PRECISION = 4; // cells of about 39 x 20 km

export const keys = {
  directory: () => 'DIRECTORY',
  region: (id: string) => ({ pk: 'DIRECTORY', sk: `REGION#${id}` }),
  location: (id: string) => ({ pk: 'DIRECTORY', sk: `LOCATION#${id}` }),

  organisation: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  organisationsIndex: () => 'ORGS',
  organisationMembers: (organisationId: string) => `ORG#${organisationId}#MEMBERS`,
  organisationListings: (organisationId: string) => `ORG#${organisationId}#LISTINGS`,

  user: (email: string) => ({ pk: `USER#${email}`, sk: 'USER' }),
  userPartition: (email: string) => `USER#${email}`,
  membership: (m: Membership) => ({
    pk: `USER#${m.email}`,
    sk: `MEMBERSHIP#${m.role}#${m.role === 'employer' ? m.organisationId : m.role === 'desk' || m.role === 'manager' || m.role === 'translator' ? m.regionId : 'all'}`,
  }),
  regionDesk: (regionId: string) => `REGION#${regionId}#DESK`,
  /** A region's read-only report readers. */
  regionManagers: (regionId: string) => `REGION#${regionId}#MANAGERS`,
  /** An invitation to join an organisation, in the invitee's partition; gsi1 lists an organisation's open invitations. */
  invitation: (email: string, organisationId: string) => ({ pk: `USER#${email}`, sk: `INVITATION#${organisationId}` }),
  organisationInvited: (organisationId: string) => `ORG#${organisationId}#INVITED`,
  /** A desk's invitation to translate for its region, in the invitee's partition; gsi1 lists a region's open ones. */
  translatorInvitation: (email: string, regionId: string) => ({ pk: `USER#${email}`, sk: `INVITATION-TRANSLATOR#${regionId}` }),
  regionTranslatorsInvited: (regionId: string) => `REGION#${regionId}#TRANSLATORS-INVITED`,

  listing: (id: string) => ({ pk: `LISTING#${id}`, sk: 'LISTING' }),
  regionPublished: (regionId: string) => `REGION#${regionId}#PUBLISHED`,
  regionPublishedKind: (regionId: string, kind: string) => `REGION#${regionId}#PUBLISHED#${kind}`,
  regionPending: (regionId: string) => `REGION#${regionId}#PENDING`,
  regionVisits: (regionId: string) => `REGION#${regionId}#VISITS`,
  geoCell: (cell: string) => `GEO#${cell}`,
  /** Every listing of a region in every status (reports). */
  regionListings: (regionId: string) => `REGION#${regionId}#LISTINGS`,

  // Residents' interests and visit sign-ups: facts and person apart (shared/domain/interest.ts).
  interest: (id: string) => ({ pk: `INTEREST#${id}`, sk: 'INTEREST' }),
  person: (interestId: string) => ({ pk: `INTEREST#${interestId}`, sk: 'PERSON' }),
  reference: (code: string) => ({ pk: `REFERENCE#${code}`, sk: 'REFERENCE' }),
  regionInterests: (regionId: string) => `REGION#${regionId}#INTERESTS`,
  listingInterests: (listingId: string) => `LISTING#${listingId}#INTERESTS`,
  organisationIntroduced: (organisationId: string) => `ORG#${organisationId}#INTRODUCED`,
  visitWaiting: (listingId: string) => `LISTING#${listingId}#WAITING`,
  regionRetention: (regionId: string) => `REGION#${regionId}#RETENTION`,
  /** A stage reached or an exit, beside the interest's facts (shared/domain/interest.ts OutcomeFact). */
  outcomeFact: (interestId: string, status: string) => ({ pk: `INTEREST#${interestId}`, sk: `${OUTCOME_FACT_PREFIX}${status}` }),
  /** A region's outcome facts by the day they happened (reports). */
  regionOutcomes: (regionId: string) => `REGION#${regionId}#OUTCOMES`,
  /** A region's TWV applications still waiting for UWV's decision, oldest first (the 5-week reminder). */
  regionTwvWaiting: (regionId: string) => `REGION#${regionId}#TWV-WAITING`,
  /**
   * A visit's counters beside the listing, so sign-ups never race listing edits: `taken` seats,
   * and the waiting list's `queued` (tickets handed out) and `dequeued` (left it: moved up or
   * cancelled); `queued − dequeued` is how many wait.
   */
  visitSeats: (listingId: string) => ({ pk: `LISTING#${listingId}`, sk: 'SEATS' }),
  /** A listing's summary in one resident language, beside the listing (shared/domain/summary.ts). */
  summary: (listingId: string, language: string) => ({ pk: `LISTING#${listingId}`, sk: `SUMMARY#${language}` }),
  summaryPrefix: () => 'SUMMARY#',
  /** Volunteer translators of a region (memberships, gsi1). */
  regionTranslators: (regionId: string) => `REGION#${regionId}#TRANSLATORS`,
  /** Marks a notice as sent, so the sweep sends it once (e.g. `closing-soon`). */
  notice: (listingId: string, notice: string) => ({ pk: `LISTING#${listingId}`, sk: `NOTICE#${notice}` }),
  /** Marks a daily job as done for a day (e.g. the desk digest), so it runs once however often the sweep does. */
  dailyRun: (job: string, day: string) => ({ pk: `RUN#${job}`, sk: day }),
  /** A whole-site (or region) render split into chunks: its progress counter (repositories/render-runs.ts). */
  renderRun: (runId: string) => ({ pk: `RENDER#${runId}`, sk: 'RENDER' }),

  audit: (subjectType: string, subjectId: string, at: string, id: string) => ({
    pk: `${subjectType.toUpperCase()}#${subjectId}`,
    sk: `AUDIT#${at}#${id}`,
  }),
  auditPrefix: () => 'AUDIT#',
  /** Audit events by who did them (gsi6), for the admin's audit-log viewer. */
  auditByActor: (actor: string) => `AUDIT-BY#${actor}`,

  // Sign-in. Secrets are never keys: a link token and a session id are stored as their
  // SHA-256 (hex), so a read of the table does not sign anyone in. Items carry `expiresAt`.
  loginToken: (tokenHash: string) => ({ pk: `LOGIN#${tokenHash}`, sk: 'LOGIN' }),
  /** The one live sign-in link of an address (its token's hash): a newer link deletes the older one. */
  liveLoginLink: (addressHash: string) => ({ pk: `LOGIN-LIVE#${addressHash}`, sk: 'LOGIN-LIVE' }),
  session: (sessionHash: string) => ({ pk: `SESSION#${sessionHash}`, sk: 'SESSION' }),
  /** A fixed-window counter: `scope` (e.g. `signin-address`), a hash of who, the window's start (epoch s). */
  rateLimit: (scope: string, subjectHash: string, windowStart: number) => ({ pk: `RATE#${scope}#${subjectHash}#${windowStart}`, sk: 'RATE' }),
};

/** True while residents can see the listing. */
export const isVisible = (l: Pick<Listing, 'status' | 'hidden'>) => l.status === 'published' && !l.hidden;

/**
 * The index attributes of a listing. Sparse: an attribute exists only while its state holds,
 * so "published in region" and "pending in the region's queue" hold just those items.
 */
export function listingIndexKeys(l: Listing): Record<string, string> {
  const out: Record<string, string> = {
    gsi3pk: keys.organisationListings(l.organisationId),
    gsi3sk: `${l.createdAt}#${l.id}`,
    gsi7pk: keys.regionListings(l.regionId),
    gsi7sk: `${l.createdAt}#${l.id}`,
  };
  if (isVisible(l)) {
    const newest = `${l.publishedAt ?? l.updatedAt}#${l.id}`;
    out.gsi1pk = keys.regionPublished(l.regionId);
    out.gsi1sk = newest;
    out.gsi2pk = keys.regionPublishedKind(l.regionId, l.kind);
    out.gsi2sk = newest;
    out.gsi6pk = keys.geoCell(geohash.encode(l.workplace.lat, l.workplace.lon, GEOHASH_PRECISION));
    out.gsi6sk = newest;
    if (SCHEDULED_KINDS.includes(l.kind) && l.startsAt) {
      out.gsi5pk = keys.regionVisits(l.regionId);
      out.gsi5sk = `${l.startsAt}#${l.id}`;
    }
  }
  // The queue: new listings waiting for review, and changes to published ones.
  if (l.status === 'pending') {
    out.gsi4pk = keys.regionPending(l.regionId);
    out.gsi4sk = `${l.submittedAt ?? l.updatedAt}#${l.id}`;
  } else if (l.revision?.status === 'pending') {
    out.gsi4pk = keys.regionPending(l.regionId);
    out.gsi4sk = `${l.revision.submittedAt}#${l.id}`;
  }
  return out;
}


/** Index attributes of an interest's facts; gsi3 (employer's view) only once introduced, and not after a withdrawal. */
export function interestIndexKeys(i: Interest): Record<string, string> {
  const created = `${i.createdAt}#${i.id}`;
  const out: Record<string, string> = {
    gsi1pk: keys.regionInterests(i.regionId),
    gsi1sk: created,
    gsi2pk: keys.listingInterests(i.listingId),
    gsi2sk: created,
  };
  if (i.introducedAt && !i.personDeletedAt && !i.withdrawnAt) {
    out.gsi3pk = keys.organisationIntroduced(i.organisationId);
    out.gsi3sk = `${i.listingId}#${i.introducedAt}#${i.id}`;
  }
  if (i.seat === 'waiting') {
    out.gsi5pk = keys.visitWaiting(i.listingId);
    // By ticket: the order residents were told. Sign-ups from before tickets sort by time, first.
    out.gsi5sk = i.waitingTicket ? `T#${String(i.waitingTicket).padStart(8, '0')}` : created;
  }
  const applied = i.stages['twv-applied'];
  if (applied && !i.stages['twv-granted'] && !i.stages['twv-refused'] && !i.exit) {
    out.gsi4pk = keys.regionTwvWaiting(i.regionId);
    out.gsi4sk = `${applied}#${i.id}`;
  }
  return out;
}

/** An outcome fact sorts by its day in its region, so a report reads a period with one Query. */
export function outcomeFactIndexKeys(f: Pick<OutcomeFact, 'regionId' | 'on' | 'interestId' | 'status'>): Record<string, string> {
  return { gsi7pk: keys.regionOutcomes(f.regionId), gsi7sk: `${f.on}#${f.interestId}#${f.status}` };
}

/** The person item sorts by its expiry in its region, so the sweep finds what is due. */
export function personIndexKeys(p: Pick<Person, 'interestId' | 'expiresAt'>, regionId: string): Record<string, string> {
  return { gsi4pk: keys.regionRetention(regionId), gsi4sk: `${String(p.expiresAt).padStart(12, '0')}#${p.interestId}` };
}

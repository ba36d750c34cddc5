import geohash from 'ngeohash';
import type { Listing } from '../domain/listing.js';
import { SCHEDULED_KINDS } from '../domain/listing.js';
import type { Membership } from '../domain/user.js';

/**
 * Every key format of every entity, and nothing else. See docs/data-model.md.
 * Reference data (regions, locations) is tiny and read together: one partition.
 */
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
    sk: `MEMBERSHIP#${m.role}#${m.role === 'employer' ? m.organisationId : m.role === 'desk' ? m.regionId : 'all'}`,
  }),
  regionDesk: (regionId: string) => `REGION#${regionId}#DESK`,

  listing: (id: string) => ({ pk: `LISTING#${id}`, sk: 'LISTING' }),
  regionPublished: (regionId: string) => `REGION#${regionId}#PUBLISHED`,
  regionPublishedKind: (regionId: string, kind: string) => `REGION#${regionId}#PUBLISHED#${kind}`,
  regionPending: (regionId: string) => `REGION#${regionId}#PENDING`,
  regionVisits: (regionId: string) => `REGION#${regionId}#VISITS`,
  geoCell: (cell: string) => `GEO#${cell}`,

  audit: (subjectType: string, subjectId: string, at: string, id: string) => ({
    pk: `${subjectType.toUpperCase()}#${subjectId}`,
    sk: `AUDIT#${at}#${id}`,
  }),
  auditPrefix: () => 'AUDIT#',
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
  if (l.status === 'pending') {
    out.gsi4pk = keys.regionPending(l.regionId);
    out.gsi4sk = `${l.submittedAt ?? l.updatedAt}#${l.id}`;
  }
  return out;
}

export const INDEX_ATTRIBUTES = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk', 'gsi5pk', 'gsi5sk', 'gsi6pk', 'gsi6sk'];

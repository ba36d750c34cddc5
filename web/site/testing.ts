import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { Db } from '../../shared/db/client.js';
import { keys } from '../../shared/db/keys.js';
import type { ListingInput } from '../../shared/domain/listing.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { clock, deskOf, NON_PROFIT, seedDirectory, seedOrganisation, vacancy, visit } from '../../test/fixtures.js';
import { loadConfig } from '../../shared/config/index.js';
import { streamBatchFailure } from '../../functions/events.js';
import type { SiteDeps } from './context.js';
import { createStreamsClient, readShards } from './stream.js';

/** Test data for the resident site: two regions, an employer, a partner (an NGO with a volunteer declaration), listings in every state. */
export async function seedSite(db: Db) {
  await seedDirectory(db);
  const employer = await seedOrganisation(db, { website: 'https://kwekerij.example.org' });
  // An NGO with a UWV volunteer declaration: the partner that offers the volunteering.
  const partner = await seedOrganisation(db, {
    kind: 'ngo', name: 'VluchtelingenWerk Limburg', regionIds: ['zuid'], offers: 'Begeleiding naar werk en taalmaatjes.', contactPhone: '+31 77 000 1234',
    volunteerDeclaration: NON_PROFIT.volunteerDeclaration,
  });
  const desk = deskOf('zuid');
  const publish = async (input: ListingInput) => {
    const l = await createListing(db, desk, input, clock);
    await changeStatus(db, desk, l.id, 1, 'submit', { clock });
    return changeStatus(db, desk, l.id, 2, 'approve', { clock });
  };
  const job = await publish(vacancy(employer.id, { title: 'Heftruckchauffeur Venlo', workplace: { street: 'Venrayseweg 10', postcode: '5928 RH', city: 'Venlo', lat: 51.39, lon: 6.15 } }));
  const far = await publish(vacancy(employer.id, { title: 'Orderpicker Maastricht', hoursPerWeek: 24, dutchLevel: 'A2', openTo: 'permit-holders', workplace: { city: 'Maastricht', lat: 50.85, lon: 5.69 } }));
  const volunteering = await publish(
    vacancy(partner.id, {
      kind: 'volunteering', title: 'مساعدة في بنك الملابس', description: 'نبحث عن متطوعين لفرز الملابس.', language: 'ar', openTo: 'everyone',
      wagePerHour: undefined, hoursPerWeek: 8, dutchLevel: 'none', helpsWithWorkPermit: false, workplace: { city: 'Blerick', lat: 51.37, lon: 6.14 },
    }),
  );
  const companyVisit = await publish(visit(employer.id, { title: 'Bedrijfsbezoek kassen', contactNote: 'Neem je W-document mee.' }));
  const draft = await createListing(db, desk, vacancy(employer.id, { title: 'Concept: nog niet klaar' }), clock);
  const closedBefore = await publish(vacancy(employer.id, { title: 'Al gesloten vacature' }));
  const closed = await changeStatus(db, desk, closedBefore.id, closedBefore.version, 'close', { clock });
  return { employer, partner, job, far, volunteering, companyVisit, draft, closed };
}

/** Sign-ups keep seats taken on the visit's SEATS item; tests write it directly. */
export async function setSeatsTaken(db: Db, listingId: string, taken: number) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.visitSeats(listingId), type: 'seats', taken } }));
}

export function siteDeps(db: Db, o: Partial<SiteDeps> = {}): SiteDeps {
  return { db, config: loadConfig({ PUBLIC_ORIGIN: 'https://opweg.example.org', REACH_KM: '40' }), clock, ...o };
}

/** Plain values to DynamoDB's typed JSON, as stream records carry them. */
export function toAttributes(item: Record<string, unknown>): Record<string, AttributeValue> {
  const value = (v: unknown): AttributeValue => {
    if (typeof v === 'string') return { S: v };
    if (typeof v === 'number') return { N: String(v) };
    if (typeof v === 'boolean') return { BOOL: v };
    if (v === null) return { NULL: true };
    if (Array.isArray(v)) return { L: v.map(value) };
    return { M: toAttributes(v as Record<string, unknown>) };
  };
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined).map(([k, v]) => [k, value(v)]));
}

let sequence = 1000;
/** A stream record of the item under `key` as it is in the table now (NEW_AND_OLD_IMAGES). */
export async function recordOf(db: Db, key: { pk: string; sk: string }, old?: Record<string, unknown>): Promise<DynamoDBRecord> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
  return {
    eventID: `e${sequence}`,
    eventName: old ? (Item ? 'MODIFY' : 'REMOVE') : 'INSERT',
    dynamodb: {
      Keys: toAttributes(key),
      SequenceNumber: String(++sequence),
      ...(Item ? { NewImage: toAttributes(Item) } : {}),
      ...(old ? { OldImage: toAttributes(old) } : {}),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** The raw item under `key`, to pass as a record's old image later. */
export async function itemOf(db: Db, key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  return (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))).Item;
}

/**
 * A dead-letter message as Lambda would send it had the publisher given up on the stream batch
 * holding `matches`' records: read from DynamoDB Local's real stream of the table, spanning the
 * first to the last matching record of one shard (other records in between included, as on AWS).
 */
export async function deadLetterFor(o: { endpoint: string; tableName: string }, matches: (r: _Record) => boolean) {
  const tables = new DynamoDBClient({ endpoint: o.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const streams = createStreamsClient({ endpoint: o.endpoint });
  try {
    const streamArn = (await tables.send(new DescribeTableCommand({ TableName: o.tableName }))).Table!.LatestStreamArn!;
    const shard = (await readShards(streams, streamArn)).find((s) => s.records.some(matches));
    if (!shard) throw new Error('no such records in the stream');
    const at = shard.records.flatMap((r, i) => (matches(r) ? [i] : []));
    const batch = shard.records.slice(at[0], at.at(-1)! + 1);
    const range = { streamArn, shardId: shard.shardId, startSequenceNumber: batch[0]!.dynamodb!.SequenceNumber!, endSequenceNumber: batch.at(-1)!.dynamodb!.SequenceNumber! };
    const failure = streamBatchFailure(range, {
      batchSize: batch.filter(matches).length,
      firstArrival: batch[0]!.dynamodb!.ApproximateCreationDateTime!,
      lastArrival: batch.at(-1)!.dynamodb!.ApproximateCreationDateTime!,
    });
    return { range, records: batch, failure, body: JSON.stringify(failure) };
  } finally {
    tables.destroy();
    streams.destroy();
  }
}

/** Whether a raw stream record is about the item with this partition key and sort key. */
export const isAbout = (key: { pk: string; sk: string }) => (r: _Record) => r.dynamodb?.Keys?.pk?.S === key.pk && r.dynamodb?.Keys?.sk?.S === key.sk;

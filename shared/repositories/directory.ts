import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Location, Region } from '../domain/region.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { queryAll } from '../db/query.js';
import * as z from 'zod';

/** Regions and locations: reference data, one partition, read whole. */
export async function putRegion(db: Db, region: Region) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.region(region.id), type: 'region', ...region } }));
}

export async function putLocation(db: Db, location: Location) {
  await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.location(location.id), type: 'location', ...location } }));
}

const Entry = z.discriminatedUnion('type', [
  Region.extend({ type: z.literal('region') }),
  Location.extend({ type: z.literal('location') }),
]);

export interface Directory {
  regions: Region[];
  locations: Location[];
}

export async function getDirectory(db: Db): Promise<Directory> {
  const entries = await queryAll(db, { partition: keys.directory() }, Entry);
  const strip = <T extends { type: string }>({ type: _type, ...rest }: T) => rest;
  return {
    regions: entries.filter((e) => e.type === 'region').map(strip).sort((a, b) => a.name.localeCompare(b.name)) as Region[],
    locations: entries.filter((e) => e.type === 'location').map(strip).sort((a, b) => a.name.localeCompare(b.name)) as Location[],
  };
}

export async function getLocation(db: Db, id: string): Promise<Location | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.location(id) }));
  return out.Item ? Location.parse(out.Item) : undefined;
}

export async function getRegion(db: Db, id: string): Promise<Region | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.region(id) }));
  return out.Item ? Region.parse(out.Item) : undefined;
}

import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * Reads a table's stream the way Lambda's event source mapping does, for DynamoDB Local
 * under `npm start` and in tests: every shard, polled about every 250 ms, children of a closed
 * shard read from their start. Records arrive in the aws-lambda shape, so one publisher serves
 * both. Not for AWS: there the stack's event source mapping calls the publish Lambda.
 *
 * Also the stream helpers the repair (web/site/repair.ts) uses on AWS: `readRange` re-reads a
 * batch the publisher gave up on, from the position its dead-letter message names.
 */
export interface StreamFollower {
  /** Resolves once the follower reads from the stream's current end: later writes will be seen. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

export interface FollowOptions {
  endpoint: string;
  tableName: string;
  region?: string;
  /** Called with each batch, in stream order per shard; a rejection is logged and the batch is not repeated. */
  onRecords: (records: DynamoDBRecord[]) => Promise<void>;
  intervalMs?: number;
  log?: (message: string) => void;
}

/** An SDK stream record as Lambda delivers it (epoch seconds; attribute values have the same JSON shape). */
export function toLambdaRecord(r: _Record, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion,
    eventSource: r.eventSource,
    awsRegion: r.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: d.ApproximateCreationDateTime ? Math.floor(d.ApproximateCreationDateTime.getTime() / 1000) : undefined,
      Keys: d.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      NewImage: d.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
      OldImage: d.OldImage as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'],
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
  };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
type Streams = Pick<DynamoDBStreamsClient, 'send'>;

/** DynamoDB Local's streams with an endpoint (any credentials do), else AWS's in the Lambda's region. */
export function createStreamsClient(o: { endpoint?: string; region?: string } = {}): DynamoDBStreamsClient {
  return o.endpoint ? new DynamoDBStreamsClient({ endpoint: o.endpoint, region: o.region ?? 'eu-west-1', credentials: LOCAL_CREDENTIALS }) : new DynamoDBStreamsClient({ region: o.region });
}

/** Every shard of a stream, open and closed. */
export async function shardsOf(streams: Streams, streamArn: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let start: string | undefined;
  do {
    const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
    shards.push(...(out.StreamDescription?.Shards ?? []));
    start = out.StreamDescription?.LastEvaluatedShardId;
  } while (start);
  return shards;
}

/**
 * Where a batch lies in a stream: what Lambda's on-failure record of a DynamoDB stream batch
 * names (`DDBStreamBatchInfo`), first and last sequence number both included.
 */
export interface StreamRange {
  streamArn: string;
  shardId: string;
  startSequenceNumber: string;
  endSequenceNumber: string;
}

/**
 * The records of one shard from `startSequenceNumber` to `endSequenceNumber`, in the aws-lambda
 * shape, as the publisher got them. All records in that range, also those the event source
 * mapping's filter left out (the publisher ignores them). Throws what the stream throws:
 * `isGoneFromStream` tells which errors mean the records cannot be read, now or later.
 */
export async function readRange(streams: Streams, range: StreamRange, o: { maxEmptyReads?: number; pauseMs?: number } = {}): Promise<DynamoDBRecord[]> {
  // Sequence numbers are decimal strings of no fixed length: compare them as numbers.
  const end = BigInt(range.endSequenceNumber);
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({ StreamArn: range.streamArn, ShardId: range.shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: range.startSequenceNumber }),
  );
  const out: DynamoDBRecord[] = [];
  let iterator = ShardIterator;
  for (let empty = 0; iterator; ) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    for (const r of page.Records ?? []) {
      if (BigInt(r.dynamodb?.SequenceNumber ?? '0') > end) return out;
      out.push(toLambdaRecord(r, range.streamArn));
      if (BigInt(r.dynamodb?.SequenceNumber ?? '0') === end) return out;
    }
    iterator = page.NextShardIterator; // none: the shard is closed and we read all it holds
    if ((page.Records ?? []).length > 0) empty = 0;
    else if (iterator) {
      // An open shard may answer empty pages before its records (AWS); not forever.
      if (++empty >= (o.maxEmptyReads ?? 10)) throw new Error(`shard ${range.shardId}: ${empty} empty pages before sequence number ${range.endSequenceNumber}`);
      await sleep(o.pauseMs ?? 200);
    }
  }
  return out;
}

/**
 * Errors that mean a position cannot be read, now or later: records past the stream's 24 hours
 * (TrimmedDataAccessException), a shard or stream that is gone (ResourceNotFoundException), an
 * iterator too old (ExpiredIteratorException), or a sequence number the shard refuses
 * (ValidationException: DynamoDB Local's answer for a position before the shard's start).
 */
export function isGoneFromStream(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  return ['TrimmedDataAccessException', 'ResourceNotFoundException', 'ExpiredIteratorException', 'ValidationException'].includes(name);
}

/**
 * Everything each shard of a stream holds now, from its start (DynamoDB Local in tests and the
 * bench: where real records are, with their shard, to point a dead-letter message at).
 */
export async function readShards(streams: Streams, streamArn: string): Promise<{ shardId: string; records: _Record[] }[]> {
  const out: { shardId: string; records: _Record[] }[] = [];
  for (const shard of await shardsOf(streams, streamArn)) {
    const records: _Record[] = [];
    let { ShardIterator: iterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      records.push(...(page.Records ?? []));
      iterator = page.Records?.length ? page.NextShardIterator : undefined;
    }
    out.push({ shardId: shard.ShardId!, records });
  }
  return out;
}

export function followStream(o: FollowOptions): StreamFollower {
  const region = o.region ?? 'eu-west-1';
  const tables = new DynamoDBClient({ endpoint: o.endpoint, region, credentials: LOCAL_CREDENTIALS });
  const streams = createStreamsClient({ endpoint: o.endpoint, region });
  const interval = o.intervalMs ?? 250;
  const log = o.log ?? (() => {});
  let stopped = false;
  let streamArn = '';
  /** Open shards and where we are in each. */
  const iterators = new Map<string, string>();
  const lastSequence = new Map<string, string>();
  const finished = new Set<string>();

  async function iterator(shardId: string, type: 'LATEST' | 'TRIM_HORIZON' | 'AFTER_SEQUENCE_NUMBER', sequence?: string) {
    const out = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequence }));
    if (out.ShardIterator) iterators.set(shardId, out.ShardIterator);
  }

  /** Starts reading shards we do not read yet: at start from their end, later from their beginning. */
  async function discover(initial: boolean) {
    for (const shard of await shardsOf(streams, streamArn)) {
      const id = shard.ShardId!;
      if (iterators.has(id) || finished.has(id)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      if (initial) {
        // Records written before we started belong to the first render, not to us.
        if (closed) finished.add(id);
        else await iterator(id, 'LATEST');
      } else {
        await iterator(id, 'TRIM_HORIZON');
      }
    }
  }

  async function poll() {
    let rediscover = false;
    for (const [shardId, it] of [...iterators]) {
      try {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
        const records = out.Records ?? [];
        if (records.length > 0) {
          lastSequence.set(shardId, records.at(-1)!.dynamodb!.SequenceNumber!);
          try {
            await o.onRecords(records.map((r) => toLambdaRecord(r, streamArn)));
          } catch (e) {
            log(`publishing stream records failed: ${(e as Error).message}`);
          }
        }
        if (out.NextShardIterator) iterators.set(shardId, out.NextShardIterator);
        else {
          // The shard closed: its children carry on.
          iterators.delete(shardId);
          finished.add(shardId);
          rediscover = true;
        }
      } catch (e) {
        if (e instanceof ExpiredIteratorException || e instanceof TrimmedDataAccessException) {
          const after = lastSequence.get(shardId);
          iterators.delete(shardId);
          await (after ? iterator(shardId, 'AFTER_SEQUENCE_NUMBER', after) : iterator(shardId, 'TRIM_HORIZON'));
        } else throw e;
      }
    }
    return rediscover;
  }

  let ready!: () => void;
  const readyPromise = new Promise<void>((ok) => (ready = ok));
  const loop = (async () => {
    const table = await tables.send(new DescribeTableCommand({ TableName: o.tableName }));
    streamArn = table.Table?.LatestStreamArn ?? '';
    if (!streamArn) throw new Error(`table ${o.tableName} has no stream`);
    await discover(true);
    ready();
    for (let tick = 1; !stopped; tick++) {
      try {
        // New shards appear now and then (DynamoDB Local rolls them over): look every few seconds.
        if ((await poll()) || tick % 16 === 0) await discover(false);
      } catch (e) {
        log(`reading the table's stream failed: ${(e as Error).message}`);
      }
      await sleep(interval);
    }
  })();
  loop.catch((e) => {
    log(`the stream follower stopped: ${(e as Error).message}`);
    ready();
  });

  return {
    ready: readyPromise,
    async stop() {
      stopped = true;
      await loop.catch(() => {});
      tables.destroy();
      streams.destroy();
    },
  };
}

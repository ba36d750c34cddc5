import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import * as z from 'zod';
import { publishRecords, type PublishDeps } from './publish.js';
import { createSiteReads } from './reads.js';
import { rebuildSite, sitePaths } from './rebuild.js';
import { isGoneFromStream, readRange } from './stream.js';

const SequenceNumber = z.string().regex(/^\d{1,64}$/);

/**
 * What Lambda puts in the on-failure destination when it gives up on a DynamoDB stream batch:
 * not the records, only where they are (`DDBStreamBatchInfo`). The body of a message in the
 * publisher's dead-letter queue.
 */
export const StreamBatchFailure = z.object({
  requestContext: z.object({ requestId: z.string(), functionArn: z.string(), condition: z.string(), approximateInvokeCount: z.number() }).partial().optional(),
  responseContext: z.object({ statusCode: z.number(), executedVersion: z.string(), functionError: z.string() }).partial().optional(),
  version: z.string().optional(),
  timestamp: z.string().optional(),
  DDBStreamBatchInfo: z.object({
    shardId: z.string().min(1),
    startSequenceNumber: SequenceNumber,
    endSequenceNumber: SequenceNumber,
    approximateArrivalOfFirstRecord: z.string().optional(),
    approximateArrivalOfLastRecord: z.string().optional(),
    batchSize: z.number().int().optional(),
    streamArn: z.string().min(1),
  }),
});
export type StreamBatchFailure = z.infer<typeof StreamBatchFailure>;
type BatchInfo = StreamBatchFailure['DDBStreamBatchInfo'];

export interface RepairDeps extends PublishDeps {
  streams: Pick<DynamoDBStreamsClient, 'send'>;
  /** Where a repair by re-rendering the whole site is reported (the Lambda passes its logger's warn). */
  warn?: (message: string, detail: Record<string, unknown>) => void;
}

/** One dead-letter message: its SQS message id and body. */
export interface DeadLetter {
  id: string;
  body: string;
}

export interface RepairResult {
  /** Messages not repaired, for SQS to deliver again (partial batch response); then they are parked. */
  batchItemFailures: { itemIdentifier: string }[];
  /** Stream records read again and published. */
  replayed: number;
  /** The whole site was rendered again: some batches were no longer in the stream. */
  rebuilt: boolean;
  /** Store keys written or removed by replaying (not counting a whole-site rebuild's). */
  keys: string[];
}

/** Stream arrival times are whole seconds; and clocks differ a little. */
const MARGIN_MS = 5_000;
const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * The repair of stream batches the publisher gave up on (after its retries Lambda sends their
 * position to the dead-letter queue). Each batch is read again from the table's stream and
 * published: pages render from the table as it is now, so a late replay writes today's truth.
 * When the stream no longer has the batch (24 hours' retention, a shard or stream that is
 * gone), nothing tells which pages it touched: the whole site is rendered again, once for all
 * such batches. A successful rebuild is remembered, so a later batch whose changes it already
 * saw costs nothing. Keep one repairer per process (the Lambda: per instance).
 */
export function createRepairer(deps: RepairDeps): (messages: DeadLetter[]) => Promise<RepairResult> {
  /** When the last successful whole-site rebuild of this process started (epoch ms). */
  let rebuiltFrom = Number.NEGATIVE_INFINITY;

  return async (messages) => {
    const failed = new Set<string>();
    const fail = (id: string, message: string, detail: Record<string, unknown> = {}) => {
      failed.add(id);
      deps.log?.(message, { messageId: id, ...detail });
    };
    const keys = new Set<string>();
    let replayed = 0;
    const gone: { id: string; info: BatchInfo; error: string }[] = [];

    for (const m of messages) {
      let info: BatchInfo;
      try {
        info = StreamBatchFailure.parse(JSON.parse(m.body)).DDBStreamBatchInfo;
      } catch (error) {
        fail(m.id, 'dead letter is not a stream batch failure record', { error: errorText(error) });
        continue;
      }
      try {
        const records = await readRange(deps.streams, info);
        const result = await publishRecords(deps, records);
        replayed += records.length;
        for (const k of result.keys) keys.add(k);
        if (result.batchItemFailures.length > 0) fail(m.id, 'stream batch not published again', { batch: info, records: result.batchItemFailures.map((f) => f.itemIdentifier) });
      } catch (error) {
        if (isGoneFromStream(error)) gone.push({ id: m.id, info, error: errorText(error) });
        else fail(m.id, 'stream batch could not be repaired', { batch: info, error: errorText(error) });
      }
    }

    let rebuilt = false;
    if (gone.length > 0) {
      // A rebuild that started after a batch's last change rendered it already.
      const uncovered = gone.filter((g) => !(Date.parse(g.info.approximateArrivalOfLastRecord ?? '') + MARGIN_MS < rebuiltFrom));
      deps.warn?.(
        uncovered.length > 0 ? 'stream batches no longer in the stream: rendering the whole site again' : 'stream batches no longer in the stream, and rendered since by a whole-site rebuild',
        { messageIds: gone.map((g) => g.id), batches: gone.map((g) => g.info), errors: [...new Set(gone.map((g) => g.error))] },
      );
      if (uncovered.length > 0) {
        const started = Date.now();
        try {
          // On AWS the whole site goes to the render queue in chunks; its function retries and dead-letters them.
          const result = deps.fanOut
            ? (await deps.fanOut(await sitePaths(deps, createSiteReads(deps.db, { reachKm: deps.config.REACH_KM, clock: deps.clock })), 'repair: batches no longer in the stream'), { failed: [], written: 0, deleted: 0, ms: Date.now() - started })
            : await rebuildSite(deps);
          if (result.failed.length > 0) {
            const sample = result.failed.slice(0, 5).map((f) => ({ path: f.path, error: errorText(f.error) }));
            for (const g of uncovered) fail(g.id, 'whole-site rebuild left pages unpublished', { failed: result.failed.length, sample });
          } else {
            rebuilt = true;
            rebuiltFrom = started;
            deps.warn?.('whole site rendered again', { written: result.written, deleted: result.deleted, ms: Math.round(result.ms) });
          }
        } catch (error) {
          for (const g of uncovered) fail(g.id, 'whole-site rebuild failed', { error: errorText(error) });
        }
      }
    }

    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })), replayed, rebuilt, keys: [...keys].sort() };
  };
}

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';

/** A render run's counter is kept two weeks after it starts (TTL), long enough to look back at a rebuild. */
const KEEP_SECONDS = 14 * 24 * 3600;

/** What a chunk did: pages written, unchanged (same bytes, no write), deleted, failed. */
export const ChunkCounts = z.object({ written: z.number().int().min(0), unchanged: z.number().int().min(0), deleted: z.number().int().min(0), failed: z.number().int().min(0) });
export type ChunkCounts = z.infer<typeof ChunkCounts>;

export const RenderRun = z.object({
  runId: z.string(),
  reason: z.string(),
  chunks: z.number().int().min(0),
  pages: z.number().int().min(0),
  /** Indexes of the chunks done (a set: a chunk delivered twice counts once). */
  done: z.set(z.string()).default(() => new Set<string>()),
  ...ChunkCounts.shape,
  startedAt: z.string(),
  finishedAt: z.string().optional(),
});
export type RenderRun = z.infer<typeof RenderRun>;

/** Records a run's start: how many chunks and pages it was split into. */
export async function startRenderRun(db: Db, run: { runId: string; reason: string; chunks: number; pages: number }, now = new Date()): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.renderRun(run.runId), type: 'renderRun', ...run, written: 0, unchanged: 0, deleted: 0, failed: 0, startedAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * Counts a chunk as done, once: a chunk SQS delivers twice (or that is retried after its
 * counter was written) adds nothing the second time. The chunk that completes the run sets
 * `finishedAt`. Returns the run as it is now, or undefined when the run is unknown.
 */
export async function renderChunkDone(db: Db, runId: string, index: number, counts: ChunkCounts, now = new Date()): Promise<RenderRun | undefined> {
  let item: Record<string, unknown> | undefined;
  try {
    const out = await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.renderRun(runId),
        UpdateExpression: 'ADD done :chunk, written :w, unchanged :u, deleted :d, failed :f',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(done, :index)',
        ExpressionAttributeValues: { ':chunk': new Set([String(index)]), ':index': String(index), ':w': counts.written, ':u': counts.unchanged, ':d': counts.deleted, ':f': counts.failed },
        ReturnValues: 'ALL_NEW',
      }),
    );
    item = out.Attributes;
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
    return getRenderRun(db, runId);
  }
  const run = RenderRun.parse(item);
  if (run.done.size < run.chunks || run.finishedAt) return run;
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.renderRun(runId),
        UpdateExpression: 'SET finishedAt = :now',
        ConditionExpression: 'attribute_not_exists(finishedAt)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
  } catch (e) {
    if (!(e instanceof ConditionalCheckFailedException)) throw e;
  }
  return { ...run, finishedAt: run.finishedAt ?? now.toISOString() };
}

export async function getRenderRun(db: Db, runId: string): Promise<RenderRun | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.renderRun(runId), ConsistentRead: true }));
  return out.Item ? RenderRun.parse(out.Item) : undefined;
}

import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * An SQS batch, record by record, answered as a partial batch response: a record whose `handle`
 * throws or answers 'retry' goes back to the queue (SQS delivers it again, and after a few tries
 * moves it to the queue's dead-letter queue); the others are done. `failed`: the log line for a
 * record that threw; only its message id and the error's message are logged, never its body
 * (it may hold an address).
 */
export async function eachRecord(event: SQSEvent, logger: Logger, failed: string, handle: (record: SQSRecord) => Promise<'done' | 'retry'>): Promise<SQSBatchResponse> {
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    try {
      if ((await handle(record)) === 'retry') batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error(failed, { messageId: record.messageId, error: error instanceof Error ? error.message : String(error) });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

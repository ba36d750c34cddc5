import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { eachRecord } from './sqs-batch.js';

const record = (messageId: string, body: string) => ({ messageId, body }) as SQSRecord;

describe('an SQS batch, record by record', () => {
  it('sends back exactly the records that threw or asked to be retried, and logs a thrown one by its id, never its body', async () => {
    const logged: unknown[] = [];
    const logger = { error: (message: string, extra: unknown) => logged.push([message, extra]) } as unknown as Logger;
    const event = { Records: [record('a', 'ok'), record('b', 'retry'), record('c', 'secret@example.org'), record('d', 'ok')] } as SQSEvent;
    const seen: string[] = [];
    const response = await eachRecord(event, logger, 'not handled', async (r) => {
      seen.push(r.messageId);
      if (r.body.includes('@')) throw new Error('mail service down');
      return r.body === 'retry' ? 'retry' : 'done';
    });
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'b' }, { itemIdentifier: 'c' }] });
    expect(logged).toEqual([['not handled', { messageId: 'c', error: 'mail service down' }]]);
    expect(JSON.stringify(logged)).not.toContain('secret@example.org');
  });
});

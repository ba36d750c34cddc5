import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ChunkMessage } from '../../web/site/chunks.js';
import type { ChunkQueue } from '../../web/site/fanout.js';

/** The render queue on SQS: ten messages a call, retrying the entries SQS reports as failed. */
export class SqsChunkQueue implements ChunkQueue {
  constructor(
    readonly queueUrl: string,
    readonly client: SQSClient = new SQSClient({}),
  ) {}

  async send(messages: ChunkMessage[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      let entries = messages.slice(i, i + 10).map((m) => ({ Id: `${m.index}`, MessageBody: JSON.stringify(m) }));
      for (let attempt = 0; entries.length > 0; attempt++) {
        if (attempt >= 5) throw new Error(`render queue refused ${entries.length} chunks: ${entries.map((e) => e.Id).join(', ')}`);
        if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
  }
}

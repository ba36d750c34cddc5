import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SignInRequest } from '../domain/session.js';
import type { SignInQueue } from '../ports/sign-in-queue.js';

/**
 * The sign-in queue on SQS (SIGN_IN_QUEUE_URL, set by the stack): one message per request. The
 * SDK client is loaded with the first sign-in, not at the portal's cold start.
 */
export class SqsSignInQueue implements SignInQueue {
  constructor(
    readonly queueUrl: string,
    private client?: SQSClient,
  ) {}

  async enqueue(request: SignInRequest): Promise<void> {
    const { SendMessageCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    this.client ??= new SQSClient({});
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(request) }));
  }
}

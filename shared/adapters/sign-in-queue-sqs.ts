import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SignInRequest } from '../domain/session.js';
import type { SignInQueue } from '../ports/sign-in-queue.js';

/** The sign-in queue on SQS (SIGN_IN_QUEUE_URL, set by the stack): one message per request. */
export class SqsSignInQueue implements SignInQueue {
  constructor(
    readonly queueUrl: string,
    readonly client: SQSClient = new SQSClient({}),
  ) {}

  async enqueue(request: SignInRequest): Promise<void> {
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(request) }));
  }
}

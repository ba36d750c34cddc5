import type { SignInRequest } from '../domain/session.js';

/**
 * Where the sign-in form puts a request for a link, so that the answer does the same work for
 * every address (nothing is looked up, nothing is mailed while the person waits). Two adapters:
 * SQS on AWS (`adapters/sign-in-queue-sqs.ts`, consumed by `functions/sign-in-mail.ts`) and, locally
 * and in tests, the same consumer in this process after the answer (`adapters/sign-in-queue-local.ts`).
 */
export interface SignInQueue {
  enqueue(request: SignInRequest): Promise<void>;
}

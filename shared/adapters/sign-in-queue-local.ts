import type { SignInRequest } from '../domain/session.js';
import type { SignInQueue } from '../ports/sign-in-queue.js';
import { Background } from '../services/background.js';

/**
 * The sign-in queue in this process (`npm start`, tests): each request is handed to the
 * consumer at once, in the background, so the answer does not wait for it; a failure is logged.
 * `settled()` waits for the requests in flight (the local mailbox does, before it shows the mail).
 */
export class LocalSignInQueue implements SignInQueue {
  private readonly background = new Background();

  constructor(private readonly consume: (request: SignInRequest) => Promise<void>) {}

  async enqueue(request: SignInRequest): Promise<void> {
    this.background.run(() => this.consume(request));
  }

  settled(): Promise<void> {
    return this.background.settled();
  }
}

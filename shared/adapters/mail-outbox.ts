import type { Mail, MailPort } from '../ports/mail.js';

export interface SentMail extends Mail {
  at: string;
}

/**
 * Mail kept in memory instead of sent: `npm start` shows it at /dev/mail, tests read it.
 * Newest first; the oldest go once there are more than `capacity`.
 */
export class Outbox implements MailPort {
  private readonly sent: SentMail[] = [];

  constructor(private readonly capacity = 200) {}

  async send(mail: Mail): Promise<void> {
    this.sent.unshift({ ...mail, at: new Date().toISOString() });
    this.sent.length = Math.min(this.sent.length, this.capacity);
  }

  messages(): readonly SentMail[] {
    return this.sent;
  }

  /** The newest message to an address, if any. */
  latestTo(address: string): SentMail | undefined {
    const to = address.trim().toLowerCase();
    return this.sent.find((m) => m.to === to);
  }
}

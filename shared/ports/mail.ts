/**
 * Sending e-mail: sign-in links, invitations, moderation notices, desk digests. Two adapters:
 * SES on AWS (`adapters/mail-ses.ts`) and a local outbox shown at /dev/mail
 * (`adapters/mail-outbox.ts`). Plain text only: every link in it is built from the public
 * origin by the sender, never from user input.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface MailPort {
  send(mail: Mail): Promise<void>;
}

import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mail, MailPort } from '../ports/mail.js';

/**
 * Mail through Amazon SES (v2). `from` must be an identity verified in the account. With a
 * configuration set, SES suppresses addresses that bounced or complained and reports them
 * (infra/stack.ts). The SDK client is loaded with the first mail, not at cold start: most
 * requests send none (scripts/bench-bundles.ts measures what a cold start loads).
 */
export class SesMail implements MailPort {
  constructor(
    private readonly from: string,
    private client?: SESv2Client,
    private readonly configurationSet?: string,
  ) {}

  async send(mail: Mail): Promise<void> {
    const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    this.client ??= new SESv2Client({});
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        ConfigurationSetName: this.configurationSet,
        Destination: { ToAddresses: [mail.to] },
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }
}

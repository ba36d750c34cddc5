import { Hono } from 'hono';
import type { Outbox } from '../../shared/adapters/mail-outbox.js';
import { LocalSignInQueue } from '../../shared/adapters/sign-in-queue-local.js';
import type { SignInQueue } from '../../shared/ports/sign-in-queue.js';
import { t } from '../../shared/i18n/index.js';
import { DOCTYPE } from './layout.js';
import { PORTAL_STYLESHEET } from './style.js';

const LINK = /(https?:\/\/[^\s<>"]+)/g;

/**
 * The local mailbox (`npm start` and tests only, never on AWS): every message the portal
 * "sent", newest first, with its links clickable. Mounted at /dev/mail when LOCAL_DEV is set.
 * Sign-in links are mailed after the form's answer (the sign-in queue): the page waits for those
 * still on their way, so a link asked for a moment ago is there.
 */
export function devMailRoutes(outbox: Outbox, signIns?: SignInQueue) {
  const app = new Hono();
  app.get('/', async (c) => {
    if (signIns instanceof LocalSignInQueue) await signIns.settled();
    const locale = c.req.query('lang') === 'en' ? 'en' : 'nl';
    const messages = outbox.messages();
    return c.html(
      <>
        {DOCTYPE}
        <html lang={locale}>
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>{t(locale, 'portal.devmail.title')}</title>
            <link rel="stylesheet" href={PORTAL_STYLESHEET.path} />
          </head>
          <body class="portal">
            <main>
              <h1>{t(locale, 'portal.devmail.title')}</h1>
              <p class="hint">{t(locale, 'portal.devmail.intro')}</p>
              {messages.length === 0 ? <p>{t(locale, 'portal.devmail.empty')}</p> : null}
              {messages.map((m) => (
                <article class="mail">
                  <h2>{m.subject}</h2>
                  <p class="meta">
                    {t(locale, 'portal.devmail.to')} <span class="to">{m.to}</span> · <time datetime={m.at}>{m.at}</time>
                  </p>
                  <pre>
                    {m.text.split(LINK).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}
                  </pre>
                </article>
              ))}
            </main>
          </body>
        </html>
      </>,
    );
  });
  return app;
}

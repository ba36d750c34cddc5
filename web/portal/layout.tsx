import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { t } from '../../shared/i18n/index.js';
import { isolate } from '../../shared/domain/bidi.js';
import { PORTAL_STYLESHEET } from './style.js';
import { ANONYMOUS } from '../../shared/services/actor.js';
import type { PortalContext } from './env.js';

/**
 * The portal's page frame: Dutch or English, the person's navigation (with the desk's queue
 * count), a language switch and a sign-out button. No script: the CSP forbids inline script and
 * every page works as plain HTML forms.
 */
/** Standards mode: without it a browser renders the page in quirks mode. */
export const DOCTYPE = raw('<!DOCTYPE html>');

export function PortalPage(props: { c: PortalContext; title: string; children: Child }) {
  const { c } = props;
  const locale = c.get('locale') ?? 'nl';
  const actor = c.get('actor') ?? ANONYMOUS;
  const nav = c.get('nav') ?? [];
  const other = locale === 'nl' ? 'en' : 'nl';
  const back = new URL(c.req.url).pathname + new URL(c.req.url).search;
  return (
    <>
      {DOCTYPE}
      <html lang={locale} dir="ltr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${isolate(props.title)} · ${t(locale, 'portal.title')}`}</title>
          <link rel="stylesheet" href={PORTAL_STYLESHEET.path} />
        </head>
        <body class="portal">
          <header class="masthead portal-masthead">
            <a href="/portal/" class="brand">{t(locale, 'portal.title')}</a>
            <nav aria-label={t(locale, 'portal.nav.label')}>
              <ul class="portal-nav">
                {nav.map((item) => (
                  <li>
                    <a href={item.href}>
                      {item.label}
                      {item.count !== undefined ? <span class="count">{` (${item.count})`}</span> : null}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <a class="lang" hreflang={other} lang={other} href={`/portal/lang/${other}?back=${encodeURIComponent(back)}`}>
              {t(other, 'portal.lang.switch')}
            </a>
            {actor.kind === 'person' ? (
              <form method="post" action="/portal/logout" class="inline">
                <span class="who">{actor.email}</span> <button type="submit">{t(locale, 'portal.logout')}</button>
              </form>
            ) : null}
          </header>
          <main>{props.children}</main>
          <footer class="portal-footer">
            <a href="/portal/privacy">{t(locale, 'portal.notice.link')}</a>
          </footer>
        </body>
      </html>
    </>
  );
}

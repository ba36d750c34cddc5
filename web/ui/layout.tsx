import type { Child } from 'hono/jsx';
import { directionOf, t, type Locale } from '../../shared/i18n/index.js';

/** The page frame every OpWeg page shares: language, direction, one small stylesheet. */
export function Layout(props: { locale: Locale; title: string; children: Child }) {
  return (
    <html lang={props.locale} dir={directionOf(props.locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t(props.locale, 'app.name')}`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
      </head>
      <body>
        <header class="masthead">
          <a href="/" class="brand">{t(props.locale, 'app.name')}</a>
          <span class="tagline">{t(props.locale, 'app.tagline')}</span>
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

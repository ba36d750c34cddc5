import type { Child } from 'hono/jsx';
import { LOCALES, LOCALE_INFO, directionOf, needsReview, t, type Locale } from '../../shared/i18n/index.js';
import { paths } from '../site/paths.js';
import { ASSETS } from './assets.js';
import { Pictogram } from './pictograms.js';
import { SiteStyle } from './site-style-tag.js';
import { IconLinks, ShareHead } from './share-head.js';
import { stamp } from './stamp.js';

export interface Crumb {
  href: string;
  label: string;
}

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** The page's path after the locale prefix (`/locations/assen/`): the language links keep it. */
  path: string;
  crumbs?: Crumb[];
  /** The public origin: with it the page carries its canonical address, hreflang alternates and Open Graph tags. */
  origin?: string;
  /** What this page offers, for search results and link previews (default: its title and the site's tagline). */
  description?: string;
  /** Open Graph type: a listing is an `article`. */
  ogType?: 'website' | 'article';
  /** Closed listings: shown to who follows a link, left out of search engines. */
  noindex?: boolean;
  /** Feed links, JSON-LD. */
  head?: Child;
  /** Pages with the optional filter form load the one small script. */
  script?: boolean;
  class?: string;
  children: Child;
}

/** The frame of every resident page: language and direction, the inline stylesheet, no script by default. */
export function Layout(p: LayoutProps) {
  const home = paths.home(p.locale);
  const title = `${p.title} · ${t(p.locale, 'app.name')}`;
  const description = p.description ?? `${p.title}. ${t(p.locale, 'app.tagline')}`;
  return (
    <html lang={p.locale} dir={directionOf(p.locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {p.origin ? (
          <ShareHead origin={p.origin} locale={p.locale} path={p.path} title={title} description={description} type={p.ogType} />
        ) : (
          <>
            <meta name="description" content={description} />
            <IconLinks />
          </>
        )}
        {p.noindex && <meta name="robots" content="noindex" />}
        <SiteStyle />
        {p.head}
        {p.script && <script src={ASSETS.filter.path} defer></script>}
      </head>
      <body class={p.class}>
        <a class="skip" href="#main">{t(p.locale, 'nav.skip')}</a>
        <header class="top">
          <a href={home}>
            <Pictogram name="location" />
            {t(p.locale, 'app.name')}
          </a>
        </header>
        {p.crumbs && p.crumbs.length > 0 && (
          <nav class="crumbs" aria-label={t(p.locale, 'nav.breadcrumb')}>
            <ol>
              <li>
                <a href={home}>{t(p.locale, 'nav.home')}</a>
              </li>
              {p.crumbs.map((c) => (
                <li>
                  <a href={c.href}>{c.label}</a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <main id="main">{p.children}</main>
        <footer>
          {needsReview(p.locale) && <p class="review">{t(p.locale, 'i18n.needsReview')}</p>}
          {stamp(`languages|${p.locale}`, p.path, (path) => (
            <nav aria-label={t(p.locale, 'nav.language')}>
              <ul>
                {LOCALES.map((l) =>
                  l === p.locale ? null : (
                    <li>
                      <a href={`/${l}${path}`} hreflang={l} lang={l} dir={directionOf(l)}>
                        {LOCALE_INFO[l].name}
                      </a>
                    </li>
                  ),
                )}
              </ul>
            </nav>
          ))}
          <ul>
            <li>
              <a href={paths.privacy(p.locale)}>{t(p.locale, 'nav.privacy')}</a>
            </li>
            <li>
              <a href={paths.about(p.locale)}>{t(p.locale, 'nav.about')}</a>
            </li>
          </ul>
        </footer>
      </body>
    </html>
  );
}

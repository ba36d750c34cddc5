import type { Child } from 'hono/jsx';
import { DEFAULT_LOCALE, LOCALES, LOCALE_INFO, directionOf, needsReview, t, type Locale } from '../../shared/i18n/index.js';
import { paths } from '../site/paths.js';
import { isolated } from '../site/share.js';
import { ASSETS } from './assets.js';
import { Pictogram } from './pictograms.js';
import { SiteStyle } from './site-style-tag.js';
import { IconLinks, ShareHead } from './share-head.js';
import { stamp } from './stamp.js';

/*
 * The shell of every resident page, in one place: the document with its language and
 * direction, the head (charset, viewport, title, what search engines and chat apps read, the
 * inline stylesheet that the Content Security Policy admits by its hash), the bar at the top and,
 * on a page in one language, the breadcrumbs and the footer with the other languages. `Layout`
 * frames a page in one language; `MultilingualLayout` the two pages that speak every language
 * at once (`/`, the language chooser, and `/404.html`). A page file holds only its own content.
 */

export interface Crumb {
  href: string;
  label: string;
}

/** The HTML document: `meta` before the stylesheet (share tags, robots), `head` after it (feeds, JSON-LD, the script). */
function Document(p: { lang: Locale; title: string; meta: Child; head?: Child; class?: string; children: Child }) {
  return (
    <html lang={p.lang} dir={directionOf(p.lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title}</title>
        {p.meta}
        <SiteStyle lang={p.lang} />
        {p.head}
      </head>
      <body class={p.class}>{p.children}</body>
    </html>
  );
}

/** The bar at the top: the site's name, leading to the start (the language's home page, or the chooser). */
export function TopBar(p: { href: string; label: string }) {
  return (
    <header class="top">
      <a href={p.href}>
        <Pictogram name="location" />
        {p.label}
      </a>
    </header>
  );
}

function Crumbs(p: { locale: Locale; crumbs: Crumb[] }) {
  return (
    <nav class="crumbs" aria-label={t(p.locale, 'nav.breadcrumb')}>
      <ol>
        <li>
          <a href={paths.home(p.locale)}>{t(p.locale, 'nav.home')}</a>
        </li>
        {p.crumbs.map((c) => (
          <li>
            <a href={c.href}>{c.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Under a page in one language: the review note, the same page in every other language, privacy and about. */
export function LanguageFooter(p: { locale: Locale; path: string }) {
  return (
    <footer>
      {needsReview(p.locale) && <p class="review">{t(p.locale, 'i18n.needsReview')}</p>}
      {/* The same on every page of the language but for the path: stamped (./stamp.ts). */}
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
  );
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

/** The frame of a resident page in one language: its direction, the inline stylesheet, no script by default. */
export function Layout(p: LayoutProps) {
  const title = `${p.title} · ${isolated(p.locale, t(p.locale, 'app.name'))}`;
  const description = p.description ?? `${p.title}. ${t(p.locale, 'app.tagline')}`;
  const meta = (
    <>
      {p.origin ? (
        <ShareHead origin={p.origin} locale={p.locale} path={p.path} title={title} description={description} type={p.ogType} />
      ) : (
        <>
          <meta name="description" content={description} />
          <IconLinks />
        </>
      )}
      {p.noindex && <meta name="robots" content="noindex" />}
    </>
  );
  const head = (
    <>
      {p.head}
      {p.script && <script src={ASSETS.filter.path} defer></script>}
    </>
  );
  return (
    <Document lang={p.locale} title={title} meta={meta} head={head} class={p.class}>
      <a class="skip" href="#main">{t(p.locale, 'nav.skip')}</a>
      <TopBar href={paths.home(p.locale)} label={t(p.locale, 'app.name')} />
      {p.crumbs && p.crumbs.length > 0 && <Crumbs locale={p.locale} crumbs={p.crumbs} />}
      <main id="main">{p.children}</main>
      <LanguageFooter locale={p.locale} path={p.path} />
    </Document>
  );
}

export interface MultilingualLayoutProps {
  /** The page's own title, followed by the site's name; without it the site's name alone (the chooser). */
  title?: string;
  /** The public origin: with it the page is the chooser, with its canonical address, its alternates (every home page) and Open Graph tags. */
  origin?: string;
  description?: string;
  noindex?: boolean;
  children: Child;
}

/**
 * The frame of a page in every language at once: in Dutch (the default) and left to right, each
 * language's part marked with its own `lang` and `dir` by the page; the top bar leads to the
 * chooser. No footer: the page itself is the list of languages.
 */
export function MultilingualLayout(p: MultilingualLayoutProps) {
  const name = t(DEFAULT_LOCALE, 'app.name');
  const title = p.title ? `${p.title} · ${name}` : name;
  const meta = (
    <>
      {p.origin ? (
        <ShareHead origin={p.origin} locale={DEFAULT_LOCALE} path="/" url={`${p.origin}${paths.languages()}`} title={title} description={p.description ?? title} manifest={false} />
      ) : (
        <IconLinks />
      )}
      {p.noindex && <meta name="robots" content="noindex" />}
    </>
  );
  return (
    <Document lang={DEFAULT_LOCALE} title={title} meta={meta}>
      <TopBar href={paths.languages()} label={name} />
      <main id="main">{p.children}</main>
    </Document>
  );
}

import { DEFAULT_LOCALE, LOCALES, t, type Locale } from '../../shared/i18n/index.js';
import { paths } from '../site/paths.js';
import { stamp } from './stamp.js';

/** The resident site's icons: files in web/ui/icons/ (drawn by scripts/icons.ts), at fixed addresses. */
export const ICONS = {
  favicon: { path: '/favicon.ico', file: 'favicon.ico', type: 'image/x-icon' },
  svg: { path: '/icons/icon.svg', file: 'icon.svg', type: 'image/svg+xml' },
  png192: { path: '/icons/icon-192.png', file: 'icon-192.png', type: 'image/png' },
  png512: { path: '/icons/icon-512.png', file: 'icon-512.png', type: 'image/png' },
} as const;

/**
 * Open Graph wants language_TERRITORY. The territory is where most of the site's readers of
 * that language come from (Kurmanji: ICU's `ku`).
 */
const OG_LOCALE: Record<Locale, string> = {
  nl: 'nl_NL', en: 'en_GB', ar: 'ar_AR', ti: 'ti_ER', fa: 'fa_AF', ps: 'ps_AF', tr: 'tr_TR', so: 'so_SO', kmr: 'ku_TR', ckb: 'ckb_IQ',
};

export interface ShareProps {
  /** Public origin, e.g. https://opweg.example.org: canonical and Open Graph addresses are absolute. */
  origin: string;
  locale: Locale;
  /** The page's path after the locale prefix (`/listings/x/`); it exists in every language. */
  path: string;
  /** The full `<title>` text. */
  title: string;
  description: string;
  /** Open Graph type: `article` for a listing, `website` for the rest. */
  type?: 'website' | 'article';
  /** The canonical address, when it is not the page's in `locale` (the chooser at `/`, in every language). */
  url?: string;
  /** Link the language's web app manifest (default); the chooser has none of its own. */
  manifest?: boolean;
}

/** `/ar` + `/listings/x/` on the origin. */
export const pageUrl = (origin: string, locale: Locale, path: string) => `${origin}/${locale}${path}`;

/** Where a reader whose language is not among ours goes: the chooser for the home pages, else the Dutch page. */
export const xDefault = (origin: string, path: string) => (path === '/' ? `${origin}/` : pageUrl(origin, DEFAULT_LOCALE, path));

/**
 * What search engines, chat apps and phones read from a page's head: the canonical address, the
 * same page in every language (and x-default: the Dutch one), Open Graph for link previews, the
 * icons and the web app manifest.
 */
export function ShareHead(p: ShareProps) {
  const url = p.url ?? pageUrl(p.origin, p.locale, p.path);
  // What depends only on the language and the path is stamped (./stamp.ts): rendered once, the page's path put in.
  return (
    <>
      <meta name="description" content={p.description} />
      {stamp(`alternates|${p.origin}|${p.locale}|${p.path === '/'}|${p.url ?? ''}`, p.path, (path) => (
        <>
          <link rel="canonical" href={p.url ?? pageUrl(p.origin, p.locale, path)} />
          {LOCALES.map((l) => (
            <link rel="alternate" hreflang={l} href={pageUrl(p.origin, l, path)} />
          ))}
          <link rel="alternate" hreflang="x-default" href={p.path === '/' ? xDefault(p.origin, '/') : xDefault(p.origin, path)} />
        </>
      ))}
      <meta property="og:type" content={p.type ?? 'website'} />
      <meta property="og:site_name" content={t(p.locale, 'app.name')} />
      <meta property="og:title" content={p.title} />
      <meta property="og:description" content={p.description} />
      <meta property="og:url" content={url} />
      {stamp(`og|${p.origin}|${p.locale}|${p.manifest === false}`, p.path, () => (
        <>
          <meta property="og:locale" content={OG_LOCALE[p.locale]} />
          {LOCALES.filter((l) => l !== p.locale).map((l) => (
            <meta property="og:locale:alternate" content={OG_LOCALE[l]} />
          ))}
          <meta property="og:image" content={`${p.origin}${ICONS.png512.path}`} />
          <meta property="og:image:width" content="512" />
          <meta property="og:image:height" content="512" />
          <meta property="og:image:alt" content={t(p.locale, 'app.name')} />
          <IconLinks manifest={p.manifest === false ? undefined : paths.manifest(p.locale)} />
        </>
      ))}
    </>
  );
}

export function IconLinks(p: { manifest?: string }) {
  return (
    <>
      <link rel="icon" href={ICONS.favicon.path} sizes="32x32" />
      <link rel="icon" href={ICONS.svg.path} type={ICONS.svg.type} />
      <link rel="apple-touch-icon" href={ICONS.png192.path} />
      {p.manifest && <link rel="manifest" href={p.manifest} />}
    </>
  );
}

/** The web app manifest of one language: "add to home screen" opens the site in that language. */
export function webManifest(locale: Locale, direction: 'ltr' | 'rtl') {
  return {
    name: `${t(locale, 'app.name')}: ${t(locale, 'app.tagline')}`,
    short_name: t(locale, 'app.name'),
    description: t(locale, 'app.tagline'),
    lang: locale,
    dir: direction,
    start_url: paths.home(locale),
    scope: '/',
    display: 'browser',
    background_color: '#fbfbf8',
    theme_color: '#0b5cad',
    icons: [
      { src: ICONS.svg.path, sizes: 'any', type: ICONS.svg.type },
      { src: ICONS.png192.path, sizes: '192x192', type: ICONS.png192.type },
      { src: ICONS.png512.path, sizes: '512x512', type: ICONS.png512.type },
    ],
  };
}

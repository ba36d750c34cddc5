import { DEFAULT_LOCALE, LOCALES, LOCALE_INFO, directionOf, t } from '../../../shared/i18n/index.js';
import { SiteStyle } from '../../ui/site-style-tag.js';
import { Layout } from '../../ui/layout.js';
import { ICONS, IconLinks } from '../../ui/share-head.js';
import { Pictogram } from '../../ui/pictograms.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';

/** `/`: the language chooser. Each language is named in itself, with a line in that language. */
export function LanguagesPage(p: { origin: string }) {
  const title = t(DEFAULT_LOCALE, 'app.name');
  const description = LOCALES.map((l) => t(l, 'app.tagline')).slice(0, 2).join(' · ');
  return (
    <html lang={DEFAULT_LOCALE} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={description} />
        {/* The chooser is the x-default of every language's home page, and itself. */}
        <link rel="canonical" href={`${p.origin}/`} />
        {LOCALES.map((l) => (
          <link rel="alternate" hreflang={l} href={`${p.origin}${paths.home(l)}`} />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${p.origin}/`} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content={title} />
        <meta property="og:title" content={title} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={`${p.origin}/`} />
        <meta property="og:locale" content="nl_NL" />
        <meta property="og:image" content={`${p.origin}${ICONS.png512.path}`} />
        <IconLinks />
        <SiteStyle />
      </head>
      <body>
        <header class="top">
          <a href={paths.languages()}>
            <Pictogram name="location" />
            {t(DEFAULT_LOCALE, 'app.name')}
          </a>
        </header>
        <main id="main">
          <h1 class="big">
            <Pictogram name="language" /> {t(DEFAULT_LOCALE, 'nav.language')} · <span lang="en">{t('en', 'nav.language')}</span>
          </h1>
          <ul class="langs">
            {LOCALES.map((l) => (
              <li>
                <a href={paths.home(l)} lang={l} dir={directionOf(l)} hreflang={l}>
                  <span class="name">{LOCALE_INFO[l].name}</span>
                  {t(l, 'language.continue')}
                </a>
              </li>
            ))}
          </ul>
        </main>
      </body>
    </html>
  );
}

/** `/<locale>/`: choose a location (grouped by region), or a whole region. */
export async function HomePage({ locale, reads, config }: PageContext) {
  const { regions, locations } = await reads.directory();
  return (
    <Layout origin={config.PUBLIC_ORIGIN} locale={locale} title={t(locale, 'home.title')} path="/">
      <h1>{t(locale, 'home.title')}</h1>
      <p class="lead">{t(locale, 'home.chooseLocation')}</p>
      {regions.map((r) => (
        <section class="section">
          <h2>{t(locale, 'region.name', { name: r.name })}</h2>
          <ul class="tiles">
            {locations
              .filter((l) => l.regionId === r.id)
              .map((l) => (
                <li>
                  <a href={paths.location(locale, l.id)}>
                    <Pictogram name="location" />
                    <bdi>{l.name}</bdi>
                  </a>
                </li>
              ))}
          </ul>
        </section>
      ))}
      <h2>{t(locale, 'home.orRegion')}</h2>
      <ul class="tiles">
        {regions.map((r) => (
          <li>
            <a href={paths.region(locale, r.id)}>
              <Pictogram name="region" />
              {t(locale, 'region.name', { name: r.name })}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

import { DEFAULT_LOCALE, LOCALES, LOCALE_INFO, directionOf, t } from '../../../shared/i18n/index.js';
import { Layout, MultilingualLayout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { LocationTiles } from '../components.js';
import type { PageContext } from '../context.js';
import { paths } from '../paths.js';

/** `/`: the language chooser. Each language is named in itself, with a line in that language. */
export function LanguagesPage(p: { origin: string }) {
  const description = LOCALES.map((l) => t(l, 'app.tagline')).slice(0, 2).join(' · ');
  return (
    // The chooser is the x-default of every language's home page, and itself.
    <MultilingualLayout origin={p.origin} description={description}>
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
    </MultilingualLayout>
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
          <LocationTiles locale={locale} locations={locations.filter((l) => l.regionId === r.id)} />
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

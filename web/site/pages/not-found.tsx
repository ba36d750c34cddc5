import { DEFAULT_LOCALE, LOCALES, LOCALE_INFO, directionOf, t, type Locale } from '../../../shared/i18n/index.js';
import { Layout, MultilingualLayout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { paths, withoutLocale } from '../paths.js';

/**
 * `/<locale>/404.html`: an address that leads nowhere, in the reader's language, with the way
 * back. Static like every page; the local server answers unknown addresses under a locale with
 * it. Every link is absolute, so it reads right at any depth.
 */
export function NotFoundPage(p: { locale: Locale }) {
  const { locale } = p;
  return (
    <Layout locale={locale} title={t(locale, 'notFound.title')} path={withoutLocale(paths.notFound(locale))} noindex>
      <div class="box closed">
        <h1>{t(locale, 'notFound.title')}</h1>
        <p>{t(locale, 'notFound.text')}</p>
        <p>
          <a href={paths.home(locale)}>
            <Pictogram name="location" />
            {t(locale, 'notFound.home')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/**
 * `/404.html`: the same in every language, for an address that names none (and for
 * CloudFront, whose error response is one page for the whole site): each language's
 * sentence in its own direction, with the way back to its start page.
 */
export function NotFoundAllPage() {
  return (
    <MultilingualLayout title={t(DEFAULT_LOCALE, 'notFound.title')} noindex>
      <h1>
        {t(DEFAULT_LOCALE, 'notFound.title')} · <span lang="en">{t('en', 'notFound.title')}</span>
      </h1>
      <ul class="langs">
        {LOCALES.map((l) => (
          <li lang={l} dir={directionOf(l)}>
            <a href={paths.home(l)} hreflang={l}>
              <span class="name">{LOCALE_INFO[l].name}</span>
              {t(l, 'notFound.title')}. {t(l, 'notFound.home')}
            </a>
          </li>
        ))}
      </ul>
    </MultilingualLayout>
  );
}

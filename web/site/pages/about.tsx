import { t } from '../../../shared/i18n/index.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import type { PageContext } from '../context.js';
import { paths, withoutLocale } from '../paths.js';

/** The privacy notice, in every interface language (docs/domain.md, "Privacy"). */
export function PrivacyPage({ locale, config }: PageContext) {
  return (
    <Layout origin={config.PUBLIC_ORIGIN} locale={locale} title={t(locale, 'privacy.title')} path={withoutLocale(paths.privacy(locale))} crumbs={[]}>
      <h1 class="big">
        <Pictogram name="privacy" /> {t(locale, 'privacy.title')}
      </h1>
      <p>{t(locale, 'privacy.site')}</p>
      <p>{t(locale, 'privacy.react')}</p>
      <p>{t(locale, 'privacy.never')}</p>
      <p>{t(locale, 'privacy.employer')}</p>
      <p>{t(locale, 'privacy.retention', { days: config.RETENTION_DAYS_AFTER_CLOSE, daysConsent: config.RETENTION_DAYS_WITH_CONSENT })}</p>
      <p>{t(locale, 'privacy.rights')}</p>
    </Layout>
  );
}

export function AboutPage({ locale, config }: PageContext) {
  return (
    <Layout origin={config.PUBLIC_ORIGIN} locale={locale} title={t(locale, 'about.title')} path={withoutLocale(paths.about(locale))} crumbs={[]}>
      <h1 class="big">
        <Pictogram name="desk" /> {t(locale, 'about.title')}
      </h1>
      <p>{t(locale, 'about.what')}</p>
      <p>{t(locale, 'about.who')}</p>
      <p>{t(locale, 'about.free')}</p>
      <p>{t(locale, 'about.languages')}</p>
    </Layout>
  );
}

import { LOGS_KEPT_DAYS } from '../../../shared/config/index.js';
import { t } from '../../../shared/i18n/index.js';
import { retentionParams } from '../../../shared/services/interests.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import type { PageContext } from '../context.js';
import { paths, withoutLocale } from '../paths.js';

/**
 * The privacy notice, in every interface language: who is responsible and how to reach them,
 * what is kept and why, on what legal basis, who sees it, how long (from the same configuration
 * the form and the sweep use), logs and backups, and every right. docs/privacy.md is the
 * inventory behind it.
 */
export function PrivacyPage({ locale, config }: PageContext) {
  const contact = config.PRIVACY_CONTACT;
  const periods = { ...retentionParams(config), logDays: LOGS_KEPT_DAYS, backupDays: config.BACKUP_RETENTION_DAYS, auditDays: config.AUDIT_RETENTION_DAYS };
  return (
    <Layout origin={config.PUBLIC_ORIGIN} locale={locale} title={t(locale, 'privacy.title')} path={withoutLocale(paths.privacy(locale))} crumbs={[]}>
      <h1 class="big">
        <Pictogram name="privacy" /> {t(locale, 'privacy.title')}
      </h1>
      <p>{t(locale, 'privacy.site')}</p>
      <h2 id="controller">{t(locale, 'privacy.h.controller')}</h2>
      <p>{t(locale, 'privacy.controller', { controller: config.PRIVACY_CONTROLLER, contact })}</p>
      <h2 id="use">{t(locale, 'privacy.h.use')}</h2>
      <p>{t(locale, 'privacy.react')}</p>
      <p>{t(locale, 'privacy.purposes')}</p>
      <p>{t(locale, 'privacy.basis', { ...periods, contact })}</p>
      <p>{t(locale, 'privacy.never')}</p>
      <h2 id="recipients">{t(locale, 'privacy.h.recipients')}</h2>
      <p>{t(locale, 'privacy.employer')}</p>
      <p>{t(locale, 'privacy.recipients')}</p>
      <h2 id="retention">{t(locale, 'privacy.h.retention')}</h2>
      <p>{t(locale, 'privacy.retention', periods)}</p>
      <p>{t(locale, 'privacy.logs', periods)}</p>
      <p>{t(locale, 'privacy.audit', periods)}</p>
      <h2 id="rights">{t(locale, 'privacy.h.rights')}</h2>
      <p>{t(locale, 'privacy.rights', { contact })}</p>
      <p>{t(locale, 'privacy.lostCode')}</p>
      <p>{t(locale, 'privacy.complaint')}</p>
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

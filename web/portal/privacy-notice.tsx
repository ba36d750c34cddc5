import { Hono } from 'hono';
import { LOGS_KEPT_DAYS } from '../../shared/config/index.js';
import { DEFAULT_LOCALE } from '../../shared/i18n/index.js';
import { retentionParams } from '../../shared/services/interests.js';
import { paths } from '../site/paths.js';
import { tr, type Portal, type PortalEnv } from './env.js';
import { PortalPage } from './layout.js';

/**
 * The portal's privacy notice (Dutch and English), open to everyone: for employers and desk
 * staff, what the portal keeps about them, and the residents' side in short with a link to the
 * residents' own notice. Every period comes from the same configuration the code runs on.
 */
export function privacyNoticeRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  app.get('/privacy', (c) => {
    const config = p.deps.config;
    const contact = config.PRIVACY_CONTACT;
    const periods = {
      ...retentionParams(config),
      hours: config.SESSION_HOURS,
      auditDays: config.AUDIT_RETENTION_DAYS,
      logDays: LOGS_KEPT_DAYS,
      backupDays: config.BACKUP_RETENTION_DAYS,
    };
    const residents = c.get('locale') === 'en' ? 'en' : DEFAULT_LOCALE;
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.notice.title')}>
        <h1>{tr(c, 'portal.notice.title')}</h1>
        <p id="controller">{tr(c, 'portal.notice.controller', { controller: config.PRIVACY_CONTROLLER, contact })}</p>
        <p>{tr(c, 'portal.notice.what')}</p>
        <p>{tr(c, 'portal.notice.why', periods)}</p>
        <p>{tr(c, 'portal.notice.recipients', { region: config.AWS_REGION })}</p>
        <p id="retention">{tr(c, 'portal.notice.retention', periods)}</p>
        <p id="rights">{tr(c, 'portal.notice.rights', { contact })}</p>
        <p>
          {tr(c, 'portal.notice.residents')} <a href={paths.privacy(residents)}>{paths.privacy(residents)}</a>
        </p>
      </PortalPage>,
    );
  });
  return app;
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/index.js';
import { LOCALES, t } from '../../shared/i18n/index.js';
import type { Listing } from '../../shared/domain/listing.js';
import { InterestForm } from './interest-form.js';
import { PrivacyPage } from './pages/about.js';
import type { SiteReads } from './reads.js';

/** The residents' privacy notice, in every language, and the form's retention line: one configuration. */
const config = loadConfig({
  PRIVACY_CONTROLLER: 'Gemeente Testdorp',
  PRIVACY_CONTACT: 'privacy@testdorp.example',
  RETENTION_DAYS_AFTER_CLOSE: '21',
  RETENTION_DAYS_WITH_CONSENT: '730',
  AUDIT_RETENTION_DAYS: '400',
  BACKUP_RETENTION_DAYS: '40',
});

const decode = (html: string) => html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the privacy notice', () => {
  it.each(LOCALES)('in %s names the controller and contact, purposes, basis, recipients, retention as configured, logs, backups, audit log and every right', async (locale) => {
    const html = decode(await PrivacyPage({ locale, config, reads: {} as SiteReads }).toString());
    for (const shown of ['Gemeente Testdorp', 'privacy@testdorp.example', 'Autoriteit Persoonsgegevens', 'Amazon Web Services', 'COA', '>21<', '24', '30', '40', '400']) {
      expect(html, `${locale}: ${shown}`).toContain(shown.replace(/[<>]/g, ''));
    }
    for (const key of ['privacy.h.controller', 'privacy.purposes', 'privacy.h.recipients', 'privacy.h.retention', 'privacy.lostCode', 'privacy.complaint', 'privacy.h.rights'] as const) {
      expect(html, `${locale}: ${key}`).toContain(t(locale, key));
    }
    expect(html).toContain(t(locale, 'privacy.basis', { months: 24, contact: 'privacy@testdorp.example' }));
    expect(html).toContain(t(locale, 'privacy.logs', { logDays: 30, backupDays: 40 }));
  });

  it('and the form say the same retention, from the same configuration', async () => {
    const listing = { id: '01JZ0000000000000000000000', kind: 'job' } as Listing;
    const html = await InterestForm({ locale: 'en', listing, locations: [], retention: config }).toString();
    expect(html).toContain(t('en', 'interest.privacy', { days: 21, months: 24 }));
    expect(html).toContain('21 days');
    expect(html).toContain('24 months');
  });
});

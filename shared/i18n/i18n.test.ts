import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDecimal, formatMoney, formatNumber } from './format.js';
import { t } from './index.js';
import { catalogueProblems } from './messages/check.js';
import type { Messages } from './messages/en.js';
import { portalEn } from './portal/en.js';
import { portalNl } from './portal/nl.js';

describe('plurals', () => {
  it('take the branch the language rules pick, with the number written the language way', () => {
    expect(t('nl', 'portal.mail.digest.subject', { count: 1, region: 'Noord' })).toBe('Eén aanbod wacht op beoordeling in regio Noord');
    expect(t('nl', 'portal.mail.digest.subject', { count: 2, region: 'Noord' })).toBe('2 keer aanbod wacht op beoordeling in regio Noord');
    expect(t('nl', 'portal.mail.digest.subject', { count: 0, region: 'Noord' })).toBe('0 keer aanbod wacht op beoordeling in regio Noord');
    expect(t('nl', 'portal.mail.digest.subject', { count: 1200, region: 'Noord' })).toBe('1.200 keer aanbod wacht op beoordeling in regio Noord');
    expect(t('en', 'portal.mail.digest.subject', { count: 1, region: 'North' })).toBe('1 listing waits for review in region North');
    expect(t('en', 'portal.mail.digest.subject', { count: 1200, region: 'North' })).toBe('1,200 listings wait for review in region North');
  });

  it('fill placeholders inside and around a plural', () => {
    const body = t('nl', 'portal.mail.digest.body', { count: 1, region: 'Zuid', listings: '- Kok', link: 'https://x/' });
    expect(body).toBe('Eén aanbod wacht op beoordeling in regio Zuid, oudste eerst:\n\n- Kok\n\nDe wachtrij: https://x/');
  });
});

describe('formatting', () => {
  it('writes money, numbers and dates the way each language does', () => {
    expect(formatMoney('nl', 15.25).replace(/\s/g, ' ')).toBe('€ 15,25');
    expect(formatMoney('en', 15.25)).toBe('€15.25');
    expect(formatNumber('nl', 4000)).toBe('4.000');
    expect(formatDecimal('nl', 14.71)).toBe('14,71');
    expect(formatDate('nl', '2026-12-02')).toBe('2 december 2026');
    expect(formatDate('en', '2026-12-02')).toBe('2 December 2026');
    // Instants in Dutch time: 23:30 UTC on 1 December is already 2 December in Amsterdam.
    expect(formatDateTime('nl', '2026-12-01T23:30:00Z')).toBe('2 december 2026 00:30');
    expect(formatDateTime('en', '2026-07-01T07:05:00Z')).toBe('1 July 2026 09:05');
  });
});

describe('the portal catalogue', () => {
  it('has every English key in Dutch, none empty, with the same placeholders', () => {
    expect(catalogueProblems(portalEn as unknown as Messages, portalNl, [], 'nl')).toEqual([]);
  });
});

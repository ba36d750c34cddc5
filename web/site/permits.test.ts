import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, t, type MessageKey } from '../../shared/i18n/index.js';
import { createTestDb } from '../../test/db.js';
import { createSiteApp, type SiteApp } from './app.js';
import { permitExplanation } from './pages/listing.js';
import { paths } from './paths.js';
import { seedSite, siteDeps } from './testing.js';

/** Who may take a listing up, per kind and group, on the residents' listing page (docs/domain.md, "Who may do what"). */
let app: SiteApp;
let data: Awaited<ReturnType<typeof seedSite>>;

beforeAll(async () => {
  const db = await createTestDb();
  data = await seedSite(db);
  app = createSiteApp(siteDeps(db));
});

const page = async (locale: string, id: string) => (await app.request(paths.listing(locale as 'nl', id))).text();
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('the permit explanation', () => {
  it('fits the kind and the group', () => {
    const asylum = { openTo: 'permit-holders-and-asylum-seekers', helpsWithWorkPermit: false } as const;
    expect(permitExplanation({ ...asylum, kind: 'job' })).toEqual(['permit.holders', 'permit.asylum', 'permit.twv']);
    expect(permitExplanation({ ...asylum, kind: 'internship', helpsWithWorkPermit: true })).toEqual(['permit.holders', 'permit.asylum', 'permit.twv', 'permit.kind.internship', 'permit.helps']);
    expect(permitExplanation({ ...asylum, kind: 'workplace-learning' })).toContain('permit.kind.workplace-learning');
    expect(permitExplanation({ ...asylum, kind: 'apprenticeship' })).toContain('permit.kind.apprenticeship');
    expect(permitExplanation({ kind: 'volunteering', openTo: 'everyone', helpsWithWorkPermit: false })).toEqual(['permit.volunteering']);
    expect(permitExplanation({ kind: 'company-visit', openTo: 'everyone', helpsWithWorkPermit: false })).toEqual(['permit.everyone']);
    expect(permitExplanation({ kind: 'job', openTo: 'permit-holders', helpsWithWorkPermit: true })).toEqual(['permit.holders']);
  });

  it('says in every language: 18 or older, the TWV comes first; volunteering needs none thanks to the declaration', async () => {
    for (const locale of LOCALES) {
      const job = await page(locale, data.job.id);
      for (const key of ['permit.asylum', 'permit.twv', 'permit.helps'] as MessageKey[]) expect(job).toContain(escaped(t(locale, key)));
      const volunteering = await page(locale, data.volunteering.id);
      expect(volunteering).toContain(escaped(t(locale, 'permit.volunteering')));
      expect(volunteering).not.toContain(escaped(t(locale, 'permit.twv')));
      expect(volunteering).not.toContain(escaped(t(locale, 'listing.wageNote')));
      const visit = await page(locale, data.companyVisit.id);
      expect(visit).toContain(escaped(t(locale, 'permit.everyone')));
    }
    expect(t('en', 'permit.asylum')).toContain('18 or older');
    expect(t('nl', 'permit.twv')).toContain('pas beginnen als UWV de TWV heeft gegeven');
  });

  it('puts the safety note on every listing page, in every language', async () => {
    for (const locale of LOCALES) {
      for (const id of [data.job.id, data.volunteering.id, data.companyVisit.id]) {
        const html = await page(locale, id);
        expect(html).toContain('id="safety"');
        for (const key of ['safety.pay', 'safety.document', 'safety.report'] as MessageKey[]) expect(html).toContain(escaped(t(locale, key)));
      }
    }
    expect(t('en', 'safety.report')).toContain('0800 5151');
  });
});

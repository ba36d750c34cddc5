import { beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/index.js';
import { seededSiteApp } from '../../test/site.js';
import { nuErrors } from '../../test/vnu.js';
import { GROUPS } from './groups.js';
import { paths } from './paths.js';

let { app, data } = {} as Awaited<ReturnType<typeof seededSiteApp>>;
beforeAll(async () => ({ app, data } = await seededSiteApp()));

describe('the Nu Html Checker', () => {
  it('finds no error on any page type of the resident site, in every language', async () => {
    // Every page type, each kind of listing page, left-to-right and right-to-left: in all ten
    // languages the types whose text differs most, in one language the rest.
    const perLocale = (l: (typeof LOCALES)[number]) => [
      paths.home(l), paths.location(l, 'venlo'), paths.listing(l, data.job.id), paths.listing(l, data.companyVisit.id), paths.notFound(l),
    ];
    const once = [
      paths.languages(), paths.notFoundAll(), paths.region('ar', 'zuid'), ...GROUPS.map((g) => paths.group('fa', 'zuid', g)),
      paths.partners('ti', 'zuid'), paths.poster('ckb', 'venlo'), paths.poster('nl', 'venlo'), paths.listing('en', data.volunteering.id),
      paths.listing('nl', data.closed.id), paths.listing('ps', data.closed.id), paths.privacy('so'), paths.about('kmr'), paths.privacy('tr'),
    ];
    const pages: Record<string, string> = {};
    for (const path of [...LOCALES.flatMap(perLocale), ...once]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      pages[path] = await res.text();
    }
    // A broken page in the same run shows the checker reads what it is given.
    const broken = 'a broken page';
    pages[broken] = '<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body><p><div>in a p</div></p></body></html>';
    const errors = await nuErrors(Object.entries(pages));
    expect(errors.some((e) => e.page === broken)).toBe(true);
    expect(errors.filter((e) => e.page !== broken).map((e) => `${e.page}: ${e.message} ${e.extract ?? ''}`)).toEqual([]);
  }, 180_000);
});

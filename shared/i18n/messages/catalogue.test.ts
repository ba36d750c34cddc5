import { describe, expect, it } from 'vitest';
import { CATALOGUE, LOCALES, LOCALE_INFO, NEEDS_REVIEW, directionOf, needsReview, t } from '../index.js';
import { catalogueProblems } from './check.js';
import { en } from './en.js';

describe('the resident catalogue', () => {
  it.each(LOCALES)('%s has every key of English, none empty, with the same placeholders', (locale) => {
    expect(catalogueProblems(en, CATALOGUE[locale], NEEDS_REVIEW[locale], LOCALE_INFO[locale].intl)).toEqual([]);
  });

  it('keeps out the words the language review found wrong or misleading', () => {
    // Each: a word that means something else to a reader (a refugee is not an asylum seeker, a
    // chair is not a seat), a calque, or the other form of address than the rest of the catalogue.
    const avoid: Partial<Record<(typeof LOCALES)[number], string[]>> = {
      nl: ['aanbiedingen', 'Reageer voor'],
      en: ['May you work', 'status holder'],
      ar: ['تصريح تطوع'],
      fa: ['از عمرش'],
      ps: ['میاشتې زړه'],
      tr: ['masa ', 'Masa ', 'masasına', 'masaya', 'seçin.', 'sorun.', 'isteyin.'],
      ti: ['ክትሓቱ', 'ንምሕታት', 'ናይ ዜና ምግቢ'],
      so: ['kursi', 'Quudinta wararka'],
      kmr: ['penaber '],
      ckb: ['پەنابەر'],
    };
    const found = Object.entries(avoid).flatMap(([locale, words]) =>
      Object.entries(CATALOGUE[locale as (typeof LOCALES)[number]]).flatMap(([key, text]) => words.filter((w) => text.includes(w)).map((w) => `${locale} ${key}: ${w}`)),
    );
    expect(found).toEqual([]);
  });

  it('reports a locale that misses a key, changes a placeholder or marks an unknown key', () => {
    const { 'nav.home': _gone, ...rest } = CATALOGUE.ar;
    const broken = {
      ...rest,
      'location.intro': 'قرب {name}',
      'nav.extra': 'x',
      'listing.seatsLeft': '{count, plural, one {بقي مكان واحد} two {بقي مكانان} few {بقيت # أماكن} many {بقي # مكانًا} other {بقي # مكان} dual {مكانان}}',
      'list.hours': '{count} ساعة',
    };
    expect(catalogueProblems(en, broken, ['nav.nope' as never], 'ar')).toEqual([
      'missing nav.home',
      'placeholders of location.intro: {name} instead of {km,name}',
      'list.hours needs the plural forms few/many/one/two/zero/other',
      'listing.seatsLeft misses the plural form zero',
      'listing.seatsLeft has the plural form dual, which the language does not use',
      'unknown nav.extra',
      'review mark for unknown nav.nope',
    ]);
  });

  it('marks the draft translations for review, and only those', () => {
    expect(LOCALES.filter(needsReview)).toEqual(['ar', 'ti', 'fa', 'ps', 'tr', 'so', 'kmr', 'ckb']);
  });

  it('offers the languages residents read, right-to-left where the script is', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['nl', 'en', 'ar', 'ti', 'fa', 'ps', 'tr', 'so', 'kmr', 'ckb']));
    expect(LOCALES.filter((l) => directionOf(l) === 'rtl')).toEqual(['ar', 'fa', 'ps', 'ckb']);
  });

  it.each(LOCALES)('%s formats dates with the Gregorian calendar and Latin digits', (locale) => {
    const date = new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date('2026-12-02T09:00:00Z'));
    expect(date).toContain('2026');
  });

  it.each([
    ['nl', 1, 'Nog 1 plaats vrij'],
    ['nl', 3, 'Nog 3 plaatsen vrij'],
    ['en', 1, '1 place left'],
    ['en', 2, '2 places left'],
    ['ar', 0, 'لم يبقَ أي مكان'],
    ['ar', 1, 'بقي مكان واحد'],
    ['ar', 2, 'بقي مكانان'],
    ['ar', 3, 'بقيت 3 أماكن'],
    ['ar', 12, 'بقي 12 مكانًا'],
    ['ar', 100, 'بقي 100 مكان'],
    ['ti', 1, '1 ቦታ ተሪፉ'],
    ['ti', 5, '5 ቦታታት ተሪፎም'],
  ] as const)('%s with %i seats left says "%s"', (locale, count, text) => {
    expect(t(locale, 'listing.seatsLeft', { count })).toBe(text);
  });

  it('writes money and large numbers as the language does', () => {
    expect(t('nl', 'error.wage_below_minimum', { minimum: 14.4 })).toMatch(/€\s14,40 bruto per uur/);
    expect(t('en', 'error.wage_below_minimum', { minimum: 14.4 })).toContain('€14.40 gross per hour');
    expect(t('nl', 'list.more', { count: 12000 })).toContain('12.000');
  });

  it('fills placeholders in every locale', () => {
    for (const locale of LOCALES) {
      const s = t(locale, 'listing.distanceFrom', { km: 12, location: 'Assen' });
      expect(s).toContain('12');
      expect(s).toContain('Assen');
      expect(s).not.toMatch(/[{}]/);
    }
  });
});

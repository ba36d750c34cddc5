import { describe, expect, it } from 'vitest';
import { CATALOGUE, LOCALES, LOCALE_INFO, NEEDS_REVIEW, directionOf, needsReview, t } from '../index.js';
import { catalogueProblems } from './check.js';
import { en } from './en.js';

describe('the resident catalogue', () => {
  it.each(LOCALES)('%s has every key of English, none empty, with the same placeholders', (locale) => {
    expect(catalogueProblems(en, CATALOGUE[locale], NEEDS_REVIEW[locale])).toEqual([]);
  });

  it('reports a locale that misses a key, changes a placeholder or marks an unknown key', () => {
    const { 'nav.home': _gone, ...rest } = CATALOGUE.ar;
    const broken = { ...rest, 'location.intro': 'قرب {name}', 'nav.extra': 'x' };
    expect(catalogueProblems(en, broken, ['nav.nope' as never])).toEqual([
      'missing nav.home',
      'placeholders of location.intro: {name} instead of {km,name}',
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

  it('fills placeholders in every locale', () => {
    for (const locale of LOCALES) {
      const s = t(locale, 'listing.distanceFrom', { km: 12, location: 'Assen' });
      expect(s).toContain('12');
      expect(s).toContain('Assen');
      expect(s).not.toMatch(/[{}]/);
    }
  });
});

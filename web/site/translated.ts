import type { Listing } from '../../shared/domain/listing.js';
import { summaryIn, type Summary } from '../../shared/domain/summary.js';
import type { Locale } from '../../shared/i18n/index.js';
import type { SiteReads } from './reads.js';

/** For lists, feeds and calendars: the summary in `locale` of each listing that has one, by id. */
export async function summariesIn(reads: SiteReads, locale: Locale, listings: Listing[]): Promise<Map<string, Summary>> {
  const found = await Promise.all(listings.map(async (l) => (l.language === locale ? undefined : summaryIn(locale, l, await reads.summaries(l.id)))));
  return new Map(found.flatMap((s, i) => (s ? [[listings[i]!.id, s] as const] : [])));
}

/** For lists (region, group, location, poster): the translated title of each listing that has one, by id. */
export async function translatedTitles(reads: SiteReads, locale: Locale, listings: Listing[]): Promise<Map<string, string>> {
  return new Map([...(await summariesIn(reads, locale, listings))].map(([id, s]) => [id, s.title]));
}

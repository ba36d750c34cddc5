import type { Listing } from '../../../shared/domain/listing.js';
import type { Organisation } from '../../../shared/domain/organisation.js';
import type { Summary } from '../../../shared/domain/summary.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import { paths } from '../paths.js';

/**
 * An Atom feed (RFC 4287) of visible listings (a region's, or a location's within reach),
 * newest first, in one of the site's languages: the feed's own words (its title, each entry's
 * line of kind, organisation and place) are in `locale` (`xml:lang` on the feed), entries link to
 * the pages in that language. An entry with a summary in `locale` (`translated`: written or
 * checked by a person, of the text as it reads now) carries that title and text, marked as a
 * translation, as the listing page does; any other entry carries the organisation's title and
 * text with the language they were written in (`xml:lang` on the entry). Deterministic: the same
 * listings and summaries give the same bytes.
 *
 * Everything employers type (titles, descriptions, places, organisation names) goes out as
 * escaped *text* (`type="text"`), never as HTML: a feed reader shows `<img onerror=…>` in a
 * name as those characters and runs nothing. (The `feed` package this replaced wrapped every
 * text in `type="html"` CDATA, which readers render as markup.)
 */
export function atomFeed(o: { locale: Locale; title: string; self: string; page: string; origin: string; listings: Listing[]; organisations: Map<string, Organisation>; translated: Map<string, Summary> }): string {
  const listings = [...o.listings].sort((a, b) => (b.publishedAt ?? b.updatedAt).localeCompare(a.publishedAt ?? a.updatedAt) || b.id.localeCompare(a.id));
  const updated = listings.reduce((latest, l) => (l.updatedAt > latest ? l.updatedAt : latest), '1970-01-01T00:00:00.000Z');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.locale}">`,
    `  <id>${xmlText(`${o.origin}${o.self}`)}</id>`,
    `  <title type="text">${xmlText(o.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <generator>OpWeg</generator>`,
    `  <rights type="text">OpWeg</rights>`,
    // RFC 4287 wants an author for every entry: the feed's stands in where an entry names no organisation.
    `  <author><name>OpWeg</name></author>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(`${o.origin}${o.page}`)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(`${o.origin}${o.self}`)}"/>`,
  ];
  for (const l of listings) {
    const url = `${o.origin}${paths.listing(o.locale, l.id)}`;
    const organisation = o.organisations.get(l.organisationId);
    const kind = t(o.locale, `kind.${l.kind}`);
    const summary = [kind, organisation?.name, l.workplace.city].filter(Boolean).join(' · ');
    const translation = o.translated.get(l.id);
    lines.push(
      // The entry's language: the summary's (the feed's own), or the one the organisation wrote in.
      `  <entry xml:lang="${translation ? o.locale : l.language}">`,
      `    <id>${xmlText(url)}</id>`,
      `    <title type="text">${xmlText(translation?.title ?? l.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
      `    <updated>${l.updatedAt}</updated>`,
      `    <published>${l.publishedAt ?? l.updatedAt}</published>`,
      // The kind in the feed's language, with the organisation's name and the city.
      `    <summary type="text" xml:lang="${o.locale}">${xmlText(summary)}</summary>`,
      `    <content type="text">${xmlText(translation ? `${translation.text}\n\n${t(o.locale, 'summary.translated')}` : l.description)}</content>`,
      `    <category term="${xmlText(l.kind)}" label="${xmlText(kind)}"/>`,
      ...(organisation ? [`    <author><name>${xmlText(organisation.name)}</name></author>`] : []),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * Text for XML element content and double- or single-quoted attributes: the five markup
 * characters escaped, and the characters XML 1.0 does not allow at all (C0 controls other than
 * tab and newline, lone surrogates, U+FFFE/U+FFFF) dropped, so the document stays well-formed.
 */
export function xmlText(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

import { Feed } from 'feed';
import type { Listing } from '../../../shared/domain/listing.js';
import type { Organisation } from '../../../shared/domain/organisation.js';
import { DEFAULT_LOCALE, t } from '../../../shared/i18n/index.js';
import { paths } from '../paths.js';

/**
 * An Atom feed of visible listings (a region's, or a location's within reach), newest first.
 * Feeds sit outside the locales: titles are Dutch, entries link to the Dutch pages, listing
 * texts stay as written. Deterministic: the same listings give the same bytes.
 */
export function atomFeed(o: { title: string; self: string; page: string; origin: string; listings: Listing[]; organisations: Map<string, Organisation> }): string {
  const listings = [...o.listings].sort((a, b) => (b.publishedAt ?? b.updatedAt).localeCompare(a.publishedAt ?? a.updatedAt) || b.id.localeCompare(a.id));
  const updated = listings.reduce((latest, l) => (l.updatedAt > latest ? l.updatedAt : latest), '1970-01-01T00:00:00.000Z');
  const feed = new Feed({
    id: `${o.origin}${o.self}`,
    title: o.title,
    link: `${o.origin}${o.page}`,
    language: DEFAULT_LOCALE,
    updated: new Date(updated),
    generator: 'OpWeg',
    feedLinks: { atom: `${o.origin}${o.self}` },
    copyright: 'OpWeg',
  });
  for (const l of listings) {
    const url = `${o.origin}${paths.listing(DEFAULT_LOCALE, l.id)}`;
    const organisation = o.organisations.get(l.organisationId);
    feed.addItem({
      id: url,
      link: url,
      title: l.title,
      description: [t(DEFAULT_LOCALE, `kind.${l.kind}`), organisation?.name, l.workplace.city].filter(Boolean).join(' · '),
      content: l.description,
      date: new Date(l.updatedAt),
      published: new Date(l.publishedAt ?? l.updatedAt),
      category: [{ term: l.kind, name: t(DEFAULT_LOCALE, `kind.${l.kind}`) }],
      ...(organisation ? { author: [{ name: organisation.name }] } : {}),
    });
  }
  return feed.atom1();
}

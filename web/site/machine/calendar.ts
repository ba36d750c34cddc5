import ical from 'ical-generator';
import type { Listing } from '../../../shared/domain/listing.js';
import type { Organisation } from '../../../shared/domain/organisation.js';
import type { Summary } from '../../../shared/domain/summary.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import { paths } from '../paths.js';

/**
 * An iCalendar feed of a region's upcoming company visits and events (times in UTC, which
 * every calendar shows in local time), in one of the site's languages: links to the pages and
 * "seats left" in `locale`; a visit with a summary in `locale` (`translated`, written or checked by
 * a person) carries its title and text, marked as a translation, any other the organisation's
 * texts as written. Seats left go in the description. Deterministic: the stamp of each event is
 * the listing's last change.
 */
export function visitsCalendar(o: { locale: Locale; name: string; origin: string; visits: { listing: Listing; seatsLeft: number }[]; organisations: Map<string, Organisation>; translated: Map<string, Summary> }): string {
  const calendar = ical({ name: o.name, prodId: { company: 'OpWeg', product: 'visits', language: o.locale.toUpperCase() } });
  for (const { listing: l, seatsLeft } of o.visits) {
    if (!l.startsAt || !l.endsAt) continue;
    const url = `${o.origin}${paths.listing(o.locale, l.id)}`;
    const w = l.workplace;
    const translation = o.translated.get(l.id);
    const text = translation ? `${translation.text}\n\n${t(o.locale, 'summary.translated')}` : l.description;
    calendar.createEvent({
      id: `${l.id}@opweg`,
      start: new Date(l.startsAt),
      end: new Date(l.endsAt),
      stamp: new Date(l.updatedAt),
      summary: translation?.title ?? l.title,
      description: [text, o.organisations.get(l.organisationId)?.name, seatsLeft > 0 ? t(o.locale, 'listing.seatsLeft', { count: seatsLeft }) : t(o.locale, 'listing.full'), url]
        .filter(Boolean)
        .join('\n\n'),
      location: [w.street, [w.postcode, w.city].filter(Boolean).join(' ')].filter(Boolean).join(', '),
      url,
    });
  }
  return calendar.toString();
}

import { raw } from 'hono/html';
import { SCHEDULED_KINDS, type Listing } from '../../../shared/domain/listing.js';
import type { Organisation } from '../../../shared/domain/organisation.js';
import type { Summary } from '../../../shared/domain/summary.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { endOfDutchDay } from '../format.js';

/**
 * JSON for a `<script type="application/ld+json">`: every `<`, `>` and `&` becomes a JSON
 * escape, so no text (a title with `</script>`, say) can end the script element or start
 * markup. This is the only raw output on resident pages; it never holds unescaped text.
 */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function JsonLd(p: { data: unknown }) {
  return <script type="application/ld+json">{raw(scriptJson(p.data))}</script>;
}

type EmploymentType = 'FULL_TIME' | 'PART_TIME' | 'INTERN' | 'VOLUNTEER' | 'OTHER';

/** schema.org employmentType: a 32-hour week counts as full time in the Netherlands. */
export function employmentType(l: Listing): EmploymentType | EmploymentType[] {
  const time: EmploymentType = l.hoursPerWeek === undefined ? 'OTHER' : l.hoursPerWeek >= 32 ? 'FULL_TIME' : 'PART_TIME';
  switch (l.kind) {
    case 'volunteering':
      return 'VOLUNTEER';
    case 'internship':
    case 'workplace-learning':
      return 'INTERN';
    case 'apprenticeship':
      return time === 'OTHER' ? 'INTERN' : ['INTERN', time];
    default:
      return time;
  }
}

function place(l: Listing, addressRegion: string | undefined) {
  const w = l.workplace;
  return {
    '@type': 'Place',
    address: {
      '@type': 'PostalAddress',
      ...(w.street ? { streetAddress: w.street } : {}),
      ...(w.postcode ? { postalCode: w.postcode } : {}),
      addressLocality: w.city,
      ...(addressRegion ? { addressRegion } : {}),
      addressCountry: 'NL',
    },
    geo: { '@type': 'GeoCoordinates', latitude: w.lat, longitude: w.lon },
  };
}

function organisationLd(o: Organisation | undefined) {
  return o ? { '@type': 'Organization', name: o.name, ...(o.website ? { sameAs: o.website } : {}) } : undefined;
}

export interface JsonLdContext {
  organisation?: Organisation;
  /** Public origin, e.g. https://opweg.example.org */
  origin: string;
  /** The page's path. */
  url: string;
  locale: Locale;
  /** The province of the workplace (from the nearest reception location). */
  addressRegion?: string;
  /** Who may take it up, in the page's words: the sentences the page shows (full sentences, joined by a space). */
  eligibility: string[];
  /** Visits: seats still free. */
  seatsLeft?: number;
  /**
   * The summary in the page's language that the page shows in place of the organisation's text,
   * if any: then the name and description are the summary's, in the page's language, as the
   * page's heading and text are.
   */
  translation?: Summary;
}

/** The title, text and language the page shows: the summary's, or the organisation's own. */
const shownText = (l: Listing, c: JsonLdContext) =>
  c.translation ? { title: c.translation.title, description: c.translation.text, inLanguage: c.locale } : { title: l.title, description: l.description, inLanguage: l.language };

/** JobPosting for work, internships and volunteering; Event for company visits and job fairs. */
export function listingJsonLd(l: Listing, c: JsonLdContext): Record<string, unknown> {
  const url = `${c.origin}${c.url}`;
  const shown = shownText(l, c);
  if (SCHEDULED_KINDS.includes(l.kind)) {
    return {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: shown.title,
      description: shown.description,
      inLanguage: shown.inLanguage,
      url,
      identifier: l.id,
      startDate: l.startsAt,
      endDate: l.endsAt,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { ...place(l, c.addressRegion), name: l.workplace.city },
      organizer: organisationLd(c.organisation),
      ...(l.seats !== undefined ? { maximumAttendeeCapacity: l.seats } : {}),
      ...(c.seatsLeft !== undefined ? { remainingAttendeeCapacity: c.seatsLeft } : {}),
      isAccessibleForFree: true,
      offers: {
        '@type': 'Offer',
        price: 0,
        priceCurrency: 'EUR',
        url,
        availability: c.seatsLeft === 0 ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock',
      },
    };
  }
  // Volunteering pays no wage: no baseSalary at all (0 would read as "unpaid work" in job search).
  const wage = l.wagePerHour;
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: shown.title,
    description: shown.description,
    inLanguage: shown.inLanguage,
    url,
    identifier: { '@type': 'PropertyValue', name: 'OpWeg', value: l.id },
    datePosted: (l.publishedAt ?? l.createdAt).slice(0, 10),
    ...(l.closingDate ? { validThrough: endOfDutchDay(l.closingDate) } : {}),
    employmentType: employmentType(l),
    hiringOrganization: organisationLd(c.organisation),
    jobLocation: place(l, c.addressRegion),
    ...(wage !== undefined
      ? { baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', value: wage, unitText: 'HOUR' } } }
      : {}),
    ...(l.hoursPerWeek !== undefined ? { workHours: `${l.hoursPerWeek} h/week` } : {}),
    ...(l.startDate ? { jobStartDate: l.startDate } : {}),
    eligibilityToWorkRequirement: c.eligibility.join(' '),
    directApply: false,
  };
}

import { DutchLevel, SCHEDULED_KINDS, type Listing } from '../../shared/domain/listing.js';
import type { Retention } from '../../shared/services/interests.js';
import type { Location } from '../../shared/domain/region.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { directionOf, t, type Locale } from '../../shared/i18n/index.js';
import { Pictogram } from '../ui/pictograms.js';
import { formatDate, formatNumber, formatTime, roundKm } from './format.js';
import { GROUPS, GROUP_PICTOGRAM, type KindGroup } from './groups.js';
import { CANCEL_ACTION, InterestForm } from './interest-form.js';
import { paths } from './paths.js';

/** Open to asylum seekers (with a work permit the employer arranges, or no permit needed). */
export const openToAsylumSeekers = (l: Listing) => l.openTo !== 'permit-holders';

/** Listing text stays in the language the organisation wrote it in. */
export const textLang = (l: Listing) => ({ lang: l.language, dir: directionOf(l.language) });

export function visitWhen(locale: Locale, l: Listing): string | undefined {
  if (!l.startsAt || !l.endsAt) return undefined;
  return t(locale, 'visits.when', { date: formatDate(locale, l.startsAt), start: formatTime(locale, l.startsAt), end: formatTime(locale, l.endsAt) });
}

/**
 * A line of facts, each isolated for the bidirectional algorithm (`<bdi>`): a Dutch company
 * name on an Arabic page keeps its full stops where they belong.
 */
export function Meta(p: { parts: (string | undefined)[] }) {
  const parts = p.parts.filter((x): x is string => Boolean(x));
  return (
    <p class="meta">
      {parts.map((part, i) => (
        <>
          {i > 0 && ' · '}
          <bdi>{part}</bdi>
        </>
      ))}
    </p>
  );
}

/** `translatedTitle`: the title of a summary in the page's language (web/site/translated.ts), shown and marked as a translation. */
export function ListingItem(p: { locale: Locale; listing: Listing; organisation?: Organisation; km?: number; seatsLeft?: number; translatedTitle?: string }) {
  const { locale: l, listing } = p;
  const when = visitWhen(l, listing);
  return (
    <li
      data-level={DutchLevel.options.indexOf(listing.dutchLevel)}
      data-asylum={openToAsylumSeekers(listing) ? '1' : '0'}
      data-hours={listing.hoursPerWeek ?? ''}
      data-km={p.km === undefined ? '' : p.km.toFixed(1)}
    >
      <Pictogram name={listing.kind} />
      <div class="item">
        <a href={paths.listing(l, listing.id)} {...(p.translatedTitle === undefined ? textLang(listing) : {})}>
          {p.translatedTitle ?? listing.title}
        </a>
        <Meta parts={[t(l, `kind.${listing.kind}`), p.organisation?.name, listing.workplace.city, p.km === undefined ? undefined : t(l, 'list.distance', { km: formatNumber(l, roundKm(p.km)) })]} />
        {when && <p class="meta">{when}</p>}
        <ul class="badges">
          {p.translatedTitle !== undefined && <li>{t(l, 'list.translated')}</li>}
          {listing.dutchLevel === 'none' ? <li class="yes">{t(l, 'list.noDutch')}</li> : <li>{t(l, 'list.dutch', { level: listing.dutchLevel })}</li>}
          {listing.englishOk && <li>{t(l, 'list.englishOk')}</li>}
          {openToAsylumSeekers(listing) && <li class="yes">{t(l, 'list.asylum')}</li>}
          {listing.hoursPerWeek !== undefined && <li>{t(l, 'list.hours', { count: listing.hoursPerWeek })}</li>}
          {p.seatsLeft !== undefined && <li>{p.seatsLeft > 0 ? t(l, 'listing.seatsLeft', { count: p.seatsLeft }) : t(l, 'listing.full')}</li>}
        </ul>
      </div>
    </li>
  );
}

/**
 * Tiles to the four groups; `href` decides whether they jump within the page or to the region's
 * group page. A group with nothing to jump to (`href` gives undefined) is a tile without a link.
 */
export function GroupTiles(p: { locale: Locale; counts: Record<KindGroup, number>; more?: Record<KindGroup, boolean>; href: (g: KindGroup) => string | undefined }) {
  return (
    <ul class="tiles groups">
      {GROUPS.map((g) => {
        const href = p.href(g);
        const content = (
          <>
            <Pictogram name={GROUP_PICTOGRAM[g]} />
            {t(p.locale, `group.${g}`)}
            <span class="count">
              {formatNumber(p.locale, p.counts[g])}
              {p.more?.[g] && '+'}
            </span>
          </>
        );
        return <li>{href === undefined ? <span class="tile">{content}</span> : <a href={href}>{content}</a>}</li>;
      })}
    </ul>
  );
}

/** Tiles to the pages of these reception locations (a region's, on the home page and the region's page). */
export function LocationTiles(p: { locale: Locale; locations: Location[] }) {
  return (
    <ul class="tiles">
      {p.locations.map((l) => (
        <li>
          <a href={paths.location(p.locale, l.id)}>
            <Pictogram name="location" />
            <bdi>{l.name}</bdi>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Under a list cut at its newest LIST_LIMIT (web/site/reads.ts): there are more than shown. */
export function MoreNote(p: { locale: Locale; count: number }) {
  return <p class="note">{t(p.locale, 'list.more', { count: p.count })}</p>;
}

const HOURS = [8, 16, 24, 32, 40];
const DISTANCES = [5, 10, 20, 30];

/**
 * Further filters. Hidden without the script (they would do nothing), shown by the stylesheet
 * when scripts run (no layout shift when the script arrives); every listing is on the page
 * anyway, sorted and labelled.
 */
export function Filters(p: { locale: Locale; distance: boolean }) {
  const l = p.locale;
  return (
    <>
      <form class="filters" hidden>
        <details>
          <summary>{t(l, 'filter.legend')}</summary>
          <div class="fields">
            <label>
              {t(l, 'filter.dutch')}
              <select name="level">
                <option value="">{t(l, 'filter.any')}</option>
                {DutchLevel.options.map((level, i) => (
                  <option value={i}>{level === 'none' ? t(l, 'list.noDutch') : level}</option>
                ))}
              </select>
            </label>
            <label>
              {t(l, 'filter.hours')}
              <select name="hours">
                <option value="">{t(l, 'filter.any')}</option>
                {HOURS.map((h) => (
                  <option value={h}>{formatNumber(l, h)}</option>
                ))}
              </select>
            </label>
            {p.distance && (
              <label>
                {t(l, 'filter.distance')}
                <select name="km">
                  <option value="">{t(l, 'filter.any')}</option>
                  {DISTANCES.map((km) => (
                    <option value={km}>{t(l, 'list.km', { km: formatNumber(l, km) })}</option>
                  ))}
                </select>
              </label>
            )}
            <label class="check">
              <input type="checkbox" name="asylum" value="1" />
              {t(l, 'filter.asylum')}
            </label>
            <button type="submit">{t(l, 'filter.apply')}</button>
          </div>
        </details>
      </form>
      <p class="nomatch" hidden>
        {t(l, 'filter.noMatch')}
      </p>
    </>
  );
}

/**
 * How a resident reacts: the interest form (or the visit sign-up), and the desk as the other way.
 */
export function HowToReact(p: { locale: Locale; listing: Listing; locations: Location[]; retention: Retention }) {
  const { locale: l, listing } = p;
  const visit = SCHEDULED_KINDS.includes(listing.kind);
  return (
    <section class="section" id="react">
      <h2>
        <Pictogram name="desk" />
        {t(l, visit ? 'interest.titleVisit' : 'interest.title')}
      </h2>
      {listing.contactNote && (
        <div class="box note">
          <h3>{t(l, 'react.note')}</h3>
          <p class="text" {...textLang(listing)}>
            {listing.contactNote}
          </p>
        </div>
      )}
      <InterestForm locale={l} listing={listing} locations={p.locations} retention={p.retention} />
      <p class="meta">
        {t(l, 'interest.orDesk')}
      </p>
      <p>
        <a href={`${CANCEL_ACTION}?locale=${l}`}>{t(l, visit ? 'cancel.link' : 'interest.withdrawLink')}</a>
      </p>
    </section>
  );
}

/**
 * Where and when residents find the location's participation desk, as the admin keeps it
 * (address, opening hours and phone are written in Dutch: they name Dutch places and times);
 * without them, where to ask.
 */
export function DeskBox(p: { locale: Locale; location: Location }) {
  const { locale: l, location } = p;
  const known = location.deskAddress || location.deskHours || location.deskPhone;
  return (
    <section class="box note" id="desk">
      <h2>
        <Pictogram name="desk" />
        {t(l, 'desk.title', { name: location.name })}
      </h2>
      {known ? (
        <dl class="facts">
          {location.deskAddress && (
            <>
              <dt>{t(l, 'desk.address')}</dt>
              <dd lang="nl" dir="ltr">{location.deskAddress}</dd>
            </>
          )}
          {location.deskHours && (
            <>
              <dt>{t(l, 'desk.hours')}</dt>
              <dd class="text" lang="nl" dir="ltr">{location.deskHours}</dd>
            </>
          )}
          {location.deskPhone && (
            <>
              <dt>{t(l, 'desk.phone')}</dt>
              <dd dir="ltr">
                <a href={`tel:${location.deskPhone.replace(/[^+0-9]/g, '')}`}>{location.deskPhone}</a>
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p>{t(l, 'desk.unknown')}</p>
      )}
    </section>
  );
}

/** A plain link to the place on OpenStreetMap, by its coordinates: no map script, no tracking on our pages. */
export const mapLink = (c: { lat: number; lon: number }) => `https://www.openstreetmap.org/?mlat=${c.lat.toFixed(5)}&mlon=${c.lon.toFixed(5)}#map=16/${c.lat.toFixed(5)}/${c.lon.toFixed(5)}`;

export function FeedLink(p: { href: string; label: string; type: 'atom' | 'ics' }) {
  return (
    <a href={p.href} type={p.type === 'atom' ? 'application/atom+xml' : 'text/calendar'}>
      <Pictogram name={p.type === 'atom' ? 'feed' : 'event'} />
      {p.label}
    </a>
  );
}

export const postedOn = (locale: Locale, l: Listing) => t(locale, 'listing.posted', { date: formatDate(locale, l.publishedAt ?? l.updatedAt) });

import { NotFoundError } from '../../../shared/errors.js';
import { SCHEDULED_KINDS, type Listing } from '../../../shared/domain/listing.js';
import { isVisible } from '../../../shared/db/keys.js';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { HowToReact, mapLink, Meta, postedOn, textLang, visitWhen } from '../components.js';
import type { PageContext } from '../context.js';
import { formatDate, formatMoney, formatNumber, languageName, roundKm } from '../format.js';
import { excerpt, shortCode, whatsappLink } from '../share.js';
import { groupOf } from '../groups.js';
import { paths, withoutLocale } from '../paths.js';
import { locationsWithinReach, seatsLeft } from '../reads.js';
import { listingJsonLd, JsonLd } from '../machine/jsonld.js';

/** Who may take it up, in plain words: the work-permit (TWV) rules as they apply to this listing. */
export function permitExplanation(l: Listing): MessageKey[] {
  if (l.openTo === 'permit-holders') return ['permit.holders'];
  if (l.openTo === 'everyone') return [l.kind === 'volunteering' ? 'permit.volunteering' : 'permit.everyone'];
  return ['permit.holders', 'permit.asylum', ...(l.helpsWithWorkPermit ? (['permit.helps'] as const) : [])];
}

/** A message with markup in the place of one `{name}` placeholder. */
function Filled(p: { text: string; name: string; children: unknown }) {
  const [before, after] = p.text.split(`{${p.name}}`);
  return (
    <>
      {before}
      {p.children}
      {after}
    </>
  );
}

function Fact(p: { label: string; children: unknown }) {
  return (
    <>
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </>
  );
}

function ClosedPage(p: { locale: Locale; listing: Listing; regionName?: string; origin: string }) {
  const { locale, listing } = p;
  return (
    <Layout
      locale={locale}
      origin={p.origin}
      // The code keeps titles unique without repeating what the closed listing said.
      title={`${t(locale, 'listing.closed')} · ${shortCode(listing)}`}
      path={withoutLocale(paths.listing(locale, listing.id))}
      noindex
      crumbs={p.regionName ? [{ href: paths.region(locale, listing.regionId), label: t(locale, 'region.name', { name: p.regionName }) }] : []}
    >
      <div class="box closed">
        <h1>{t(locale, 'listing.closed')}</h1>
        <p>{t(locale, 'listing.closedText')}</p>
        <ul class="plain">
          {p.regionName && (
            <li>
              <a href={paths.region(locale, listing.regionId)}>{t(locale, 'region.name', { name: p.regionName })}</a>
            </li>
          )}
          <li>
            <a href={paths.home(locale)}>{t(locale, 'home.title')}</a>
          </li>
        </ul>
      </div>
    </Layout>
  );
}

/**
 * A listing in full. Never published: 404 (nothing to show, nothing to leak). No longer
 * visible (closed, expired, hidden): a page that says so, kept out of search engines.
 */
export async function ListingPage(ctx: PageContext, id: string) {
  const { locale, reads, config } = ctx;
  const listing = await reads.listing(id);
  if (!listing || !listing.publishedAt) throw new NotFoundError();
  const [{ regions, locations }, organisations] = await Promise.all([reads.directory(), reads.organisations()]);
  const region = regions.find((r) => r.id === listing.regionId);
  if (!isVisible(listing)) return <ClosedPage locale={locale} listing={listing} regionName={region?.name} origin={config.PUBLIC_ORIGIN} />;

  const organisation = organisations.get(listing.organisationId);
  const scheduled = SCHEDULED_KINDS.includes(listing.kind);
  const taken = scheduled ? await reads.seatsTaken(listing.id) : 0;
  const reach = locationsWithinReach(locations, listing.workplace, config.REACH_KM);
  const near = reach.length > 0 ? reach : locationsWithinReach(locations, listing.workplace, Infinity).slice(0, 1);
  const group = groupOf(listing.kind);
  const when = visitWhen(locale, listing);
  const w = listing.workplace;
  const kind = t(locale, `kind.${listing.kind}`);
  const url = `${config.PUBLIC_ORIGIN}${paths.listing(locale, id)}`;
  const title = `${kind} · ${w.city} · ${listing.title}`;
  return (
    <Layout
      origin={config.PUBLIC_ORIGIN}
      locale={locale}
      title={title}
      description={`${[kind, organisation?.name, w.city].filter(Boolean).join(' · ')}: ${excerpt(listing.description)}`}
      ogType="article"
      path={withoutLocale(paths.listing(locale, id))}
      crumbs={
        region
          ? [
              { href: paths.region(locale, region.id), label: t(locale, 'region.name', { name: region.name }) },
              { href: paths.group(locale, region.id, group), label: t(locale, `group.${group}`) },
            ]
          : []
      }
      head={
        <JsonLd
          data={listingJsonLd(listing, {
            organisation,
            origin: config.PUBLIC_ORIGIN,
            locale,
            url: paths.listing(locale, id),
            addressRegion: near[0]?.location.province,
            eligibility: permitExplanation(listing).map((key) => t(locale, key)),
            seatsLeft: scheduled ? seatsLeft(listing, taken) : undefined,
          })}
        />
      }
    >
      <h1 class="big">
        <Pictogram name={listing.kind} /> <span {...textLang(listing)}>{listing.title}</span>
      </h1>
      <Meta parts={[kind, organisation?.name]} />

      <section class="section">
        <h2>{t(locale, 'listing.what')}</h2>
        <p class="text" {...textLang(listing)}>
          {listing.description}
        </p>
        {listing.language !== locale && <p class="meta">{t(locale, 'listing.writtenIn', { language: languageName(locale, listing.language) })}</p>}
      </section>

      {when && (
        <section class="section">
          <h2>{t(locale, 'listing.when')}</h2>
          <p>{when}</p>
          <p>
            <strong>{seatsLeft(listing, taken) > 0 ? t(locale, 'listing.seatsLeft', { count: seatsLeft(listing, taken) }) : t(locale, 'listing.full')}</strong>
          </p>
        </section>
      )}

      <section class="section">
        <h2>
          <Pictogram name="location" />
          {t(locale, 'listing.where')}
        </h2>
        <p>{[w.street, [w.postcode, w.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</p>
        <p>
          <a href={mapLink(w)}>{t(locale, 'listing.map')}</a>
        </p>
        <h3>{t(locale, 'listing.distance')}</h3>
        <ul class="plain">
          {near.map((n) => (
            <li>
              <a href={paths.location(locale, n.location.id)}>
                {t(locale, 'listing.distanceFrom', { km: formatNumber(locale, roundKm(n.km)), location: n.location.name })}
              </a>
            </li>
          ))}
        </ul>
        <p class="meta">{t(locale, 'listing.distanceNote')}</p>
      </section>

      <section class="section">
        <h2>{t(locale, 'listing.details')}</h2>
        <dl class="facts">
          {listing.hoursPerWeek !== undefined && <Fact label={t(locale, 'listing.hours')}>{t(locale, 'list.hours', { count: listing.hoursPerWeek })}</Fact>}
          {listing.wagePerHour !== undefined && (
            <Fact label={t(locale, 'listing.wage')}>
              {t(locale, 'listing.wageValue', { wage: formatMoney(locale, listing.wagePerHour) })}
              <br />
              <span class="meta">{t(locale, 'listing.wageNote')}</span>
            </Fact>
          )}
          {listing.startDate && <Fact label={t(locale, 'listing.start')}>{formatDate(locale, listing.startDate)}</Fact>}
          {listing.closingDate && <Fact label={t(locale, 'listing.closing')}>{formatDate(locale, listing.closingDate)}</Fact>}
          <Fact label={t(locale, 'listing.dutch')}>{t(locale, `level.${listing.dutchLevel}`)}</Fact>
          {/* "You need Dutch" beside "No Dutch needed" would contradict it: without Dutch, English is only worth saying when it suffices. */}
          {(listing.englishOk || listing.dutchLevel !== 'none') && <Fact label={t(locale, 'listing.english')}>{t(locale, listing.englishOk ? 'listing.englishOk' : 'listing.englishNo')}</Fact>}
          {scheduled && listing.seats !== undefined && <Fact label={t(locale, 'listing.seats')}>{formatNumber(locale, listing.seats)}</Fact>}
        </dl>
      </section>

      <section class="section">
        <h2>{t(locale, 'listing.openTo')}</h2>
        <p>
          <strong>{t(locale, `openTo.${listing.openTo}`)}</strong>
        </p>
        {permitExplanation(listing).map((key) => (
          <p class={key === 'permit.helps' ? 'box note' : undefined}>{t(locale, key)}</p>
        ))}
      </section>

      <HowToReact locale={locale} listing={listing} retention={config} locations={(reach.length > 0 ? reach : near).map((n) => n.location).concat(locations.filter((x) => x.regionId === listing.regionId && !reach.some((n) => n.location.id === x.id)))} />
      <section class="section" id="share">
        <h2>{t(locale, 'share.title')}</h2>
        <p>
          <a href={whatsappLink(title, url)} rel="noopener" target="_blank">
            {t(locale, 'share.whatsapp')}
          </a>
        </p>
        <p>
          <Filled text={t(locale, 'react.number')} name="number">
            <bdi class="code">{shortCode(listing)}</bdi>
          </Filled>
        </p>
      </section>
      <p class="meta">{postedOn(locale, listing)}</p>
    </Layout>
  );
}

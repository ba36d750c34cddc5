import { NotFoundError } from '../../../shared/errors.js';
import { isPartner } from '../../../shared/domain/organisation.js';
import { t, type Locale } from '../../../shared/i18n/index.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { FeedLink, Filters, GroupTiles, ListingItem, LocationTiles, MoreNote } from '../components.js';
import type { PageContext } from '../context.js';
import { isolated } from '../share.js';
import { translatedTitles } from '../translated.js';
import { GROUPS, GROUP_PICTOGRAM, type KindGroup } from '../groups.js';
import { paths, withoutLocale } from '../paths.js';
import { seatsLeft } from '../reads.js';

async function regionOf(ctx: PageContext, id: string) {
  const { regions, locations } = await ctx.reads.directory();
  const region = regions.find((r) => r.id === id);
  if (!region) throw new NotFoundError();
  return { region, locations: locations.filter((l) => l.regionId === id) };
}

function feedLinks(locale: Locale, regionId: string, name: string) {
  return (
    <>
      <link rel="alternate" type="application/atom+xml" href={paths.regionFeed(regionId, locale)} title={t(locale, 'feed.region', { name })} />
      <link rel="alternate" type="text/calendar" href={paths.regionCalendar(regionId, locale)} title={t(locale, 'feed.calendar', { name })} />
    </>
  );
}

/** How many listings each group tile counts, from the capped group lists (50+ when there are more). */
async function groupTiles(ctx: PageContext, id: string) {
  const lists = await Promise.all(GROUPS.map((g) => ctx.reads.groupNewest(id, g)));
  const counts = Object.fromEntries(GROUPS.map((g, i) => [g, lists[i]!.items.length])) as Record<KindGroup, number>;
  const more = Object.fromEntries(GROUPS.map((g, i) => [g, lists[i]!.more])) as Record<KindGroup, boolean>;
  return { counts, more };
}

/** A region: its locations, the four groups, its partners, everything newest first, its feeds. */
export async function RegionPage(ctx: PageContext, id: string) {
  const { locale, reads } = ctx;
  const { region, locations } = await regionOf(ctx, id);
  const [{ items: listings, more }, tiles, organisations] = await Promise.all([reads.regionNewest(id), groupTiles(ctx, id), reads.organisations()]);
  const translated = await translatedTitles(reads, locale, listings);
  const name = t(locale, 'region.name', { name: region.name });
  return (
    <Layout origin={ctx.config.PUBLIC_ORIGIN} locale={locale} title={t(locale, 'region.name', { name: isolated(locale, region.name) })} path={withoutLocale(paths.region(locale, id))} crumbs={[]} script head={feedLinks(locale, id, region.name)}>
      <h1 class="big">
        <Pictogram name="region" /> {name}
      </h1>
      <h2>{t(locale, 'region.whatKind')}</h2>
      <GroupTiles locale={locale} counts={tiles.counts} more={tiles.more} href={(g) => paths.group(locale, id, g)} />
      <h2>{t(locale, 'region.locations')}</h2>
      <LocationTiles locale={locale} locations={locations} />
      <p class="section">
        <a href={paths.partners(locale, id)}>
          <Pictogram name="partners" />
          {t(locale, 'region.partners')}
        </a>
      </p>
      <section class="section">
        <h2>{t(locale, 'region.latest')}</h2>
        {listings.length === 0 ? <p>{t(locale, 'list.empty')}</p> : <Filters locale={locale} distance={false} />}
        <ul class="list">
          {listings.map((l) => (
            <ListingItem locale={locale} listing={l} organisation={organisations.get(l.organisationId)} translatedTitle={translated.get(l.id)} />
          ))}
        </ul>
        {more && <MoreNote locale={locale} count={listings.length} />}
      </section>
      <h2>{t(locale, 'region.follow')}</h2>
      <ul class="plain">
        <li>
          <FeedLink href={paths.regionFeed(id, locale)} label={t(locale, 'region.feed')} type="atom" />
        </li>
        <li>
          <FeedLink href={paths.regionCalendar(id, locale)} label={t(locale, 'region.calendar')} type="ics" />
        </li>
      </ul>
    </Layout>
  );
}

/** One group of kinds in a region. Visits and events: the calendar, soonest first, with seats left. */
export async function GroupPage(ctx: PageContext, id: string, group: KindGroup) {
  const { locale, reads } = ctx;
  const { region } = await regionOf(ctx, id);
  const [{ items: listings, more }, organisations] = await Promise.all([reads.groupNewest(id, group), reads.organisations()]);
  const taken = group === 'visits' ? await Promise.all(listings.map((l) => reads.seatsTaken(l.id))) : [];
  const translated = await translatedTitles(reads, locale, listings);
  const regionName = t(locale, 'region.name', { name: region.name });
  const title = t(locale, 'group.inRegion', { group: t(locale, `group.${group}`), region: region.name });
  return (
    <Layout
      origin={ctx.config.PUBLIC_ORIGIN}
      locale={locale}
      title={t(locale, 'group.inRegion', { group: t(locale, `group.${group}`), region: isolated(locale, region.name) })}
      path={withoutLocale(paths.group(locale, id, group))}
      crumbs={[{ href: paths.region(locale, id), label: regionName }]}
      script
      head={feedLinks(locale, id, region.name)}
    >
      <h1 class="big">
        <Pictogram name={GROUP_PICTOGRAM[group]} /> {title}
      </h1>
      <p class="lead">{t(locale, `group.${group}.intro`)}</p>
      {listings.length === 0 ? <p>{t(locale, 'list.empty')}</p> : <Filters locale={locale} distance={false} />}
      <ul class="list">
        {listings.map((l, i) => (
          <ListingItem
            locale={locale}
            listing={l}
            organisation={organisations.get(l.organisationId)}
            seatsLeft={group === 'visits' ? seatsLeft(l, taken[i] ?? 0) : undefined}
            translatedTitle={translated.get(l.id)}
          />
        ))}
      </ul>
      {more && <MoreNote locale={locale} count={listings.length} />}
      {group === 'visits' && (
        <p class="section">
          <FeedLink href={paths.regionCalendar(id, locale)} label={t(locale, 'region.calendar')} type="ics" />
        </p>
      )}
    </Layout>
  );
}

/** The partner network of a region: the partners (not employers, not other non-profits) that serve it. */
export async function PartnersPage(ctx: PageContext, id: string) {
  const { locale, reads } = ctx;
  const { region } = await regionOf(ctx, id);
  const partners = [...(await reads.organisations()).values()]
    .filter(isPartner)
    .filter((o) => o.regionIds.includes(id))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const title = t(locale, 'partners.title', { name: region.name });
  return (
    <Layout
      origin={ctx.config.PUBLIC_ORIGIN}
      locale={locale}
      title={t(locale, 'partners.title', { name: isolated(locale, region.name) })}
      path={withoutLocale(paths.partners(locale, id))}
      crumbs={[{ href: paths.region(locale, id), label: t(locale, 'region.name', { name: region.name }) }]}
    >
      <h1 class="big">
        <Pictogram name="partners" /> {title}
      </h1>
      <p class="lead">{t(locale, 'partners.intro')}</p>
      {partners.length === 0 && <p>{t(locale, 'partners.empty')}</p>}
      {partners.map((o) => (
        <section class="box">
          {/* Isolated: a Dutch name ending in "B.V." keeps its full stop on a right-to-left page. */}
          <h2>
            <bdi>{o.name}</bdi>
          </h2>
          <p class="meta">{t(locale, `partnerKind.${o.kind}`)}</p>
          {o.offers && (
            <>
              <h3>{t(locale, 'partners.offers')}</h3>
              <p class="text" lang="nl" dir="ltr">
                {o.offers}
              </p>
            </>
          )}
          {(o.website || o.contactPhone || o.contactEmail || o.address) && (
            <>
              <h3>{t(locale, 'partners.contact')}</h3>
              <ul class="plain">
                {o.address && (
                  <li>
                    <bdi>{o.address}</bdi>
                  </li>
                )}
                {o.contactPhone && (
                  <li>
                    <a href={`tel:${o.contactPhone.replace(/[^+\d]/g, '')}`} dir="ltr">
                      {o.contactPhone.replace(/ /g, '\u00a0')}
                    </a>
                  </li>
                )}
                {o.contactEmail && (
                  <li>
                    <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>
                  </li>
                )}
                {o.website && (
                  <li>
                    <a href={o.website} rel="noopener">
                      {o.website.replace(/^https?:\/\//, '')}
                    </a>
                  </li>
                )}
              </ul>
            </>
          )}
        </section>
      ))}
    </Layout>
  );
}

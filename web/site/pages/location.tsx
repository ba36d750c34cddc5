import { t } from '../../../shared/i18n/index.js';
import { NotFoundError } from '../../../shared/errors.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { DeskBox, FeedLink, Filters, GroupTiles, ListingItem, MoreNote } from '../components.js';
import type { PageContext } from '../context.js';
import { isolated } from '../share.js';
import { translatedTitles } from '../translated.js';
import { formatNumber } from '../format.js';
import { GROUPS, GROUP_PICTOGRAM, groupOf, type KindGroup } from '../groups.js';
import { paths, withoutLocale } from '../paths.js';

/** A reception location: everything within reach, by group, nearest first, with the distance. */
export async function LocationPage({ locale, reads, config }: PageContext, id: string) {
  const { regions, locations } = await reads.directory();
  const location = locations.find((l) => l.id === id);
  if (!location) throw new NotFoundError();
  const region = regions.find((r) => r.id === location.regionId);
  const [{ items: near, more }, organisations] = await Promise.all([reads.nearLocation(id), reads.organisations()]);
  const translated = await translatedTitles(reads, locale, near.map((n) => n.listing));
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, near.filter((n) => groupOf(n.listing.kind) === g)])) as Record<KindGroup, typeof near>;
  const counts = Object.fromEntries(GROUPS.map((g) => [g, byGroup[g].length])) as Record<KindGroup, number>;
  const title = t(locale, 'location.title', { name: location.name });
  const feed = paths.locationFeed(id, locale);
  return (
    <Layout
      origin={config.PUBLIC_ORIGIN}
      locale={locale}
      title={t(locale, 'location.title', { name: isolated(locale, location.name) })}
      path={withoutLocale(paths.location(locale, id))}
      crumbs={region ? [{ href: paths.region(locale, region.id), label: t(locale, 'region.name', { name: region.name }) }] : []}
      script
      head={<link rel="alternate" type="application/atom+xml" href={feed} title={t(locale, 'feed.location', { name: location.name })} />}
    >
      <h1 class="big">
        <Pictogram name="location" /> {title}
      </h1>
      <p class="lead">{t(locale, 'location.intro', { km: formatNumber(locale, config.REACH_KM), name: location.name })}</p>
      {/* A group with nothing near has no section here: its tile leads to the region's page of that group. */}
      <GroupTiles locale={locale} counts={counts} href={(g) => (counts[g] > 0 ? `#${g}` : region ? paths.group(locale, region.id, g) : undefined)} />
      {more && <MoreNote locale={locale} count={near.length} />}
      {near.length === 0 ? <p>{t(locale, 'list.empty')}</p> : <Filters locale={locale} distance />}
      {GROUPS.filter((g) => byGroup[g].length > 0).map((g) => (
        <section class="section" id={g}>
          <h2>
            <Pictogram name={GROUP_PICTOGRAM[g]} />
            {t(locale, `group.${g}`)}
          </h2>
          <ul class="list">
            {byGroup[g].map((n) => (
              <ListingItem locale={locale} listing={n.listing} organisation={organisations.get(n.listing.organisationId)} km={n.km} translatedTitle={translated.get(n.listing.id)} />
            ))}
          </ul>
        </section>
      ))}
      <DeskBox locale={locale} location={location} />
      <ul class="plain section">
        <li>
          <a href={paths.poster(locale, id)}>
            <Pictogram name="print" />
            {t(locale, 'location.poster')}
          </a>
        </li>
        <li>
          <FeedLink href={feed} label={t(locale, 'location.feed')} type="atom" />
        </li>
      </ul>
    </Layout>
  );
}

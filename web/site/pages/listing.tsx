import { NotFoundError } from '../../../shared/errors.js';
import { SCHEDULED_KINDS, WORK_KINDS, type Listing } from '../../../shared/domain/listing.js';
import { isVisible } from '../../../shared/db/keys.js';
import { LOCALE_INFO, directionOf, t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import type { ContentLanguage } from '../../../shared/domain/common.js';
import { isCurrent, summaryIn, type Summary } from '../../../shared/domain/summary.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { HowToReact, mapLink, Meta, postedOn, textLang, visitWhen } from '../components.js';
import type { PageContext } from '../context.js';
import { formatDate, formatMoney, formatNumber, languageName, roundKm } from '../format.js';
import { listingNumber } from '../../../shared/domain/listing-number.js';
import { excerpt, isolated, whatsappLink } from '../share.js';
import { groupOf } from '../groups.js';
import { paths, withoutLocale } from '../paths.js';
import { locationsWithinReach, seatsLeft } from '../reads.js';
import { listingJsonLd, JsonLd } from '../machine/jsonld.js';

/** Why this kind of work needs a TWV too, though it may be unpaid or a learning place. */
const KIND_NOTE: Partial<Record<Listing['kind'], MessageKey>> = {
  internship: 'permit.kind.internship',
  'workplace-learning': 'permit.kind.workplace-learning',
  apprenticeship: 'permit.kind.apprenticeship',
};

/**
 * Who may take it up, in plain words: the work-permit (TWV) rules as they apply to this kind
 * and group (docs/domain.md, "Who may do what"). Work (a job, internship, workplace learning,
 * apprenticeship) open to asylum seekers: the conditions (18+, 6 months, W-document), that the
 * employer applies for the TWV and work starts only once it is granted, and why an unpaid
 * internship or place needs one too. Volunteering: no TWV, because the non-profit holds UWV's
 * declaration. Visits and events: not work.
 */
export function permitExplanation(l: Pick<Listing, 'kind' | 'openTo' | 'helpsWithWorkPermit'>): MessageKey[] {
  if (l.openTo === 'permit-holders') return ['permit.holders'];
  if (l.kind === 'volunteering') return ['permit.volunteering'];
  if (!WORK_KINDS.includes(l.kind)) return ['permit.everyone'];
  const kind = KIND_NOTE[l.kind];
  return ['permit.holders', 'permit.asylum', 'permit.twv', ...(kind ? [kind] : []), ...(l.helpsWithWorkPermit ? (['permit.helps'] as const) : [])];
}

/** On every listing page: how not to be exploited, and where to report it. */
export function SafetyNote(p: { locale: Locale }) {
  return (
    <section class="section box note" id="safety">
      <h2>{t(p.locale, 'safety.title')}</h2>
      <ul>
        <li>{t(p.locale, 'safety.pay')}</li>
        <li>{t(p.locale, 'safety.document')}</li>
        <li>{t(p.locale, 'safety.report')}</li>
      </ul>
    </section>
  );
}

/**
 * What the listing says, for a reader of `locale`: the organisation's own text when it wrote in
 * that language; else a person's summary in it, marked as a translation, with the original one
 * tap away (no script: `<details>`); else the original, saying there is no translation yet and
 * which languages have one.
 */
function ListingText(p: { locale: Locale; listing: Listing; summary?: Summary; others: ContentLanguage[] }) {
  const { locale, listing, summary } = p;
  const original = (
    <>
      {summary && (
        <p {...textLang(listing)}>
          <strong>{listing.title}</strong>
        </p>
      )}
      <p class="text" {...textLang(listing)}>
        {listing.description}
      </p>
    </>
  );
  if (listing.language === locale) return original;
  const writtenIn = t(locale, 'listing.writtenIn', { language: languageName(locale, listing.language) });
  if (summary) {
    return (
      <>
        <p class="text">{summary.text}</p>
        <p class="meta">{t(locale, 'summary.translated')}</p>
        <details class="original">
          <summary>{t(locale, 'summary.showOriginal', { language: languageName(locale, listing.language) })}</summary>
          {original}
          <p class="meta">{writtenIn}</p>
        </details>
      </>
    );
  }
  return (
    <>
      <div class="box note">
        <p>{t(locale, 'summary.none')}</p>
        {p.others.length > 0 && (
          <p>
            {t(locale, 'summary.other')}{' '}
            {p.others.map((l, i) => (
              <>
                {i > 0 && ' · '}
                <a href={paths.listing(l, listing.id)} hreflang={l} lang={l} dir={directionOf(l)}>
                  {LOCALE_INFO[l].name}
                </a>
              </>
            ))}
          </p>
        )}
      </div>
      {original}
      <p class="meta">{writtenIn}</p>
    </>
  );
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
      title={`${t(locale, 'listing.closed')} · ${isolated(locale, listingNumber(listing))}`}
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
  const [{ regions, locations }, organisation] = await Promise.all([reads.directory(), reads.organisation(listing.organisationId)]);
  const region = regions.find((r) => r.id === listing.regionId);
  if (!isVisible(listing)) return <ClosedPage locale={locale} listing={listing} regionName={region?.name} origin={config.PUBLIC_ORIGIN} />;

  const scheduled = SCHEDULED_KINDS.includes(listing.kind);
  const taken = scheduled ? await reads.seatsTaken(listing.id) : 0;
  const reach = locationsWithinReach(locations, listing.workplace, config.REACH_KM);
  const near = reach.length > 0 ? reach : locationsWithinReach(locations, listing.workplace, Infinity).slice(0, 1);
  const group = groupOf(listing.kind);
  const when = visitWhen(locale, listing);
  const w = listing.workplace;
  const kind = t(locale, `kind.${listing.kind}`);
  const url = `${config.PUBLIC_ORIGIN}${paths.listing(locale, id)}`;
  // A summary in the page's language (written or checked by a person) stands in for the organisation's text.
  // Only summaries of the text as it reads now: after an edit they wait for a person's check.
  const summaries = (await reads.summaries(listing.id)).filter((s) => isCurrent(s, listing));
  const summary = summaryIn(locale, listing, summaries);
  // Plain text (title, description, the WhatsApp text): names of the other direction isolated.
  const iso = (text: string) => isolated(locale, text);
  const title = `${kind} · ${iso(w.city)} · ${iso(summary?.title ?? listing.title)}`;
  return (
    <Layout
      origin={config.PUBLIC_ORIGIN}
      locale={locale}
      title={title}
      description={`${[kind, organisation?.name, w.city].filter((s): s is string => Boolean(s)).map(iso).join(' · ')}: ${iso(excerpt(summary?.text ?? listing.description))}`}
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
            translation: summary,
          })}
        />
      }
    >
      <h1 class="big">
        <Pictogram name={listing.kind} /> {summary ? <span>{summary.title}</span> : <span {...textLang(listing)}>{listing.title}</span>}
      </h1>
      <Meta parts={[kind, organisation?.name]} />

      <section class="section" id="what">
        <h2>{t(locale, 'listing.what')}</h2>
        <ListingText locale={locale} listing={listing} summary={summary} others={summaries.map((s) => s.language).filter((l) => l !== locale)} />
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

      <SafetyNote locale={locale} />

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
            <bdi class="code">{listingNumber(listing)}</bdi>
          </Filled>
        </p>
      </section>
      <p class="meta">{postedOn(locale, listing)}</p>
    </Layout>
  );
}

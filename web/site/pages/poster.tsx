import { NotFoundError } from '../../../shared/errors.js';
import { t } from '../../../shared/i18n/index.js';
import { Layout } from '../../ui/layout.js';
import { Pictogram } from '../../ui/pictograms.js';
import { DeskBox, Meta, textLang } from '../components.js';
import type { PageContext } from '../context.js';
import { isolated } from '../share.js';
import { translatedTitles } from '../translated.js';
import { formatDate, formatNumber, roundKm } from '../format.js';
import { QrCode } from '../machine/qr.js';
import { paths, withoutLocale } from '../paths.js';

/**
 * A printable A4 poster for the notice board at the desk: the location's current listings,
 * nearest first, each with a QR code to its page in the poster's language.
 */
export async function PosterPage({ locale, reads, config }: PageContext, id: string) {
  const { locations } = await reads.directory();
  const location = locations.find((l) => l.id === id);
  if (!location) throw new NotFoundError();
  const [{ items: near }, organisations] = await Promise.all([reads.nearLocation(id), reads.organisations()]);
  const translated = await translatedTitles(reads, locale, near.map((n) => n.listing));
  const updated = near.reduce((latest, n) => (n.listing.updatedAt > latest ? n.listing.updatedAt : latest), '');
  const title = t(locale, 'poster.title', { name: location.name });
  return (
    <Layout
      origin={config.PUBLIC_ORIGIN}
      locale={locale}
      title={t(locale, 'poster.title', { name: isolated(locale, location.name) })}
      path={withoutLocale(paths.poster(locale, id))}
      class="poster"
      crumbs={[{ href: paths.location(locale, id), label: t(locale, 'location.title', { name: location.name }) }]}
    >
      <p class="hint">
        <Pictogram name="print" /> {t(locale, 'poster.print')}
      </p>
      <h1 class="big">
        <Pictogram name="location" /> {title}
      </h1>
      <p class="lead">
        {t(locale, 'poster.scan')} {t(locale, 'poster.desk')}
      </p>
      <DeskBox locale={locale} location={location} />
      {near.length === 0 && <p>{t(locale, 'list.empty')}</p>}
      <ul class="list">
        {near.map(({ listing, km }) => (
          <li>
            <QrCode text={`${config.PUBLIC_ORIGIN}${paths.listing(locale, listing.id)}`} label={translated.get(listing.id) ?? listing.title} />
            <div class="item">
              <p>
                <Pictogram name={listing.kind} />{' '}
                <a href={paths.listing(locale, listing.id)} {...(translated.has(listing.id) ? {} : textLang(listing))}>
                  <strong>{translated.get(listing.id) ?? listing.title}</strong>
                </a>
                {translated.has(listing.id) && <span class="meta"> ({t(locale, 'list.translated')})</span>}
              </p>
              <Meta parts={[t(locale, `kind.${listing.kind}`), organisations.get(listing.organisationId)?.name, listing.workplace.city, t(locale, 'list.distance', { km: formatNumber(locale, roundKm(km)) })]} />
            </div>
          </li>
        ))}
      </ul>
      {updated && <p class="meta">{t(locale, 'poster.updated', { date: formatDate(locale, updated) })}</p>}
    </Layout>
  );
}

import type { Listing } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { PortalLocale } from '../../shared/domain/session.js';
import { formatDate, formatDateTime, formatMoney } from '../../shared/i18n/format.js';
import { t } from '../../shared/i18n/index.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';

/**
 * A listing as residents will see it: the text as written (with its language), what it is,
 * where, for whom, how much Dutch, the terms. Never the reception location's address.
 */
export function ListingPreview(props: { locale: PortalLocale; listing: Listing; organisation?: Organisation }) {
  const { locale, listing: l } = props;
  const row = (label: PortalKey, value: string | number | undefined) =>
    value === undefined || value === '' ? null : (
      <>
        <dt>{t(locale, label)}</dt>
        <dd>{String(value)}</dd>
      </>
    );
  const when = (iso?: string) => (iso ? formatDateTime(locale, iso) : undefined);
  const day = (d?: string) => (d ? formatDate(locale, d) : undefined);
  return (
    <article class="preview" aria-label={t(locale, 'portal.listing.preview')}>
      <p class="meta">{t(locale, `kind.${l.kind}`)}</p>
      <h2 lang={l.language}>{l.title}</h2>
      {props.organisation ? <p class="meta">{props.organisation.name}</p> : null}
      <dl>
        {row('portal.listing.field.workplace.city', l.workplace.city)}
        {row('portal.listing.field.openTo', t(locale, `portal.openTo.${l.openTo}`))}
        {l.helpsWithWorkPermit ? row('portal.listing.field.helpsWithWorkPermit', t(locale, 'portal.yes')) : null}
        {row('portal.listing.field.dutchLevel', t(locale, `portal.level.${l.dutchLevel}`))}
        {l.englishOk ? row('portal.listing.field.englishOk', t(locale, 'portal.yes')) : null}
        {row('portal.listing.field.hoursPerWeek', l.hoursPerWeek)}
        {row('portal.listing.field.wagePerHour', l.wagePerHour === undefined ? undefined : formatMoney(locale, l.wagePerHour))}
        {row('portal.listing.field.startDate', day(l.startDate))}
        {row('portal.listing.field.closingDate', day(l.closingDate))}
        {row('portal.listing.field.startsAt', when(l.startsAt))}
        {row('portal.listing.field.endsAt', when(l.endsAt))}
        {row('portal.listing.field.seats', l.seats)}
      </dl>
      <div lang={l.language} class="description">
        {l.description.split(/\n{2,}/).map((p) => (
          <p>{p}</p>
        ))}
      </div>
      {l.contactNote ? (
        <p lang={l.language} class="meta">
          {l.contactNote}
        </p>
      ) : null}
    </article>
  );
}

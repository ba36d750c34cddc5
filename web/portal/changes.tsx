import type { PortalLocale } from '../../shared/domain/session.js';
import type { Listing } from '../../shared/domain/listing.js';
import { formatDate, formatDateTime, formatMoney } from '../../shared/i18n/format.js';
import { t } from '../../shared/i18n/index.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { fieldsOfListing, LISTING_FIELDS } from '../../shared/services/listing-fields.js';
import { labelsOf } from './listing-form.js';

type Field = (typeof LISTING_FIELDS)[number];

/** The fields (as the form names them) whose values differ between two versions of a listing. */
export function differences(before: Listing, after: Listing): Field[] {
  const a = fieldsOfListing(before);
  const b = fieldsOfListing(after);
  return LISTING_FIELDS.filter((f) => (a[f] ?? '') !== (b[f] ?? ''));
}

/** A field's value as a person reads it: labels for choices, money and dates the locale's way. */
function shown(locale: PortalLocale, l: Listing, field: Field, locationName: (id: string) => string): string {
  const yes = (v: boolean) => t(locale, v ? 'portal.yes' : 'portal.no');
  const w = l.workplace;
  switch (field) {
    case 'kind': return t(locale, `kind.${l.kind}`);
    case 'language': return t(locale, `portal.language.${l.language}` as PortalKey);
    case 'locationId': return l.locationId ? locationName(l.locationId) : '';
    case 'openTo': return t(locale, `portal.openTo.${l.openTo}`);
    case 'dutchLevel': return t(locale, `portal.level.${l.dutchLevel}`);
    case 'helpsWithWorkPermit': return yes(l.helpsWithWorkPermit);
    case 'englishOk': return yes(l.englishOk);
    case 'wagePerHour': return l.wagePerHour === undefined ? '' : formatMoney(locale, l.wagePerHour);
    case 'startDate': return l.startDate ? formatDate(locale, l.startDate) : '';
    case 'closingDate': return l.closingDate ? formatDate(locale, l.closingDate) : '';
    case 'startsAt': return l.startsAt ? formatDateTime(locale, l.startsAt) : '';
    case 'endsAt': return l.endsAt ? formatDateTime(locale, l.endsAt) : '';
    case 'workplace.street': return w.street ?? '';
    case 'workplace.postcode': return w.postcode ?? '';
    case 'workplace.city': return w.city;
    default: return String(l[field] ?? '');
  }
}

/**
 * What a change to a published listing changes, field by field: what residents see now beside
 * what they will see once the desk approves. Long texts keep their paragraphs.
 */
export function ChangeTable(props: { locale: PortalLocale; live: Listing; proposed: Listing; locationName: (id: string) => string }) {
  const { locale, live, proposed } = props;
  const labels = labelsOf(locale);
  const fields = differences(live, proposed);
  if (fields.length === 0) return <p>{t(locale, 'portal.change.none')}</p>;
  const cell = (l: Listing, f: Field) => {
    const v = shown(locale, l, f, props.locationName);
    return v === '' ? <span class="meta">{t(locale, 'portal.change.empty')}</span> : f === 'description' || f === 'title' || f === 'contactNote' ? <span lang={l.language} class="text">{v}</span> : v;
  };
  return (
    <div class="table-scroll">
      <table class="changes" id="changes">
        <caption>{t(locale, 'portal.change.caption', { count: fields.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(locale, 'portal.change.field')}</th>
            <th scope="col">{t(locale, 'portal.change.now')}</th>
            <th scope="col">{t(locale, 'portal.change.proposed')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr data-field={f}>
              <th scope="row">{labels[f]}</th>
              <td class="before">{cell(live, f)}</td>
              <td class="after">{cell(proposed, f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { ulid } from 'ulid';
import { ContentLanguage, Id } from '../../shared/domain/common.js';
import { DutchLevel, ListingKind, OpenTo } from '../../shared/domain/listing.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import type { PortalLocale } from '../../shared/domain/session.js';
import { minimumWageOn } from '../../shared/config/minimum-wage.js';
import type { Directory } from '../../shared/repositories/directory.js';
import { LISTING_FIELDS } from '../../shared/services/listing-fields.js';
import { formatMoney } from '../../shared/i18n/format.js';
import { t } from '../../shared/i18n/index.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { Checkbox, ErrorSummary, SelectField, TextArea, TextField, type FormState } from './form.js';

/** The listing form: every field of a listing (docs/domain.md), for creating, editing, duplicating, posting on behalf. */
export function labelsOf(locale: string): Record<string, string> {
  const out: Record<string, string> = { organisationId: t(locale, 'portal.listing.organisation') };
  for (const name of LISTING_FIELDS) out[name] = t(locale, `portal.listing.field.${name}` as PortalKey);
  return out;
}

export function ListingForm(props: {
  locale: PortalLocale;
  state: FormState;
  action: string;
  directory: Directory;
  today: string;
  version?: number;
  /** Set when a desk posts on behalf of one of these organisations (employers and non-profits). */
  employers?: Organisation[];
  submitLabel: string;
  /** Closing and visit dates at most this many months ahead (configuration). */
  horizonMonths: number;
}) {
  const { locale, state } = props;
  const l = labelsOf(locale);
  const f = { locale, state };
  const regionName = new Map(props.directory.regions.map((r) => [r.id, r.name]));
  const minimum = minimumWageOn(props.today);
  return (
    <form method="post" action={props.action} novalidate>
      <ErrorSummary locale={locale} state={state} labels={l} />
      {props.version !== undefined ? (
        <input type="hidden" name="version" value={String(props.version)} />
      ) : (
        // A new listing's id, chosen when the form is first shown: sent twice (a retry after
        // "try again", a double click), it makes one listing, not two (createListing).
        <input type="hidden" name="newId" value={typeof state.values.newId === 'string' && Id.safeParse(state.values.newId).success ? state.values.newId : ulid()} />
      )}
      {props.employers ? (
        <SelectField {...f} name="organisationId" label={l.organisationId!} required empty="" options={props.employers.map((o) => ({ value: o.id, label: o.name }))} />
      ) : null}
      <p class="notice" id="guide-link">
        {t(locale, 'portal.listing.guideIntro')} <a href="/portal/guide">{t(locale, 'portal.guide.title')}</a>
      </p>
      <fieldset>
        <legend>{t(locale, 'portal.listing.what')}</legend>
        <SelectField {...f} name="kind" label={l.kind!} hint={t(locale, 'portal.listing.hint.kind')} required options={ListingKind.options.map((k) => ({ value: k, label: t(locale, `kind.${k}`) }))} />
        <TextField {...f} name="title" label={l.title!} required />
        <TextArea {...f} name="description" label={l.description!} required hint={t(locale, 'portal.listing.hint.description')} />
        <SelectField {...f} name="language" label={l.language!} options={ContentLanguage.options.map((c) => ({ value: c, label: t(locale, `portal.language.${c}` as PortalKey) }))} />
        <SelectField
          {...f}
          name="locationId"
          label={l.locationId!}
          hint={t(locale, 'portal.listing.hint.locationId')}
          required
          empty=""
          options={props.directory.locations.map((loc) => ({ value: loc.id, label: loc.name, group: regionName.get(loc.regionId) ?? loc.regionId }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t(locale, 'portal.listing.who')}</legend>
        <SelectField {...f} name="openTo" label={l.openTo!} hint={t(locale, 'portal.listing.hint.openTo')} required options={OpenTo.options.map((o) => ({ value: o, label: t(locale, `portal.openTo.${o}` as PortalKey) }))} />
        <Checkbox state={state} name="helpsWithWorkPermit" label={l.helpsWithWorkPermit!} />
        <SelectField {...f} name="dutchLevel" label={l.dutchLevel!} required options={DutchLevel.options.map((d) => ({ value: d, label: t(locale, `portal.level.${d}` as PortalKey) }))} />
        <Checkbox state={state} name="englishOk" label={l.englishOk!} />
      </fieldset>
      <fieldset>
        <legend>{t(locale, 'portal.listing.terms')}</legend>
        <TextField {...f} name="hoursPerWeek" label={l.hoursPerWeek!} inputmode="numeric" />
        <TextField {...f} name="wagePerHour" label={l.wagePerHour!} inputmode="decimal" hint={minimum ? t(locale, 'portal.listing.hint.wagePerHour', { minimum: formatMoney(locale, minimum.euros), date: minimum.from }) : undefined} />
        <TextField {...f} name="startDate" label={l.startDate!} type="date" />
        <TextField {...f} name="closingDate" label={l.closingDate!} type="date" hint={t(locale, 'portal.listing.hint.closingDate', { months: props.horizonMonths })} />
      </fieldset>
      <fieldset>
        <legend>{t(locale, 'portal.listing.where')}</legend>
        <TextField {...f} name="workplace.street" label={l['workplace.street']!} />
        <TextField {...f} name="workplace.postcode" label={l['workplace.postcode']!} />
        <TextField {...f} name="workplace.city" label={l['workplace.city']!} required hint={t(locale, 'portal.listing.hint.place')} />
      </fieldset>
      <fieldset>
        <legend>{t(locale, 'portal.listing.when')}</legend>
        <p class="hint">{t(locale, 'portal.listing.hint.scheduled')}</p>
        <TextField {...f} name="startsAt" label={l.startsAt!} type="datetime-local" />
        <TextField {...f} name="endsAt" label={l.endsAt!} type="datetime-local" />
        <TextField {...f} name="seats" label={l.seats!} inputmode="numeric" />
      </fieldset>
      <TextArea {...f} name="contactNote" label={l.contactNote!} rows={3} hint={t(locale, 'portal.listing.hint.contactNote')} />
      <button type="submit">{props.submitLabel}</button>
    </form>
  );
}

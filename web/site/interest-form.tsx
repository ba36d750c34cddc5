import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { AgeGroup, Eligibility } from '../../shared/domain/interest.js';
import { retentionParams, type Retention } from '../../shared/services/interests.js';
import { DutchLevel, SCHEDULED_KINDS, type Listing } from '../../shared/domain/listing.js';
import type { Location } from '../../shared/domain/region.js';
import type { FieldError } from '../../shared/errors.js';
import { LOCALES, LOCALE_INFO, t, type Locale } from '../../shared/i18n/index.js';
import { paths } from './paths.js';
import { stampWith } from '../ui/stamp.js';

/** Where residents' forms post: the portal, the only dynamic part (CloudFront sends /portal/* to the API). */
export const INTEREST_ACTION = '/portal/interest';
export const CANCEL_ACTION = '/portal/cancel';
/**
 * Every request the static site's pages send to the server: the residents' form function
 * (web/resident-app.tsx) serves exactly these on AWS (infra/constructs/api.ts).
 */
export const RESIDENT_ROUTES = [
  { method: 'POST', path: INTEREST_ACTION },
  { method: 'GET', path: CANCEL_ACTION },
  { method: 'POST', path: CANCEL_ACTION },
] as const;
/** A field people never see and bots fill in. */
export const HONEYPOT = 'website';

export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: FormValues[string]) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: FormValues[string]) => (Array.isArray(v) ? v : v ? [v] : []);

function FieldMessage(p: { locale: Locale; field: string; errors: FieldError[] }) {
  const e = p.errors.find((x) => x.field === p.field);
  return e ? (
    <p class="field-error" id={`error-${p.field}`}>
      {t(p.locale, e.key, e.params)}
    </p>
  ) : null;
}

/** aria attributes that tie a field to its message. */
const invalid = (errors: FieldError[], field: string) =>
  errors.some((e) => e.field === field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `error-${field}` } : {};

type InterestFormProps = { locale: Locale; listing: Listing; locations: Location[]; retention: Retention; values?: FormValues; errors?: FieldError[] };

/** The reception locations to choose from; none chosen beforehand unless `selected`. */
function LocationOptions(p: { locations: Location[]; selected: string }) {
  return (
    <>
      {p.locations.map((loc) => (
        <option value={loc.id} selected={p.selected === loc.id}>
          {loc.name}
        </option>
      ))}
    </>
  );
}

/**
 * "I'm interested" (or "sign up" for a visit): a plain HTML form in the page's language and
 * direction, posting to the portal. Works without JavaScript; on an error the portal renders
 * it again with what was typed and a message per field. The empty form on a listing page is
 * the same for every listing of a language and kind but for the listing and the locations:
 * stamped (web/ui/stamp.ts).
 */
export function InterestForm(p: InterestFormProps) {
  if (p.values || (p.errors && p.errors.length > 0)) return <FormMarkup {...p} options={<LocationOptions locations={p.locations} selected={one(p.values?.locationId)} />} />;
  const visit = SCHEDULED_KINDS.includes(p.listing.kind);
  const { days, months } = retentionParams(p.retention);
  const options = raw(String(<LocationOptions locations={p.locations} selected="" />));
  return stampWith(`interest|${p.locale}|${visit}|${days}|${months}`, [p.listing.id, options], (id, holeForOptions) => (
    <FormMarkup {...p} listing={{ ...p.listing, id }} locations={[]} options={raw(holeForOptions)} />
  ));
}

function FormMarkup(p: InterestFormProps & { options: Child }) {
  const { locale: l, listing } = p;
  const v = p.values ?? {};
  const errors = p.errors ?? [];
  const visit = SCHEDULED_KINDS.includes(listing.kind);
  const languages = many(v['languages[]']);
  return (
    <form method="post" action={INTEREST_ACTION} class="interest" novalidate>
      <input type="hidden" name="listingId" value={listing.id} />
      <input type="hidden" name="locale" value={l} />
      {errors.length > 0 && (
        <p class="box closed" role="alert">
          {t(l, 'interest.fix')}
        </p>
      )}
      <p>{t(l, 'interest.intro')}</p>

      <label for="f-name">{t(l, 'interest.name')}</label>
      <input id="f-name" name="name" type="text" autocomplete="name" required value={one(v.name)} {...invalid(errors, 'name')} />
      <FieldMessage locale={l} field="name" errors={errors} />

      <p class="meta" id="contact-hint">
        {t(l, 'interest.contactHint')}
      </p>
      <label for="f-phone">{t(l, 'interest.phone')}</label>
      <input id="f-phone" name="phone" type="tel" autocomplete="tel" dir="ltr" value={one(v.phone)} {...invalid(errors, 'phone')} />
      <FieldMessage locale={l} field="phone" errors={errors} />
      <label for="f-email">{t(l, 'interest.email')}</label>
      <input id="f-email" name="email" type="email" autocomplete="email" dir="ltr" value={one(v.email)} {...invalid(errors, 'email')} />
      <FieldMessage locale={l} field="email" errors={errors} />

      <label for="f-location">{t(l, 'interest.location')}</label>
      <select id="f-location" name="locationId" required {...invalid(errors, 'locationId')}>
        {/* No preselection: someone who skips it is asked, not recorded at the nearest location. */}
        <option value="" selected={!one(v.locationId)}>
          {t(l, 'interest.locationChoose')}
        </option>
        {p.options}
      </select>
      <FieldMessage locale={l} field="locationId" errors={errors} />

      <fieldset {...invalid(errors, 'eligibility')}>
        <legend>{t(l, 'interest.eligibility')}</legend>
        {Eligibility.options.map((e) => (
          <label class="check">
            <input type="radio" name="eligibility" value={e} checked={one(v.eligibility) === e} required />
            {t(l, `interest.eligibility.${e}`)}
          </label>
        ))}
        <FieldMessage locale={l} field="eligibility" errors={errors} />
      </fieldset>

      <fieldset {...invalid(errors, 'age')}>
        <legend>{t(l, 'interest.age')}</legend>
        {AgeGroup.options.map((a) => (
          <label class="check">
            <input type="radio" name="age" value={a} checked={one(v.age) === a} required />
            {t(l, `interest.age.${a}`)}
          </label>
        ))}
        <p class="meta">{t(l, 'interest.ageHint')}</p>
        <FieldMessage locale={l} field="age" errors={errors} />
        <label class="check">
          <input type="checkbox" name="guardianConsent" value="yes" checked={one(v.guardianConsent) === 'yes'} {...invalid(errors, 'guardianConsent')} />
          {t(l, 'interest.guardianConsent')}
        </label>
        <FieldMessage locale={l} field="guardianConsent" errors={errors} />
      </fieldset>

      <label for="f-dutch">{t(l, 'interest.dutchLevel')}</label>
      <select id="f-dutch" name="dutchLevel" required {...invalid(errors, 'dutchLevel')}>
        {/* No preselection: a resident who skips it is asked, not recorded as speaking no Dutch. */}
        <option value="" selected={!one(v.dutchLevel)}>
          {t(l, 'interest.dutchChoose')}
        </option>
        {DutchLevel.options.map((d) => (
          <option value={d} selected={one(v.dutchLevel) === d}>
            {/* The resident's own answer, not the listing's "No Dutch needed". */}
            {d === 'none' ? t(l, 'interest.dutchNone') : t(l, `level.${d}`)}
          </option>
        ))}
      </select>
      <FieldMessage locale={l} field="dutchLevel" errors={errors} />

      <fieldset>
        <legend>{t(l, 'interest.languages')}</legend>
        <div class="choices">
          {LOCALES.map((code) => (
            <label class="check" lang={code}>
              <input type="checkbox" name="languages[]" value={code} checked={languages.includes(code)} />
              {LOCALE_INFO[code].name}
            </label>
          ))}
        </div>
      </fieldset>

      <label for="f-message">{t(l, 'interest.message')}</label>
      <textarea id="f-message" name="message" rows={3} maxlength={1000} {...invalid(errors, 'message')}>
        {one(v.message)}
      </textarea>
      <FieldMessage locale={l} field="message" errors={errors} />

      <div class="hp" aria-hidden="true">
        <label for="f-website">{t(l, 'interest.honeypot')}</label>
        <input id="f-website" name={HONEYPOT} type="text" tabindex={-1} autocomplete="off" />
      </div>

      <label class="check">
        <input type="checkbox" name="consent" value="yes" checked={one(v.consent) === 'yes'} required {...invalid(errors, 'consent')} />
        {t(l, 'interest.consent')}
      </label>
      <FieldMessage locale={l} field="consent" errors={errors} />
      <label class="check">
        <input type="checkbox" name="keepLonger" value="yes" checked={one(v.keepLonger) === 'yes'} />
        {t(l, 'interest.keepLonger', retentionParams(p.retention))}
      </label>
      <p class="meta">
        {t(l, 'interest.privacy', retentionParams(p.retention))} <a href={paths.privacy(l)}>{t(l, 'interest.privacyLink')}</a>
      </p>
      <button type="submit">{t(l, visit ? 'interest.sendVisit' : 'interest.send')}</button>
    </form>
  );
}

/** Cancel a visit sign-up or withdraw an interest, by reference code. */
export function CancelForm(p: { locale: Locale; code?: string; errors?: FieldError[] }) {
  const errors = p.errors ?? [];
  return (
    <form method="post" action={CANCEL_ACTION} class="interest" novalidate>
      <input type="hidden" name="locale" value={p.locale} />
      <p>{t(p.locale, 'cancel.intro')}</p>
      <label for="f-code">{t(p.locale, 'cancel.code')}</label>
      <input id="f-code" name="reference" type="text" dir="ltr" autocomplete="off" required value={p.code ?? ''} {...invalid(errors, 'reference')} />
      <FieldMessage locale={p.locale} field="reference" errors={errors} />
      <button type="submit">{t(p.locale, 'cancel.send')}</button>
    </form>
  );
}

import { listingInput, type Listing } from '../domain/listing.js';
import type { Organisation } from '../domain/organisation.js';
import type { Directory } from '../repositories/directory.js';
import { fieldErrors, ValidationError, type FieldError } from '../errors.js';
import { resolvePlace } from './places.js';

/**
 * Listings arrive as flat text fields: from the portal's form and from CSV rows. This turns
 * them into the input the listing use cases validate, the same way for both: the reception
 * location sets the region; the place name sets the workplace's position (shared/services/places.ts:
 * nobody types coordinates); Dutch local times get their offset; "ja"/"yes"/"on" mean true.
 */
export type Fields = Record<string, string | undefined>;

/** The field names, in form order: also the CSV columns (plus `organisation` for imports). */
export const LISTING_FIELDS = [
  'kind', 'title', 'description', 'language', 'locationId', 'openTo', 'helpsWithWorkPermit', 'dutchLevel', 'englishOk',
  'hoursPerWeek', 'wagePerHour', 'startDate', 'closingDate', 'workplace.street', 'workplace.postcode', 'workplace.city',
  'startsAt', 'endsAt', 'seats', 'contactNote',
] as const;

/**
 * Columns of import files made before the position came from the place name: still read, so an
 * old file keeps working; when both hold numbers they set the position instead of the place name.
 */
export const LEGACY_POSITION_FIELDS = ['workplace.lat', 'workplace.lon'] as const;

const TRUE = new Set(['on', 'true', '1', 'ja', 'yes', 'y', 'j']);
const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
const bool = (v: string | undefined) => TRUE.has((v ?? '').trim().toLowerCase());
function num(v: string | undefined): number | string | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : s;
}

/** The offset of Dutch time (Europe/Amsterdam) at a local wall-clock time, like "+01:00". */
export function amsterdamOffset(local: string): string {
  const guess = new Date(`${local.slice(0, 16)}:00Z`);
  if (Number.isNaN(guess.getTime())) return '+01:00';
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')?.value;
  return name?.replace('GMT', '') || '+00:00';
}

/** "2026-12-02T09:00" (a datetime-local field) → "2026-12-02T09:00:00+01:00". */
function dateTime(v: string | undefined): string | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(s);
  return local ? `${local[1]}T${local[2]}${local[3] ?? ':00'}${amsterdamOffset(`${local[1]}T${local[2]}`)}` : s;
}

/** An ISO time shown back in a datetime-local field, in Dutch time. */
export function localDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * The listing input for `organisationId`, from flat fields. The use case validates it; when the
 * location is missing, unknown or (`o.regionId`: editing) outside the listing's region, or the
 * place name is missing, unknown or shared by several places, this throws a ValidationError with
 * that and every other field's message, so a form shows them all.
 */
export function listingInputFromFields(
  f: Fields,
  organisationId: string,
  directory: Directory,
  o: { today: string; regionId?: string; current?: Listing['workplace'] },
): Record<string, unknown> {
  const errors: FieldError[] = [];
  const locationId = text(f.locationId);
  const location = directory.locations.find((l) => l.id === locationId && (o.regionId === undefined || l.regionId === o.regionId));
  if (!locationId) errors.push({ field: 'locationId', key: 'error.required' });
  else if (!location) errors.push({ field: 'locationId', key: 'error.invalid_choice' });
  const position = positionOf(f, o.current);
  if ('error' in position) errors.push(position.error);
  const input = {
    organisationId,
    regionId: location?.regionId,
    locationId,
    kind: text(f.kind),
    title: text(f.title),
    description: text(f.description),
    language: text(f.language) ?? 'nl',
    openTo: text(f.openTo),
    helpsWithWorkPermit: bool(f.helpsWithWorkPermit),
    dutchLevel: text(f.dutchLevel),
    englishOk: bool(f.englishOk),
    hoursPerWeek: num(f.hoursPerWeek),
    wagePerHour: num(f.wagePerHour),
    startDate: text(f.startDate),
    closingDate: text(f.closingDate),
    workplace: {
      street: text(f['workplace.street']),
      postcode: text(f['workplace.postcode'])?.toUpperCase(),
      city: 'city' in position ? position.city : text(f['workplace.city']),
      lat: 'lat' in position ? position.lat : undefined,
      lon: 'lon' in position ? position.lon : undefined,
    },
    startsAt: dateTime(f.startsAt),
    endsAt: dateTime(f.endsAt),
    seats: num(f.seats),
    contactNote: text(f.contactNote),
  };
  if (errors.length > 0 || 'none' in position) {
    const rest = listingInput(o.today).safeParse({ ...input, regionId: 'placeholder' }, { reportInput: true });
    // The position follows the place name: the place's own message says what is wrong.
    const follows = (e: FieldError) => e.field === 'workplace.lat' || e.field === 'workplace.lon';
    throw new ValidationError([...errors, ...(rest.success ? [] : fieldErrors(rest.error).filter((e) => !follows(e)))]);
  }
  return input;
}

/**
 * The workplace's position: from the place name (an unknown or ambiguous name is the city field's
 * error, naming what was typed and what would do), or from an old import file's two numbers.
 * An edit that keeps the place name keeps the stored position (a listing made before positions
 * came from names does not move). A missing place name is left to the listing's rules ("required").
 */
function positionOf(f: Fields, current?: Listing['workplace']): { lat: number; lon: number; city?: string } | { error: FieldError } | { none: true } {
  const lat = num(f['workplace.lat']);
  const lon = num(f['workplace.lon']);
  if (typeof lat === 'number' && typeof lon === 'number') return { lat, lon };
  const city = text(f['workplace.city']);
  if (!city) return { none: true };
  if (current && city === current.city) return { lat: current.lat, lon: current.lon };
  const place = resolvePlace(city, 'workplace.city');
  return 'error' in place ? place : { lat: place.place.lat, lon: place.place.lon, city: place.name };
}

/** A listing as flat fields: to fill in the edit form, or a new form when duplicating. */
export function fieldsOfListing(l: Listing): Record<string, string> {
  const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    kind: l.kind, title: l.title, description: l.description, language: l.language, locationId: s(l.locationId), openTo: l.openTo,
    helpsWithWorkPermit: l.helpsWithWorkPermit ? 'on' : '', dutchLevel: l.dutchLevel, englishOk: l.englishOk ? 'on' : '',
    hoursPerWeek: s(l.hoursPerWeek), wagePerHour: s(l.wagePerHour), startDate: s(l.startDate), closingDate: s(l.closingDate),
    'workplace.street': s(l.workplace.street), 'workplace.postcode': s(l.workplace.postcode), 'workplace.city': l.workplace.city,
    startsAt: localDateTime(l.startsAt), endsAt: localDateTime(l.endsAt), seats: s(l.seats), contactNote: s(l.contactNote),
  };
}

/** An organisation named in a CSV row (employer, non-profit or partner): by id, by KvK number, or by its exact name. */
export function findOrganisation(organisations: Organisation[], name: string | undefined): Organisation | undefined {
  const s = text(name)?.toLowerCase();
  if (!s) return undefined;
  return organisations.find((o) => (o.id.toLowerCase() === s || o.kvk === s || o.name.toLowerCase() === s));
}

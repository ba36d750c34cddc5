import data from '../data/nl-places.json' with { type: 'json' };
import type { FieldError } from '../errors.js';

/**
 * Where a workplace is, from the place name an employer types: a city, town or village of the
 * Netherlands, in the GeoNames data set shipped with the code (shared/data/nl-places.json,
 * written by scripts/places.ts; GeoNames, CC BY 4.0). Nobody types coordinates. A name that
 * several places share ("Hengelo") needs its province ("Hengelo (Gelderland)", "Hengelo Gld").
 */
export interface Place {
  name: string;
  province: string;
  lat: number;
  lon: number;
}

export type PlaceLookup =
  | { found: Place }
  | { unknown: true }
  /** A postcode and nothing else: no data set of postcode centres ships with the code, so it needs its town. */
  | { postcodeOnly: true }
  /** Several places carry this name: `options` names each with its province, as it can be typed. */
  | { ambiguous: string[] };

type Row = [string, number, number, number, string[]?];

/** Lower case, no accents, apostrophes, dots or hyphens: "'s-Hertogenbosch" and "s Hertogenbosch" meet. */
export const placeKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘'`.]/g, '')
    .replace(/[-\s]+/g, ' ')
    .trim();

/**
 * The places by name and by their other names, built on the first lookup rather than when the
 * module loads: the staff portal imports this module with every cold start, and building the
 * maps (~12 ms) would delay every first answer, where only listing forms and imports need them.
 */
let index: { byName: Map<string, Place[]>; byOtherName: Map<string, Place[]> } | undefined;
function placeIndex() {
  if (index) return index;
  const byName = new Map<string, Place[]>();
  const byOtherName = new Map<string, Place[]>();
  for (const row of data.places as Row[]) {
    const [name, p, lat, lon] = row;
    const place: Place = { name, province: data.provinces[p]!, lat, lon };
    const add = (map: Map<string, Place[]>, key: string) => {
      const list = map.get(placeKey(key)) ?? [];
      if (!list.includes(place)) list.push(place);
      map.set(placeKey(key), list);
    };
    add(byName, name);
    for (const other of row[4] ?? []) add(byOtherName, other);
  }
  return (index = { byName, byOtherName });
}

/** The provinces by the names and abbreviations people write after a place name. */
const PROVINCE_NAMES: Record<string, string[]> = {
  Drenthe: ['dr', 'drente'],
  Flevoland: ['fl', 'flevo'],
  Friesland: ['fr', 'fryslan', 'frl'],
  Gelderland: ['gld', 'ge', 'gl'],
  Groningen: ['gr', 'gn', 'gron'],
  Limburg: ['l', 'li', 'lb', 'lim', 'limb'],
  'Noord-Brabant': ['nb', 'n br', 'brabant', 'nbr'],
  'Noord-Holland': ['nh', 'n h'],
  Overijssel: ['ov', 'o', 'ovijssel'],
  Utrecht: ['u', 'ut', 'utr'],
  Zeeland: ['z', 'zl', 'zld'],
  'Zuid-Holland': ['zh', 'z h'],
};
const provinceOf = new Map<string, string>();
for (const [province, abbreviations] of Object.entries(PROVINCE_NAMES)) {
  provinceOf.set(placeKey(province), province);
  for (const a of abbreviations) provinceOf.set(a, province);
}

/** The places a name (without province) may mean: by their own name first, else by another name they carry. */
function candidates(name: string): Place[] {
  const key = placeKey(name);
  const { byName, byOtherName } = placeIndex();
  return byName.get(key) ?? byOtherName.get(key) ?? [];
}

/** The typed text as a name and a province: "Hengelo (Gelderland)", "Hengelo, Gld", "Hengelo Gld". */
function splitProvince(typed: string): { name: string; province: string } | undefined {
  const m = /^(.+?)\s*\(([^)]+)\)$/.exec(typed) ?? /^(.+?)\s*,\s*(.+)$/.exec(typed) ?? /^(.+)\s+(\S+)$/.exec(typed);
  const province = m ? provinceOf.get(placeKey(m[2]!)) : undefined;
  return m && province ? { name: m[1]!, province } : undefined;
}

/**
 * A Dutch postcode in front of the name, as an address line writes it ("5361 AB Grave",
 * "5361AB Grave", "5361 Grave"): the name decides, the postcode is left aside. No package on the
 * npm registry carries the centres of Dutch postcodes (see docs/domain.md), so a postcode alone
 * places nothing.
 */
const LEADING_POSTCODE = /^\d{4}(?:\s?[a-z]{2})?\s+(?=\D)/i;
/** A postcode and nothing else ("5361 AB", "5361"): not a name, even where its letters spell one (a village called Ee). */
const POSTCODE_ONLY = /^\d{4}(?:\s?[a-z]{2})?$/i;

/** The place a typed name means, or why it means none. */
export function findPlace(typed: string): PlaceLookup {
  if (POSTCODE_ONLY.test(typed.trim())) return { postcodeOnly: true };
  const text = typed.trim().replace(LEADING_POSTCODE, '');
  if (!text) return { unknown: true };
  // The whole text first: some names carry their own qualifier ("Bergen (NH)", "Hengelo (Gld)").
  let places = candidates(text);
  const split = splitProvince(text);
  if (split && places.length !== 1) places = candidates(split.name).filter((p) => p.province === split.province);
  if (places.length === 1) return { found: places[0]! };
  if (places.length === 0) return { unknown: true };
  return { ambiguous: places.map((p) => `${p.name} (${p.province})`) };
}

/**
 * The one lookup every form uses for "where is it" (a listing's workplace, a reception location):
 * the place a typed name means and the name to store, or the field's error, which repeats what
 * was typed and says what would do. The stored name is the place's own spelling when its name was
 * typed another way ("venlo", "5361 AB grave"), and what was typed when it says more (another
 * name, a province: "Den Bosch", "Hengelo (Gelderland)").
 */
export function resolvePlace(typed: string, field: string): { place: Place; name: string } | { error: FieldError } {
  const result = findPlace(typed);
  if ('found' in result) {
    const name = typed.trim().replace(LEADING_POSTCODE, '');
    return { place: result.found, name: placeKey(name) === placeKey(result.found.name) ? result.found.name : name };
  }
  const shown = typed.trim();
  if ('ambiguous' in result) {
    return { error: { field, key: 'portal.place.ambiguous', params: { typed: shown, options: result.ambiguous.join(', '), example: result.ambiguous[0]! } } };
  }
  if ('postcodeOnly' in result) return { error: { field, key: 'portal.place.postcodeOnly', params: { typed: shown } } };
  return { error: { field, key: 'portal.place.unknown', params: { typed: shown } } };
}

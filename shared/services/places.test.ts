import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nlPlacesJson } from '../../scripts/places-source.js';
import { distanceKm } from './geo.js';
import { findPlace, resolvePlace } from './places.js';

const at = (typed: string) => {
  const r = findPlace(typed);
  if (!('found' in r)) throw new Error(`${typed}: ${JSON.stringify(r)}`);
  return r.found;
};

describe('places: a workplace from its place name', () => {
  it('finds towns and villages by name, whatever the case, accents, hyphens and apostrophes', () => {
    expect(at('Venlo')).toMatchObject({ name: 'Venlo', province: 'Limburg' });
    expect(at('  ter apel ')).toMatchObject({ name: 'Ter Apel', province: 'Groningen' });
    expect(at('Sint-Annaparochie')).toMatchObject({ name: 'Sint Annaparochie', province: 'Friesland' });
    expect(at('s Hertogenbosch')).toEqual(at("'s-Hertogenbosch"));
    // Other names GeoNames knows: the everyday and the Frisian name.
    expect(at('Den Bosch').name).toBe("'s-Hertogenbosch");
    expect(at('Den Haag').province).toBe('Zuid-Holland');
    expect(at('Ljouwert').name).toBe('Leeuwarden');
  });

  it('asks for the province when several places share the name, and finds each with it', () => {
    expect(findPlace('Hengelo')).toEqual({ ambiguous: ['Hengelo (Gelderland)', 'Hengelo (Overijssel)'] });
    expect(at('Hengelo (Gelderland)')).toMatchObject({ province: 'Gelderland' });
    expect(at('Hengelo, Overijssel')).toMatchObject({ province: 'Overijssel' });
    expect(at('Hengelo Gld')).toMatchObject({ province: 'Gelderland' });
    expect(at('hengelo (ov)')).toMatchObject({ province: 'Overijssel' });
    expect(at('Hengelo (Gelderland)').lat).not.toBe(at('Hengelo (Overijssel)').lat);
    expect(findPlace('Rijswijk')).toEqual({ ambiguous: ['Rijswijk (Noord-Brabant)', 'Rijswijk (Zuid-Holland)'] });
  });

  it('reads a Dutch postcode in front of the name as an address line writes it, and leaves it aside', () => {
    for (const typed of ['5361 AB Grave', '5361AB Grave', '5361 Grave', '5361 ab grave']) expect(at(typed)).toEqual(at('Grave'));
    expect(resolvePlace('5361 AB grave', 'workplace.city')).toEqual({ place: at('Grave'), name: 'Grave' });
    expect(resolvePlace('7553 AB Hengelo (Ov)', 'place')).toEqual({ place: at('Hengelo (Overijssel)'), name: 'Hengelo (Ov)' });
    // Its letters are no place name, even where a village is called so (Ee, Friesland).
    expect(at('Ee').province).toBe('Friesland');
    expect(findPlace('9131 EE')).toEqual({ postcodeOnly: true });
  });

  it('gives the field its error, repeating what was typed: unknown, or the places a shared name may mean', () => {
    expect(resolvePlace(' 5361 ', 'place')).toEqual({ error: { field: 'place', key: 'portal.place.postcodeOnly', params: { typed: '5361' } } });
    expect(resolvePlace('Atlantis', 'place')).toEqual({ error: { field: 'place', key: 'portal.place.unknown', params: { typed: 'Atlantis' } } });
    expect(resolvePlace('Hengelo', 'workplace.city')).toEqual({
      error: { field: 'workplace.city', key: 'portal.place.ambiguous', params: { typed: 'Hengelo', options: 'Hengelo (Gelderland), Hengelo (Overijssel)', example: 'Hengelo (Gelderland)' } },
    });
  });

  it('knows no place for nonsense, a postcode alone (no data set of postcode centres exists to ship), a province that does not hold the place, or nothing', () => {
    expect(findPlace('Atlantis')).toEqual({ unknown: true });
    expect(findPlace('5928 RC')).toEqual({ postcodeOnly: true });
    expect(findPlace('5928RC')).toEqual({ postcodeOnly: true });
    expect(findPlace('5928')).toEqual({ postcodeOnly: true });
    expect(findPlace('Venlo (Friesland)')).toEqual({ unknown: true });
    expect(findPlace('  ')).toEqual({ unknown: true });
  });

  it('puts places where they are: Budel about 9 km from Weert, Grave about 14 km from Uden, Weert about 35 km from Venlo (straight line)', () => {
    expect(Math.round(distanceKm(at('Weert'), at('Budel')))).toBe(9);
    expect(Math.round(distanceKm(at('Uden'), at('Grave')))).toBe(14);
    expect(Math.round(distanceKm(at('Venlo'), at('Weert')))).toBe(35);
  });

  it('ships only the Dutch places, exactly as scripts/places.ts derives them from the GeoNames package', () => {
    const shipped = readFileSync(new URL('../data/nl-places.json', import.meta.url), 'utf8');
    expect(shipped).toBe(nlPlacesJson());
    const data = JSON.parse(shipped) as { places: [string, number, number, number][] };
    expect(data.places.length).toBeGreaterThan(1500);
    for (const [, , lat, lon] of data.places) {
      expect(lat).toBeGreaterThan(50.7);
      expect(lat).toBeLessThan(53.6);
      expect(lon).toBeGreaterThan(3.3);
      expect(lon).toBeLessThan(7.3);
    }
    expect(Buffer.byteLength(shipped)).toBeLessThan(150_000);
  });
});

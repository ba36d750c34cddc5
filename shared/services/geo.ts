import geohash from 'ngeohash';
import type { Coordinates } from '../domain/common.js';
import { GEOHASH_PRECISION } from '../db/keys.js';

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine): "how far from the location", as the crow flies. */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/** The geohash cells that cover a circle of `km` around a point: one Query each. */
export function cellsAround(p: Coordinates, km: number): string[] {
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.cos(rad(p.lat)));
  return geohash.bboxes(p.lat - dLat, p.lon - dLon, p.lat + dLat, p.lon + dLon, GEOHASH_PRECISION);
}

import { beforeAll, describe, expect, it } from 'vitest';
import { putLocation } from '../../shared/repositories/directory.js';
import { createTestDb } from '../../test/db.js';
import { createSiteApp, type SiteApp } from './app.js';
import { paths } from './paths.js';
import { seedSite, siteDeps } from './testing.js';

let app: SiteApp;
let data: Awaited<ReturnType<typeof seedSite>>;

beforeAll(async () => {
  const db = await createTestDb();
  data = await seedSite(db);
  await putLocation(db, {
    id: 'venlo', regionId: 'zuid', name: 'Venlo', municipality: 'Venlo', province: 'Limburg', lat: 51.3704, lon: 6.1724,
    deskAddress: 'Gebouw B, kamer 12', deskHours: 'ma, wo en vr 9.30–12.00', deskPhone: '077 123 45 67',
  });
  await putLocation(db, { id: 'assen', regionId: 'noord', name: 'Assen', municipality: 'Assen', province: 'Drenthe', lat: 52.9928, lon: 6.5642 });
  app = createSiteApp(siteDeps(db));
});

const html = async (path: string) => (await app.request(path)).text();

describe('where the desk is', () => {
  it('shows the desk\'s address, opening hours and phone on the location page and the poster, in Dutch as the admin wrote them', async () => {
    for (const page of [await html(paths.location('ar', 'venlo')), await html(paths.poster('nl', 'venlo'))]) {
      expect(page).toContain('<dd lang="nl" dir="ltr">Gebouw B, kamer 12</dd>');
      expect(page).toContain('ma, wo en vr 9.30–12.00');
      expect(page).toContain('<a href="tel:0771234567">077 123 45 67</a>');
    }
  });

  it('says where to ask when the admin has not filled it in', async () => {
    const page = await html(paths.location('en', 'assen'));
    expect(page).toContain('Ask at the reception of your location where and when the participation desk is open.');
  });

  it('labels distances as a straight line and links the workplace to a map by its coordinates', async () => {
    expect(await html(paths.location('nl', 'venlo'))).toContain('<bdi>3 km hemelsbreed</bdi>');
    const listing = await html(paths.listing('en', data.job.id));
    const w = data.job.workplace;
    expect(listing).toContain(`href="https://www.openstreetmap.org/?mlat=${w.lat.toFixed(5)}&amp;mlon=${w.lon.toFixed(5)}#map=16/${w.lat.toFixed(5)}/${w.lon.toFixed(5)}"`);
    expect(listing).toContain('In a straight line.');
  });
});

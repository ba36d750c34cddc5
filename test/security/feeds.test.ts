import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSiteApp, type SiteApp } from '../../web/site/app.js';
import { paths } from '../../web/site/paths.js';
import { siteDeps } from '../../web/site/testing.js';
import { publishedListing } from '../../web/portal/testing.js';
import { createTestDb } from '../db.js';
import { seedDirectory, seedOrganisation, vacancy } from '../fixtures.js';

/**
 * Atom feeds carry what employers type (titles, descriptions, places, organisation names; an
 * organisation's name changes without review) as text: a feed reader must never get it as markup.
 */
const NAME = 'Maasland <img src=x onerror=alert(7)> B.V.';
const TITLE = 'Schoonmaker </title><script>alert(1)</script> & zo';
const DESCRIPTION = 'Werk <b onmouseover=alert(2)>hier</b> ]]> <![CDATA[ <img src=x onerror=alert(3)>';
const CITY = 'Venlo<svg onload=alert(4)>';
let app: SiteApp;

beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db, { name: NAME });
  await publishedListing(db, vacancy(org.id, { title: TITLE, description: DESCRIPTION, workplace: { city: CITY, street: 'Straat "5" <i>', lat: 51.39, lon: 6.15 } }));
  await publishedListing(db, vacancy(org.id, { title: 'مساعدة في المطبخ', description: 'نبحث عن مساعد.', language: 'ar' }));
  app = createSiteApp(siteDeps(db));
});

describe('Atom feeds', () => {
  for (const [name, path] of [['region', paths.regionFeed('zuid')], ['location', paths.locationFeed('venlo')]] as const) {
    it(`carries employer text as escaped text, never as HTML (${name} feed)`, async () => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const xml = await res.text();
      expect(xml).not.toContain('type="html"');
      expect(xml).not.toContain('type="xhtml"');
      expect(xml).not.toContain('<![CDATA[');
      for (const tag of ['<img', '<script', '<b ', '<svg', '<i>']) expect(xml).not.toContain(tag);
      for (const m of xml.matchAll(/<(title|summary|content|rights)\b[^>]*>/g)) expect(m[0]).toContain('type="text"');
      // A standard parser reads back exactly what was typed.
      const feed = await new Parser().parseString(xml);
      const entry = feed.items.find((i) => i.title === TITLE)!;
      expect(entry, feed.items.map((i) => i.title).join(' | ')).toBeDefined();
      expect(entry.content).toBe(DESCRIPTION);
      expect(entry.contentSnippet ?? '').not.toBe('');
      expect(xml).toContain(`<name>${NAME.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</name>`);
      expect(entry.summary).toContain(NAME);
      expect(entry.summary).toContain(CITY);
    });

    it(`says its language and each entry's language with xml:lang (${name} feed)`, async () => {
      const xml = await (await app.request(path)).text();
      expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="nl">/);
      const entries = [...xml.matchAll(/<entry xml:lang="([a-z]+)">[\s\S]*?<title type="text">([^<]*)<\/title>/g)].map((m) => [m[2], m[1]]);
      expect(Object.fromEntries(entries)).toMatchObject({ 'مساعدة في المطبخ': 'ar' });
      expect(entries.filter(([, lang]) => lang === 'nl')).toHaveLength(1);
    });
  }
});

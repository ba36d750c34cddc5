import ical from 'node-ical';
import QRCode from 'qrcode';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../shared/i18n/index.js';
import { changeStatus, createListing } from '../../shared/services/listings.js';
import { clock, deskOf, vacancy } from '../../test/fixtures.js';
import { seededSiteApp } from '../../test/site.js';
import { paths } from './paths.js';
import { permitExplanation } from './pages/listing.js';

const ORIGIN = 'https://opweg.example.org';
let { app, data } = {} as Awaited<ReturnType<typeof seededSiteApp>>;
let hostileId = '';

beforeAll(async () => {
  const seeded = await seededSiteApp();
  ({ app, data } = seeded);
  const { db } = seeded;
  const desk = deskOf('zuid');
  const hostile = await createListing(db, desk, vacancy(data.employer.id, { title: 'Schoonmaker </script><script>alert(1)</script>' }), clock);
  await changeStatus(db, desk, hostile.id, 1, 'submit', { clock });
  hostileId = (await changeStatus(db, desk, hostile.id, 2, 'approve', { clock })).id;
});

async function get(path: string) {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return { type: res.headers.get('content-type') ?? '', text: await res.text() };
}

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
}

describe('machine-readable pages', () => {
  it('puts a schema.org JobPosting with the required fields on a job page', async () => {
    const [ld] = jsonLd((await get(paths.listing('en', data.job.id))).text);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: data.job.title,
      description: data.job.description,
      datePosted: data.job.publishedAt!.slice(0, 10),
      validThrough: '2026-12-20T23:59:59+01:00',
      employmentType: 'FULL_TIME',
      hiringOrganization: { '@type': 'Organization', name: 'Kwekerij De Zon', sameAs: 'https://kwekerij.example.org' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', streetAddress: 'Venrayseweg 10', postalCode: '5928 RH', addressLocality: 'Venlo', addressRegion: 'Limburg', addressCountry: 'NL' } },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', value: 15.2, unitText: 'HOUR' } },
      identifier: { '@type': 'PropertyValue', name: 'OpWeg', value: data.job.id },
      url: `${ORIGIN}${paths.listing('en', data.job.id)}`,
    });
    // The sentences the page shows under "Who can do this?", each a full sentence, none run together.
    const page = (await get(paths.listing('en', data.job.id))).text;
    const sentences = permitExplanation(data.job);
    expect(sentences.length).toBeGreaterThan(1);
    expect(ld!.eligibilityToWorkRequirement).toBe(sentences.map((key) => t('en', key)).join(' '));
    for (const key of sentences) expect(page).toContain(t('en', key));
    expect(ld!.eligibilityToWorkRequirement).toMatch(/^([^.]+\.)( [^.]+\.)*$/s);
  });

  it('marks volunteering VOLUNTEER without a salary, and a visit as a schema.org Event with seats left', async () => {
    const [volunteering] = jsonLd((await get(paths.listing('nl', data.volunteering.id))).text);
    expect(volunteering).toMatchObject({ '@type': 'JobPosting', employmentType: 'VOLUNTEER', inLanguage: 'ar' });
    expect(volunteering).not.toHaveProperty('baseSalary');
    const [event] = jsonLd((await get(paths.listing('nl', data.companyVisit.id))).text);
    expect(event).toMatchObject({
      '@type': 'Event',
      name: data.companyVisit.title,
      startDate: '2026-12-02T09:00:00+01:00',
      endDate: '2026-12-02T12:00:00+01:00',
      maximumAttendeeCapacity: 20,
      remainingAttendeeCapacity: 15,
      location: { '@type': 'Place', address: { addressLocality: 'Venlo' } },
      organizer: { name: 'Kwekerij De Zon' },
    });
  });

  it('keeps listing text inside its JSON-LD: a title with </script> cannot end the script', async () => {
    const html = (await get(paths.listing('nl', hostileId))).text;
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(jsonLd(html)[0]!.title).toBe('Schoonmaker </script><script>alert(1)</script>');
  });

  it('publishes an Atom feed per region and per location that a standard parser reads', async () => {
    const parser = new Parser();
    const region = await get(paths.regionFeed('zuid'));
    expect(region.type).toContain('application/atom+xml');
    const feed = await parser.parseString(region.text);
    expect(feed.title).toBe('OpWeg: aanbod in regio Zuid');
    const titles = feed.items.map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining([data.job.title, data.far.title, data.volunteering.title, data.companyVisit.title]));
    expect(titles).not.toContain(data.draft.title);
    expect(titles).not.toContain(data.closed.title);
    expect(feed.items.find((i) => i.title === data.job.title)?.link).toBe(`${ORIGIN}${paths.listing('nl', data.job.id)}`);
    // RFC 4287: every entry has an author, its own (the organisation) or the feed's.
    expect(region.text.slice(0, region.text.indexOf('<entry'))).toContain('<author><name>OpWeg</name></author>');

    const location = await parser.parseString((await get(paths.locationFeed('venlo'))).text);
    expect(location.items.map((i) => i.title)).not.toContain(data.far.title);
    expect(location.items.map((i) => i.title)).toContain(data.job.title);
  });

  it('publishes the feeds in every language, each announced only on the pages of its language', async () => {
    expect(paths.regionFeed('zuid', 'ar')).toBe('/feeds/ar/regions/zuid.atom');
    // The Dutch feed keeps its first address (existing subscriptions); there is no second one.
    expect(paths.regionFeed('zuid', 'nl')).toBe('/feeds/regions/zuid.atom');
    expect((await app.request('/feeds/nl/regions/zuid.atom')).status).toBe(404);
    expect((await app.request('/feeds/xx/regions/zuid.atom')).status).toBe(404);

    const ar = (await get(paths.regionFeed('zuid', 'ar'))).text;
    expect(ar).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">');
    expect(ar).toContain(`<title type="text">${t('ar', 'feed.region', { name: 'Zuid' })}</title>`);
    expect(ar).toContain(`<link rel="alternate" type="text/html" href="${ORIGIN}${paths.region('ar', 'zuid')}"/>`);
    expect(ar).toContain(`href="${ORIGIN}${paths.listing('ar', data.job.id)}"`);
    expect(ar).not.toContain(`${ORIGIN}/nl/`);
    // The organisation's text keeps the language it was written in; the feed's own words are Arabic.
    expect(ar).toMatch(new RegExp(`<entry xml:lang="nl">\\s*<id>${ORIGIN}${paths.listing('ar', data.job.id)}</id>`));
    expect(ar).toContain(`<summary type="text" xml:lang="ar">${t('ar', 'kind.job')} · Kwekerij De Zon · Venlo</summary>`);
    expect(ar).not.toContain('type="html"');
    const parsed = await new Parser().parseString(ar);
    expect(parsed.items.map((i) => i.title)).toContain(data.job.title);

    const location = (await get(paths.locationFeed('venlo', 'ti'))).text;
    expect(location).toContain('xml:lang="ti"');
    const calendar = eventsOf((await get(paths.regionCalendar('zuid', 'so'))).text);
    expect(calendar[0]!.description).toContain(`${ORIGIN}${paths.listing('so', data.companyVisit.id)}`);

    for (const locale of ['nl', 'ar', 'ckb'] as const) {
      const pages = [(await get(paths.region(locale, 'zuid'))).text, (await get(paths.location(locale, 'venlo'))).text, (await get(paths.group(locale, 'zuid', 'visits'))).text];
      for (const page of pages) {
        const announced = [...page.matchAll(/href="(\/(?:feeds|calendar)\/[^"]+)"/g)].map((m) => m[1]!);
        expect(announced.length).toBeGreaterThan(0);
        for (const href of announced) expect([paths.regionFeed('zuid', locale), paths.regionCalendar('zuid', locale), paths.locationFeed('venlo', locale)]).toContain(href);
      }
    }
  });

  it('publishes an iCalendar of company visits per region that a standard parser reads, with seats left', async () => {
    const res = await get(paths.regionCalendar('zuid'));
    expect(res.type).toContain('text/calendar');
    const events = eventsOf(res.text);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event!.summary).toBe(data.companyVisit.title);
    expect(event!.start.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(event!.end!.toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(event!.description).toContain('Nog 15 plaatsen vrij');
    expect(event!.location).toBe('Venlo');
    expect(eventsOf((await get(paths.regionCalendar('noord'))).text)).toHaveLength(0);
  });

  it('lists every indexable page in sitemap.xml and points robots.txt at it', async () => {
    const sitemap = (await get(paths.sitemap())).text;
    const locs = [...sitemap.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toContain(`${ORIGIN}/`);
    expect(locs).toContain(`${ORIGIN}${paths.listing('ti', data.job.id)}`);
    expect(locs).toContain(`${ORIGIN}${paths.group('ar', 'zuid', 'visits')}`);
    expect(locs).toContain(`${ORIGIN}${paths.location('ckb', 'assen')}`);
    expect(locs).not.toContain(`${ORIGIN}${paths.listing('nl', data.closed.id)}`);
    expect(locs).not.toContain(`${ORIGIN}${paths.listing('nl', data.draft.id)}`);
    expect(new Set(locs).size).toBe(locs.length);
    expect((await get(paths.robots())).text).toBe(`User-agent: *\nDisallow: /portal/\n\nSitemap: ${ORIGIN}/sitemap.xml\n`);
  });

  it('prints a poster per location with a QR code to each listing in the poster’s language', async () => {
    const html = (await get(paths.poster('ar', 'venlo'))).text;
    const codes = [...html.matchAll(/<svg class="qr"[^>]*aria-label="([^"]*)"[^>]*>.*?<path d="([^"]*)"/gs)];
    // One code per listing within reach (the four in and around Venlo), none for Maastricht.
    expect(codes).toHaveLength(4);
    expect(codes.map((c) => c[1])).toEqual(expect.arrayContaining([data.volunteering.title, data.job.title, data.companyVisit.title]));
    // The cells we draw are the cells the qrcode package draws itself for the listing's URL.
    const url = `${ORIGIN}${paths.listing('ar', data.job.id)}`;
    const ours = codes.find((c) => c[1] === data.job.title)![2]!;
    const theirs = await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    expect(cellsOfStrokedRuns(ours)).toEqual(cellsOfStrokedRuns(/<path[^>]*stroke[^>]*d="([^"]*)"/.exec(theirs)![1]!));
    expect(cellsOfStrokedRuns(ours).length).toBeGreaterThan(100);
    // Print CSS in the one stylesheet lays the poster out on A4.
    expect(html).toContain('<body class="poster">');
    expect(html).toMatch(/<style>[^<]*@media print\{\s*@page\{size:A4/);
  });
});

const eventsOf = (ics: string) => Object.values(ical.sync.parseICS(ics)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');

/** Dark cells of a stroked path of runs, as both qrcode's own SVG and ours draw them: `M x y.5 h n m dx 0 h n …`. */
function cellsOfStrokedRuns(d: string): string[] {
  const cells: string[] = [];
  let x = 0;
  let y = 0;
  for (const [, op, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (op === 'M') [x, y] = [Number(a), Math.floor(Number(b))];
    else if (op === 'm') [x, y] = [x + Number(a), y + Math.floor(Number(b))];
    else for (let i = 0; i < Number(a); i++) cells.push(`${x++},${y}`);
  }
  return cells.sort();
}

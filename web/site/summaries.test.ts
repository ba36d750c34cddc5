import { HtmlValidate } from 'html-validate';
import ical from 'node-ical';
import Parser from 'rss-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { keys } from '../../shared/db/keys.js';
import { LOCALES, t } from '../../shared/i18n/index.js';
import { saveSummary } from '../../shared/services/summaries.js';
import { updateListing } from '../../shared/services/listings.js';
import { contentOf } from '../../shared/domain/listing.js';
import { createTestDb } from '../../test/db.js';
import { clock, deskOf } from '../../test/fixtures.js';
import { changeOf, listingPages, pagesOf } from './affected.js';
import { createSiteApp, type SiteApp } from './app.js';
import { paths } from './paths.js';
import { createSiteReads } from './reads.js';
import { isolated } from './share.js';
import { recordOf, seedSite, siteDeps } from './testing.js';

let app: SiteApp;
let db: Awaited<ReturnType<typeof createTestDb>>;
let data: Awaited<ReturnType<typeof seedSite>>;
const arabic = { title: 'سائق رافعة شوكية في فينلو', text: 'تقطف الطماطم وتعبئها في بيت زجاجي حديث.\nالعمل 32 ساعة في الأسبوع.' };
const arabicVisit = { title: 'زيارة إلى البيوت الزجاجية', text: 'ترى كيف تنمو الطماطم وتتحدث مع العاملين.' };

beforeAll(async () => {
  db = await createTestDb();
  data = await seedSite(db);
  const ctx = { db, mail: new Outbox(), clock, config: { PUBLIC_ORIGIN: 'https://opweg.example.org', SESSION_HOURS: 12 } };
  await saveSummary(ctx, deskOf('zuid'), data.job.id, 'ar', arabic);
  await saveSummary(ctx, deskOf('zuid'), data.companyVisit.id, 'ar', arabicVisit);
  app = createSiteApp(siteDeps(db));
});

const get = async (path: string) => {
  const res = await app.request(path);
  expect(res.status, path).toBe(200);
  return res.text();
};

describe('a listing in the reader’s language', () => {
  it('shows the summary in the page’s language, marked as a translation, the original one tap away', async () => {
    const page = await get(paths.listing('ar', data.job.id));
    // Dutch names inside the Arabic title sit between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE.
    expect(page).toContain(`<title>${t('ar', 'kind.job')} · \u2068Venlo\u2069 · ${arabic.title} · \u2068OpWeg\u2069</title>`);
    expect(page).toMatch(new RegExp(`<h1 class="big">.*<span>${arabic.title}</span></h1>`));
    expect(page).toContain(`<p class="text">${arabic.text}</p>`);
    expect(page).toContain(t('ar', 'summary.translated'));
    // The organisation's own words stay, with their language, inside a closed <details>.
    expect(page).toMatch(/<details class="original"><summary>[^<]+<\/summary><p lang="nl" dir="ltr"><strong>Heftruckchauffeur Venlo<\/strong><\/p><p class="text" lang="nl" dir="ltr">Oogsten en inpakken/);
    expect(page).not.toContain(t('ar', 'summary.none'));
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': ['error', { style: 'selfclose' }], 'attribute-boolean-style': ['error', { style: 'empty' }], 'attribute-empty-style': ['error', { style: 'empty' }] } });
    const report = await validator.validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message}`))).toEqual([]);
  });

  it('says when there is no translation in the page’s language and offers the languages that have one', async () => {
    const page = await get(paths.listing('ti', data.job.id));
    expect(page).toContain(t('ti', 'summary.none'));
    expect(page).toContain(`${t('ti', 'summary.other')} <a href="${paths.listing('ar', data.job.id)}" hreflang="ar" lang="ar" dir="rtl">العربية</a>`);
    expect(page).toContain('<span lang="nl" dir="ltr">Heftruckchauffeur Venlo</span>');
    expect(page).not.toContain(arabic.text);

    // A listing nobody summarised offers nothing; one written in the page's language needs nothing.
    const far = await get(paths.listing('ti', data.far.id));
    expect(far).toContain(t('ti', 'summary.none'));
    expect(far).not.toContain(t('ti', 'summary.other'));
    const dutch = await get(paths.listing('nl', data.job.id));
    expect(dutch).not.toContain(t('nl', 'summary.none'));
    expect(dutch).not.toContain('<details class="original">');
  });

  it('shows the summary’s title in lists in the reader’s language, marked as a translation; the original title elsewhere', async () => {
    const link = `<a href="${paths.listing('ar', data.job.id)}">${arabic.title}</a>`;
    for (const path of [paths.region('ar', 'zuid'), paths.group('ar', 'zuid', 'jobs'), paths.location('ar', 'venlo')]) {
      const page = await get(path);
      expect(page, path).toContain(link);
      expect(page, path).toContain(`<li>${t('ar', 'list.translated')}</li>`);
      expect(page, path).not.toContain('>Heftruckchauffeur Venlo</a>');
    }
    const poster = await get(paths.poster('ar', 'venlo'));
    expect(poster).toContain(`<strong>${arabic.title}</strong>`);
    expect(poster).toContain(`(${t('ar', 'list.translated')})`);
    // Without a summary in the page's language: the organisation's title, in its own language.
    for (const locale of ['ti', 'nl'] as const) {
      const page = await get(paths.location(locale, 'venlo'));
      expect(page).toContain(`<a href="${paths.listing(locale, data.job.id)}" lang="nl" dir="ltr">Heftruckchauffeur Venlo</a>`);
      expect(page).not.toContain(t(locale, 'list.translated'));
      expect(page).not.toContain(arabic.title);
    }
  });

  it('puts the summary’s title and text in the feeds of the reader’s language, marked as a translation; the original, with its own xml:lang, elsewhere', async () => {
    const entryOf = (xml: string, id: string) => {
      const entry = [...xml.matchAll(/<entry xml:lang="([a-z]+)">([\s\S]*?)<\/entry>/g)].find((m) => m[2]!.includes(`/listings/${id}/`));
      expect(entry, id).toBeDefined();
      return { lang: entry![1], body: entry![2]! };
    };
    for (const path of [paths.regionFeed('zuid', 'ar'), paths.locationFeed('venlo', 'ar')]) {
      const xml = await get(path);
      // A standard (strict) parser reads it, and reads the Arabic title and text back.
      const feed = await new Parser().parseString(xml);
      const item = feed.items.find((i) => i.link?.endsWith(paths.listing('ar', data.job.id)));
      expect(item?.title, path).toBe(arabic.title);
      expect(item?.content).toBe(`${arabic.text}\n\n${t('ar', 'summary.translated')}`);
      expect(entryOf(xml, data.job.id).lang).toBe('ar');
      expect(entryOf(xml, data.job.id).body).not.toContain('Heftruckchauffeur');
      if (path !== paths.regionFeed('zuid', 'ar')) continue;
      // Untranslated: the organisation's title and text, marked as Dutch; the feed's own line in Arabic.
      const far = entryOf(xml, data.far.id);
      expect(far.lang).toBe('nl');
      expect(far.body).toContain('<title type="text">Orderpicker Maastricht</title>');
      expect(far.body).toMatch(/<summary type="text" xml:lang="ar">/);
    }
    for (const locale of ['ti', 'nl'] as const) {
      const xml = await get(paths.regionFeed('zuid', locale));
      expect(entryOf(xml, data.job.id)).toMatchObject({ lang: 'nl' });
      expect(entryOf(xml, data.job.id).body).toContain('<title type="text">Heftruckchauffeur Venlo</title>');
      expect(xml).not.toContain(arabic.title);
    }
  });

  it('puts the summary’s title and text in the calendar and the JSON-LD of the reader’s language', async () => {
    const eventOf = async (locale: 'ar' | 'ti') => {
      const events = Object.values(ical.sync.parseICS(await get(paths.regionCalendar('zuid', locale)))).filter((c) => c?.type === 'VEVENT');
      expect(events).toHaveLength(1);
      return events[0] as ical.VEvent;
    };
    const ar = await eventOf('ar');
    expect(ar.summary).toBe(arabicVisit.title);
    expect(ar.description).toContain(`${arabicVisit.text}\n\n${t('ar', 'summary.translated')}`);
    const ti = await eventOf('ti');
    expect(ti.summary).toBe(data.companyVisit.title);
    expect(ti.description).not.toContain(arabicVisit.text);

    const ld = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, unknown>;
    // Like the page's heading and text: the summary in the page's language, or the organisation's own.
    expect(ld(await get(paths.listing('ar', data.job.id)))).toMatchObject({ title: arabic.title, description: arabic.text, inLanguage: 'ar' });
    expect(ld(await get(paths.listing('ar', data.companyVisit.id)))).toMatchObject({ '@type': 'Event', name: arabicVisit.title, description: arabicVisit.text, inLanguage: 'ar' });
    expect(ld(await get(paths.listing('ti', data.job.id)))).toMatchObject({ title: 'Heftruckchauffeur Venlo', inLanguage: 'nl' });
  });

  it('isolates organisation and place names on right-to-left pages, so "B.V." keeps its full stop', async () => {
    const partners = await get(paths.partners('ar', 'zuid'));
    expect(partners).toContain(`<h2><bdi>${data.partner.name}</bdi></h2>`);
    expect(await get(paths.listing('ar', data.job.id))).toContain(`<bdi>${data.employer.name}</bdi>`);
    expect(await get(paths.home('fa'))).toContain('<bdi>Venlo</bdi>');
  });

  it('isolates text of the other direction in <title> and meta descriptions, where no <bdi> can go', async () => {
    const FSI = '\u2068';
    const PDI = '\u2069';
    const arabicPage = await get(paths.listing('ar', data.job.id));
    const description = /<meta name="description" content="([^"]*)"/.exec(arabicPage)![1]!;
    expect(description.startsWith(`${t('ar', 'kind.job')} · ${FSI}${data.employer.name}${PDI} · ${FSI}Venlo${PDI}: `)).toBe(true);
    expect(arabicPage).toContain(`<meta property="og:title" content="${t('ar', 'kind.job')} · ${FSI}Venlo${PDI} · ${arabic.title} · ${FSI}OpWeg${PDI}"`);
    // Where no Arabic summary exists, the Dutch title is isolated as a whole.
    const farsi = await get(paths.listing('fa', data.job.id));
    expect(farsi).toContain(`<title>${t('fa', 'kind.job')} · ${FSI}Venlo${PDI} · ${FSI}Heftruckchauffeur Venlo${PDI} · ${FSI}OpWeg${PDI}</title>`);
    expect(await get(paths.location('ar', 'venlo'))).toContain(`<title>${t('ar', 'location.title', { name: `${FSI}Venlo${PDI}` })} · ${FSI}OpWeg${PDI}</title>`);
    // Left-to-right pages need nothing around Dutch names.
    const dutch = await get(paths.listing('nl', data.job.id));
    expect(dutch).toContain(`<title>${t('nl', 'kind.job')} · Venlo · Heftruckchauffeur Venlo · OpWeg</title>`);
    expect(dutch).not.toMatch(/[\u2068\u2069]/);
    // Arabic text stays as it is on an Arabic page, and is isolated in turn on a left-to-right one.
    expect(arabicPage.match(/<title>[^<]*<\/title>/)![0]).not.toContain(`${FSI}${arabic.title}`);
    expect(isolated('en', arabic.title)).toBe(`${FSI}${arabic.title}${PDI}`);
    expect(isolated('ar', arabic.title)).toBe(arabic.title);
  });

  it('stops showing a summary once the organisation’s text changes, until a person checks it again', async () => {
    const job = (await createSiteReads(db, { reachKm: 40, clock }).listing(data.job.id))!;
    await updateListing(db, deskOf('zuid'), job.id, job.version, { ...contentOf(job), description: `${job.description} Ook in het weekend.` }, clock);
    const fresh = createSiteApp(siteDeps(db));
    const page = await (await fresh.request(paths.listing('ar', job.id))).text();
    expect(page).not.toContain(arabic.text);
    expect(page).toContain(t('ar', 'summary.none'));
    expect(page).toContain('Ook in het weekend.');
  });

  it('re-renders the listing’s page in every language, and the lists it is on, when a summary changes', async () => {
    const record = await recordOf(db, keys.summary(data.job.id, 'ar'));
    const change = changeOf(record);
    expect(change).toEqual({ about: 'summary', listingId: data.job.id });
    const reads = createSiteReads(db, { reachKm: 40, clock });
    const pages = await pagesOf(change, { reads, db, reachKm: 40 });
    expect(pages).toEqual(expect.arrayContaining([...LOCALES.map((l) => paths.listing(l, data.job.id)), paths.region('ar', 'zuid'), paths.group('ar', 'zuid', 'jobs'), paths.location('ar', 'venlo'), paths.poster('ar', 'venlo')]));
    expect(pages.sort()).toEqual((await listingPages([(await reads.listing(data.job.id))!], reads, 40)).sort());
  });
});

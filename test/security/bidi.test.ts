import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { Outbox } from '../../shared/adapters/mail-outbox.js';
import { balanceBidi } from '../../shared/domain/bidi.js';
import type { Organisation } from '../../shared/domain/organisation.js';
import { getOrganisation } from '../../shared/repositories/organisations.js';
import { seedPeople, signedIn, type PortalClient } from '../../web/portal/testing.js';
import { launchBrowser } from '../browser.js';
import { createTestDb } from '../db.js';
import { clock, seedDirectory, seedOrganisation } from '../fixtures.js';
import { startTestServer } from '../server.js';

/**
 * Right-to-left override characters in what people type must not reorder the portal's own
 * text around them. An employer names its organisation with an override left open; a person it
 * invites reads "<organisation> nodigt u uit als collega" in Chromium, in the right order.
 */
const RLO = '\u202E';
const PDF = '\u202C';
const [FSI, PDI] = ['\u2068', '\u2069'];
let db: Awaited<ReturnType<typeof createTestDb>>;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const outbox = new Outbox();
let org: Organisation;
let owner: PortalClient;

beforeAll(async () => {
  db = await createTestDb();
  await seedDirectory(db);
  org = await seedOrganisation(db, { name: 'Maasland B.V.' });
  await seedPeople(db, [{ role: 'employer', email: 'eigenaar@example.org', organisationId: org.id, owner: true }]);
  server = await startTestServer(db, { mail: outbox, clock });
  owner = await signedIn(server.url, outbox, 'eigenaar@example.org');
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rename = async (name: string) => expect((await owner.post(`/portal/org/${org.id}/profile`, { name, kvk: '12345678', sector: 'Logistiek', regionIds: ['zuid'] })).status).toBe(303);

/** Where each word of the invitation's sentence is drawn on the invitee's start page: the left edge of its box, in Chromium. */
async function wordsOnScreen(invitee: PortalClient, words: string[]): Promise<number[]> {
  const context = await browser.newContext();
  try {
    const cookies = invitee.cookie.split('; ').map((pair) => ({ name: pair.split('=')[0]!, value: pair.slice(pair.indexOf('=') + 1), url: server.url }));
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto(`${server.url}/portal/`);
    return await page.evaluate((ws) => {
      const sentence = [...document.querySelectorAll('#invitations p')].find((p) => p.textContent?.includes('nodigt u uit'))!;
      const text = sentence.firstChild as Text;
      return ws.map((w) => {
        const at = text.data.indexOf(w);
        const range = document.createRange();
        range.setStart(text, at);
        range.setEnd(text, at + w.length);
        return range.getBoundingClientRect().left;
      });
    }, words);
  } finally {
    await context.close();
  }
}

describe('right-to-left controls in what people type', () => {
  it('drops an override left open when it is saved, so the sentence around the name reads in order', async () => {
    await rename(`Maasland${RLO} Logistiek`);
    expect((await getOrganisation(db, org.id))?.name).toBe('Maasland Logistiek');
    expect((await owner.post(`/portal/org/${org.id}/members`, { name: 'Nina', email: 'nina@example.org' })).status).toBe(200);
    const nina = await signedIn(server.url, outbox, 'nina@example.org');
    const html = await (await nina.get('/portal/')).text();
    expect(html).not.toContain(RLO);
    const [name, invites, colleague] = await wordsOnScreen(nina, ['Maasland', 'nodigt', 'collega']);
    expect(name!).toBeLessThan(invites!);
    expect(invites!).toBeLessThan(colleague!);
  }, 120_000);

  it('isolates a name in another direction, with its own closed override, so it stays inside its own words', async () => {
    const name = `مخبز النور ${RLO}B.V.${PDF}`;
    await rename(name);
    expect((await getOrganisation(db, org.id))?.name).toBe(name);
    expect((await owner.post(`/portal/org/${org.id}/members`, { name: 'Omar', email: 'omar@example.org' })).status).toBe(200);
    const omar = await signedIn(server.url, outbox, 'omar@example.org');
    const html = await (await omar.get('/portal/')).text();
    expect(html).toContain(`${FSI}${name}${PDI} nodigt u uit als collega`);
    const [arabic, invites, colleague, sentBy] = await wordsOnScreen(omar, ['النور', 'nodigt', 'collega', 'verstuurd']);
    expect(arabic!).toBeLessThan(invites!);
    expect(invites!).toBeLessThan(colleague!);
    expect(colleague!).toBeLessThan(sentBy!);
    // The organisation's own page names it in its title and heading, isolated as well.
    const own = await (await owner.get(`/portal/org/${org.id}`)).text();
    expect(own).toContain(`<title>${FSI}${name}${PDI} · `);
  }, 120_000);

  it('keeps closed pairs and marks, and drops what is opened and never closed or closed and never opened', () => {
    expect(balanceBidi('plain text')).toBe('plain text');
    expect(balanceBidi(`a${RLO}b${PDF}c`)).toBe(`a${RLO}b${PDF}c`);
    expect(balanceBidi(`a${RLO}bc`)).toBe('abc');
    expect(balanceBidi(`a${PDF}b\u2069c`)).toBe('abc');
    expect(balanceBidi(`\u2067a${RLO}b\u2069c`)).toBe('\u2067ab\u2069c');
    expect(balanceBidi(`a${RLO}b\nc${PDF}`)).toBe('ab\nc');
    expect(balanceBidi('\u200Fعربي\u200E')).toBe('\u200Fعربي\u200E');
  });
});

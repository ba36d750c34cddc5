import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../test/db.js';
import { launchBrowser } from '../test/browser.js';
import { startTestServer } from '../test/server.js';
import { changeStatus, createListing } from '../shared/services/listings.js';
import { clock, deskOf, seedDirectory, seedOrganisation, vacancy } from '../test/fixtures.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  const db = await createTestDb();
  await seedDirectory(db);
  const org = await seedOrganisation(db);
  const desk = deskOf('zuid');
  const l = await createListing(db, desk, vacancy(org.id, { title: 'Heftruckchauffeur Venlo' }), clock);
  await changeStatus(db, desk, l.id, 1, 'submit', { clock });
  await changeStatus(db, desk, l.id, 2, 'approve', { clock });
  await createListing(db, desk, vacancy(org.id, { title: 'Nog een concept' }), clock);
  server = await startTestServer(db);
});
afterAll(() => server?.close());

describe('the local app', () => {
  it('answers /healthz once the table answers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('shows the regions with their published listings in a real browser, and no drafts', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const zuid = page.locator('#region-zuid');
      await expect(zuid.getByText('Heftruckchauffeur Venlo').count()).resolves.toBe(1);
      await expect(page.getByText('Nog een concept').count()).resolves.toBe(0);
      await expect(page.locator('#region-noord').textContent()).resolves.toContain('Assen');
    } finally {
      await browser.close();
    }
  });
});

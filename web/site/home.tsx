import { Hono } from 'hono';
import { regionsWithListings } from '../../shared/services/catalogue.js';
import { DEFAULT_LOCALE, t } from '../../shared/i18n/index.js';
import { Layout } from '../ui/layout.js';
import type { Deps } from '../deps.js';

/** Until the full resident site: every region, its locations and its published listings. */
export function homeRoutes(deps: Deps) {
  const app = new Hono();
  app.get('/', async (c) => {
    const locale = DEFAULT_LOCALE;
    const regions = await regionsWithListings(deps.db);
    return c.html(
      <Layout locale={locale} title={t(locale, 'home.title')}>
        <h1>{t(locale, 'home.title')}</h1>
        <h2>{t(locale, 'home.regions')}</h2>
        {regions.map(({ region, locations, listings }) => (
          <section class="region" id={`region-${region.id}`}>
            <h3>{region.name}</h3>
            <p class="meta">{locations.map((l) => l.name).join(' · ')}</p>
            <p class="meta">{t(locale, 'home.listings', { count: listings.length })}</p>
            {listings.length === 0 ? (
              <p>{t(locale, 'list.empty')}</p>
            ) : (
              <ul class="listings">
                {listings.map((l) => (
                  <li>
                    <strong lang={l.language}>{l.title}</strong>{' '}
                    <span class="meta">
                      {t(locale, `kind.${l.kind}`)} · {l.workplace.city}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </Layout>,
    );
  });
  return app;
}

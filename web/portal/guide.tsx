import { Hono } from 'hono';
import { minimumWageOn } from '../../shared/config/minimum-wage.js';
import { formatMoney } from '../../shared/i18n/format.js';
import type { PortalKey } from '../../shared/i18n/portal/en.js';
import { tr, type Portal, type PortalEnv } from './env.js';
import { PortalPage } from './layout.js';

/**
 * The employer guide (docs/domain.md): the work permit (TWV), the wage, the W-document, fines,
 * volunteering and the COA contribution, in Dutch and English. Open without signing in, so an
 * employer can read it before signing up; the listing form links to it.
 */
const SECTIONS: { title: PortalKey; items: PortalKey[]; list?: boolean }[] = [
  { title: 'portal.guide.who.title', items: ['portal.guide.who.holders', 'portal.guide.who.asylum'] },
  { title: 'portal.guide.twv.title', items: ['portal.guide.twv.apply', 'portal.guide.twv.noWork', 'portal.guide.twv.tied', 'portal.guide.twv.duration', 'portal.guide.twv.kinds'], list: true },
  { title: 'portal.guide.wage.title', items: ['portal.guide.wage.market', 'portal.guide.wage.minimum', 'portal.guide.wage.bbl'] },
  { title: 'portal.guide.document.title', items: ['portal.guide.document.check'] },
  { title: 'portal.guide.fines.title', items: ['portal.guide.fines.wav'] },
  { title: 'portal.guide.volunteering.title', items: ['portal.guide.volunteering.text'] },
  { title: 'portal.guide.coa.title', items: ['portal.guide.coa.text'] },
];

/** Where employers read more: the public bodies themselves. */
const SOURCES = [
  { href: 'https://www.uwv.nl/', label: 'UWV' },
  { href: 'https://www.coa.nl/', label: 'COA' },
  { href: 'https://www.nlarbeidsinspectie.nl/', label: 'Nederlandse Arbeidsinspectie' },
  { href: 'https://www.rijksoverheid.nl/onderwerpen/minimumloon', label: 'Rijksoverheid: minimumloon' },
];

export function guideRoutes(p: Portal) {
  const app = new Hono<PortalEnv>();
  app.get('/guide', (c) => {
    const rate = minimumWageOn(p.ctx.clock.now().toISOString().slice(0, 10));
    const params = { minimum: rate ? formatMoney(c.get('locale'), rate.euros) : '?', date: rate?.from ?? '?' };
    return c.html(
      <PortalPage c={c} title={tr(c, 'portal.guide.title')}>
        <h1>{tr(c, 'portal.guide.title')}</h1>
        <p class="lead">{tr(c, 'portal.guide.intro')}</p>
        {SECTIONS.map((s) => (
          <section>
            <h2>{tr(c, s.title)}</h2>
            {s.list ? (
              <ul>
                {s.items.map((k) => (
                  <li>{tr(c, k, params)}</li>
                ))}
              </ul>
            ) : (
              s.items.map((k) => <p>{tr(c, k, params)}</p>)
            )}
          </section>
        ))}
        <h2>{tr(c, 'portal.guide.more')}</h2>
        <ul>
          {SOURCES.map((s) => (
            <li>
              <a href={s.href} rel="noopener">
                {s.label}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/portal/">{tr(c, 'portal.guide.back')}</a>
        </p>
      </PortalPage>,
    );
  });
  return app;
}

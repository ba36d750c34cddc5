import { raw } from 'hono/html';
import { ETHIOPIC_BLANK_URL, ETHIOPIC_CSS, SITE_CSS } from './site-style.js';
import { SITE_CSS_HASH } from './assets.js';

export { SITE_CSS_HASH };

/**
 * The site's stylesheet, inline in every resident page: no second request before the first
 * paint, so the first round trip (about 14 KB compressed) carries a readable page. The Content
 * Security Policy admits exactly this text by its hash (SITE_CSS_HASH), locally and on CloudFront.
 * A Tigrinya page carries a second one, the Ethiopic font's blank twin (ETHIOPIC_CSS), under the
 * same policy, and preloads the twin so that it is there for the first paint (web/ui/site-style.ts).
 */
export function SiteStyle(p: { lang: string }) {
  if (p.lang !== 'ti') return <style>{raw(SITE_CSS)}</style>;
  return (
    <>
      <link rel="preload" as="font" type="font/woff2" crossorigin="anonymous" href={ETHIOPIC_BLANK_URL} />
      <style>{raw(SITE_CSS)}</style>
      <style>{raw(ETHIOPIC_CSS)}</style>
    </>
  );
}

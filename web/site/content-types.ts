/**
 * The content type of every kind of file the resident site writes, by extension: the site app
 * answers with it, the publisher stores it with the file (the S3 object's Content-Type, which
 * CloudFront passes on), and the local server sends it. One table, so the three agree.
 */
export const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  woff2: 'font/woff2',
  png: 'image/png',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
} as const;

/** The content type of a stored file (`nl/index.html`, `feeds/regions/zuid.atom`), if the site writes its kind. */
export function contentTypeOf(key: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/.exec(key)?.[1];
  return ext && ext in CONTENT_TYPES ? CONTENT_TYPES[ext as keyof typeof CONTENT_TYPES] : undefined;
}

/** Text worth compressing on the way (fonts and PNG images are compressed already). */
export const isCompressible = (contentType: string | null | undefined) => Boolean(contentType && /^(text\/|application\/(atom\+xml|xml|json|manifest\+json|javascript)|image\/svg\+xml)/.test(contentType));

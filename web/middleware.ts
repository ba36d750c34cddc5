import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { isFromOrigin, ORIGIN_SECRET_HEADER, originSecretsOf } from '../shared/config/origin.js';
import type { Config } from '../shared/config/index.js';
import { SITE_CSS_HASH } from './ui/assets.js';

/**
 * The guards every dynamic request passes, defined once for the two apps that serve /portal:
 * the whole app (web/app.ts: the staff portal, and everything under `npm start`) and the
 * residents' form function (web/resident-app.ts).
 */

/** No inline script anywhere (pages work as plain HTML); the one inline style is the resident
 * pages' stylesheet, admitted by its hash; no framing; forms post to us only. */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", SITE_CSS_HASH],
      imgSrc: ["'self'", 'data:'],
      // data: for the Tigrinya pages' inline blank font (web/ui/site-style.ts).
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    // Links to other sites carry no Referer; posts within the site keep it (sameOrigin below).
    referrerPolicy: 'same-origin',
  });

const TOO_LARGE =
  '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Te groot / Too large</title><h1>Te groot / Too large</h1>' +
  '<p lang="nl">Wat u stuurde is te groot. Maak het korter en probeer het opnieuw.</p><p lang="en">What you sent is too large. Make it shorter and try again.</p></html>';

/** Request bodies are small forms; only the desk's CSV upload (at most 500 rows) is larger. */
export function bodyLimits(): MiddlewareHandler {
  const tooLarge = bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.html(TOO_LARGE, 413) });
  const upload = bodyLimit({ maxSize: 2 * 1024 * 1024, onError: (c) => c.html(TOO_LARGE, 413) });
  return (c, next) => (isImportUpload(c.req.path) ? upload : tooLarge)(c, next);
}

/**
 * Behind CloudFront only: a request that did not come through it (straight to the API's address,
 * with a forged CloudFront-Viewer-Address, say) lacks the origin secret and is refused. Nothing
 * to check where no origin secret is configured (locally).
 */
export function originGuard(config: Config): MiddlewareHandler | undefined {
  const originSecrets = originSecretsOf(config);
  if (originSecrets.length === 0) return undefined;
  return async (c, next) => {
    if (!isFromOrigin(originSecrets, c.req.header(ORIGIN_SECRET_HEADER))) return c.text('Forbidden', 403);
    await next();
  };
}

/**
 * A database that hangs must not hang the page: past the deadline the request fails with a 503
 * HTTPException, which each app's error handler turns into its "try again" page. What the
 * request was doing goes on in the background and may still complete: nothing was
 * acknowledged. The desk's CSV upload is exempt (up to 500 rows, each a few writes; cut off, it
 * would go on unseen and be sent again): a database that hangs still fails it, by the DynamoDB
 * client's own timeout (shared/db/client.ts).
 */
export function deadline(config: Config): MiddlewareHandler {
  const within = timeout(config.PORTAL_TIMEOUT_SECONDS * 1000, () => new HTTPException(503, { message: 'portal request deadline passed' }));
  return (c, next) => (c.req.method === 'POST' && isImportUpload(c.req.path) ? next() : within(c, next));
}

/**
 * Form posts from other sites are refused (the origin is configured: behind CloudFront the
 * request's own URL names the API's host, not the public one), with an HTTPException 403.
 */
export const sameOriginPosts = (config: Config): MiddlewareHandler => csrf({ origin: (origin, c) => sameOrigin(config.PUBLIC_ORIGIN, origin, c.req.header('referer')) });

/**
 * Whether a form post comes from the site itself. `Origin` names the public origin: yes. Some
 * browsers send `Origin: null` (a page still cached from when the site said
 * `Referrer-Policy: no-referrer`, or privacy settings) and no Sec-Fetch-Site: then the `Referer`, which
 * `Referrer-Policy: same-origin` keeps on posts within the site, must be a page of the site.
 * A post from elsewhere carries neither (same-origin sends no Referer to other sites).
 */
export function sameOrigin(publicOrigin: string, origin: string, referer: string | undefined): boolean {
  if (origin === publicOrigin) return true;
  if (origin !== 'null' || !referer) return false;
  try {
    return new URL(referer).origin === publicOrigin;
  } catch {
    return false;
  }
}

/** The desk's CSV import (a larger body, a longer request): the body limit and the deadline treat it apart. */
export const isImportUpload = (path: string) => /^\/portal\/desk\/[^/]+\/import$/.test(path);

/** Errors of the AWS SDK that mean DynamoDB cannot be reached or will not answer now: worth trying again soon. */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'TimeoutError', 'RequestTimeout', 'ServiceUnavailable', 'InternalServerError', 'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);
export function databaseUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: string; cause?: unknown; errors?: unknown[] } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (UNAVAILABLE.has(e.name ?? '') || UNAVAILABLE.has(e.code ?? '')) return true;
  return databaseUnavailable(e.cause) || (Array.isArray(e.errors) && e.errors.some(databaseUnavailable));
}

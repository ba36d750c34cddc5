import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { PortalLocale } from '../../shared/domain/session.js';
import { isolate } from '../../shared/domain/bidi.js';
import { t, type AnyKey, type Params, type Locale } from '../../shared/i18n/index.js';
import type { Actor } from '../../shared/services/actor.js';
import type { ServiceContext } from '../../shared/services/context.js';
import type { ResolvedDeps } from '../deps.js';
import { originSecretsOf } from '../../shared/config/origin.js';
import { DomainError } from '../../shared/errors.js';

/** A link in the portal's navigation, with an optional count (the desk's queue). */
export interface NavItem {
  href: string;
  label: string;
  count?: number;
}

export type PortalEnv = {
  Variables: {
    actor: Actor;
    locale: PortalLocale;
    nav: NavItem[];
    /** Set by the residents' form posts: their pages, errors included, speak the form's language. */
    residentLocale?: Locale;
  };
};
export type PortalContext = Context<PortalEnv>;

/** Everything a portal route needs, built once per app. */
export interface Portal {
  deps: ResolvedDeps;
  ctx: ServiceContext;
}

/**
 * The message for `key` in the language of the person on this request. Text filled into it is
 * isolated (FSI … PDI, the text-level `<bdi>`): a name or title in another direction, or with
 * right-to-left controls of its own, cannot reorder the sentence around it.
 */
export const tr = (c: PortalContext, key: AnyKey, params?: Params) =>
  t(c.get('locale'), key, params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && v !== '' ? isolate(v) : v])));

const LOCALE_COOKIE = 'opweg_lang';

/** Cookies: `__Secure-` and Secure on AWS (HTTPS); plain names on http://localhost. */
export function cookieName(p: Portal, name: string) {
  return p.deps.config.LOCAL_DEV ? name : `__Secure-${name}`;
}
export function cookieOptions(p: Portal, maxAge?: number) {
  return { path: '/portal', httpOnly: true, sameSite: 'Lax' as const, secure: !p.deps.config.LOCAL_DEV, ...(maxAge ? { maxAge } : {}) };
}

export const SESSION_COOKIE = 'opweg_session';
export const sessionCookie = (p: Portal, c: Context) => getCookie(c, cookieName(p, SESSION_COOKIE));

export function localeOf(p: Portal, c: Context): PortalLocale {
  return getCookie(c, cookieName(p, LOCALE_COOKIE)) === 'en' ? 'en' : 'nl';
}
export function setLocale(p: Portal, c: Context, locale: PortalLocale) {
  setCookie(c, cookieName(p, LOCALE_COOKIE), locale, cookieOptions(p, 365 * 86400));
}

/**
 * The client's network address, for rate limits. Behind CloudFront the viewer's address comes
 * in `CloudFront-Viewer-Address` (ip:port), trusted only when the portal knows the origin secret:
 * then web/app.ts has refused every request that did not come through CloudFront (anyone can send
 * that header). Otherwise the HTTP API's source IP, or locally the socket's peer.
 */
export function clientAddress(p: Portal, c: Context): string {
  const viewer = originSecretsOf(p.deps.config).length > 0 ? c.req.header('cloudfront-viewer-address') : undefined;
  if (viewer) return viewer.replace(/:\d+$/, '');
  const env = c.env as { event?: { requestContext?: { http?: { sourceIp?: string } } }; incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Reads a submitted form as strings (repeated names as lists). Files are ignored. */
export async function formOf(c: Context): Promise<Record<string, string | string[]>> {
  // A body that does not parse (a broken multipart upload) is the sender's error: 400, not 500.
  const body = await c.req.parseBody({ all: true }).catch(() => {
    throw new DomainError('error.invalid', 400);
  });
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') out[name] = value;
  }
  return out;
}

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

import { createHash, randomBytes } from 'node:crypto';
import type { EmployerSignup, LoginToken, PortalLocale } from '../domain/session.js';
import { putLoginToken } from '../repositories/sessions.js';
import { epochSeconds, portalLink, type ServiceContext } from './context.js';

/** A link lives 15 minutes, works once, and only while it is its address's newest. */
export const LOGIN_TOKEN_SECONDS = 15 * 60;
export const LOGIN_TOKEN_MINUTES = LOGIN_TOKEN_SECONDS / 60;

/** Secrets (link tokens, session ids) are 32 random bytes; the table keeps only their SHA-256. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');

/** Stores a new single-use token, the address's only live one, and returns the link that uses it. */
export async function issueLoginLink(ctx: ServiceContext, email: string, locale: PortalLocale, signup?: EmployerSignup): Promise<string> {
  const token = newSecret();
  const now = ctx.clock.now();
  const item: LoginToken = { email, locale, createdAt: now.toISOString(), expiresAt: epochSeconds(now) + LOGIN_TOKEN_SECONDS, signup };
  await putLoginToken(ctx.db, hashSecret(token), hashSecret(email), item);
  return portalLink(ctx, `/portal/login/confirm?token=${encodeURIComponent(token)}`);
}

import * as z from 'zod';
import { Email } from '../domain/common.js';
import { EmployerSignup, PortalLocale, Session, SignInRequest } from '../domain/session.js';
import type { SignInQueue } from '../ports/sign-in-queue.js';
import { keys } from '../db/keys.js';
import { parseInput, ValidationError } from '../errors.js';
import { t } from '../i18n/index.js';
import { auditPut } from '../repositories/audit.js';
import { getDirectory } from '../repositories/directory.js';
import { consumeLoginToken, deleteSession, getSession, hitRateLimit } from '../repositories/sessions.js';
import type { Membership } from '../domain/user.js';
import { membershipsOfUser } from '../repositories/users.js';
import { hasOpenInvitation } from '../repositories/invitations.js';
import { del, put, transact } from '../repositories/transact.js';
import type { Actor } from './actor.js';
import { completeEmployerSignup } from './accounts.js';
import { epochSeconds, type ServiceContext } from './context.js';
import { hashSecret, issueLoginLink, LOGIN_TOKEN_MINUTES, newSecret } from './login-link.js';

/**
 * Passwordless sign-in. A link carries 32 random bytes; the table holds only their SHA-256,
 * for 15 minutes, and the first use deletes it. A session is another random id, stored
 * hashed with its expiry; the browser keeps the id in an HttpOnly cookie.
 */

/**
 * Fixed windows of 15 minutes: a few links per address from one client, more per client (shared
 * networks). Counted per address *and* client: requests from elsewhere cannot lock an address's
 * owner out.
 */
export const SIGN_IN_LIMITS = {
  address: { max: 5, windowSeconds: 15 * 60 },
  client: { max: 30, windowSeconds: 15 * 60 },
} as const;

export type LinkRequest = 'sent' | 'rate-limited';

/** Counts one request per address and per client; false when either is over its limit. */
async function withinLimits(ctx: Pick<ServiceContext, 'db' | 'clock'>, email: string, client: string): Promise<boolean> {
  const nowSeconds = epochSeconds(ctx.clock.now());
  const byClient = await hitRateLimit(ctx.db, { scope: 'signin-client', subjectHash: hashSecret(client), nowSeconds, ...SIGN_IN_LIMITS.client });
  if (!byClient) return false;
  return hitRateLimit(ctx.db, { scope: 'signin-address-client', subjectHash: hashSecret(`${email} ${client}`), nowSeconds, ...SIGN_IN_LIMITS.address });
}

/** Addresses are typed, and pasted with spaces around them. */
const SignInInput = z.object({ email: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), Email), locale: PortalLocale.default('nl') });

/**
 * Someone asks for a sign-in link. The answer is the same whether or not the address belongs to
 * an account, and so is the work behind it: the two rate-limit counters and one message on the
 * sign-in queue, nothing looked up and nothing mailed while the person waits. The queue's
 * consumer (`mailSignInLink`) decides, later, whether a link goes out. `client` names the
 * requesting client (its network address); only its hash is stored.
 */
export async function requestSignIn(ctx: Pick<ServiceContext, 'db' | 'clock'>, queue: SignInQueue, input: unknown, client: string): Promise<LinkRequest> {
  const { email, locale } = parseInput(SignInInput, input);
  if (!(await withinLimits(ctx, email, client))) return 'rate-limited';
  await queue.enqueue({ email, locale });
  return 'sent';
}

/**
 * The sign-in queue's consumer: mails a link to an address that has a portal account (an
 * active membership, or an open invitation to answer); an unknown or blocked address gets
 * nothing, and no token is stored for it.
 */
export async function mailSignInLink(ctx: ServiceContext, request: SignInRequest): Promise<'mailed' | 'unknown'> {
  const { email, locale } = SignInRequest.parse(request);
  const [memberships, invited] = await Promise.all([membershipsOfUser(ctx.db, email), hasOpenInvitation(ctx.db, email, epochSeconds(ctx.clock.now()))]);
  if (activeMemberships(memberships).length === 0 && !invited) return 'unknown';
  const link = await issueLoginLink(ctx, email, locale);
  await ctx.mail.send({ to: email, subject: t(locale, 'portal.mail.signin.subject'), text: t(locale, 'portal.mail.signin.body', { link, minutes: LOGIN_TOKEN_MINUTES }) });
  return 'mailed';
}

/**
 * An employer signs up. Nothing is stored but the link: the organisation and its first member
 * are created when the link is opened, so an address cannot be signed up by someone else.
 */
export async function requestEmployerSignup(ctx: ServiceContext, input: unknown, client: string, locale: PortalLocale): Promise<LinkRequest> {
  const signup = parseInput(EmployerSignup, input);
  const regions = new Set((await getDirectory(ctx.db)).regions.map((r) => r.id));
  const unknown = signup.regionIds.filter((r) => !regions.has(r));
  if (unknown.length > 0) throw new ValidationError([{ field: 'regionIds', key: 'error.invalid_choice' }]);
  if (!(await withinLimits(ctx, signup.email, client))) return 'rate-limited';
  const link = await issueLoginLink(ctx, signup.email, locale, signup);
  await ctx.mail.send({
    to: signup.email,
    subject: t(locale, 'portal.mail.signup.subject'),
    text: t(locale, 'portal.mail.signup.body', { link, organisation: signup.name, minutes: LOGIN_TOKEN_MINUTES }),
  });
  return 'sent';
}

export interface SignedIn {
  sessionId: string;
  email: string;
  locale: PortalLocale;
  maxAgeSeconds: number;
}

/**
 * Opens a session with a link's token, using the token up. Undefined when the token is
 * unknown, used or expired. A sign-up link creates the organisation first.
 */
export async function completeSignIn(ctx: ServiceContext, token: string): Promise<SignedIn | undefined> {
  if (!token || token.length > 100) return undefined;
  const now = ctx.clock.now();
  const used = await consumeLoginToken(ctx.db, hashSecret(token), epochSeconds(now));
  if (!used) return undefined;
  if (used.signup) await completeEmployerSignup(ctx, used.signup);
  const sessionId = newSecret();
  const maxAgeSeconds = Math.round(ctx.config.SESSION_HOURS * 3600);
  const session = Session.parse({ email: used.email, createdAt: now.toISOString(), expiresAt: epochSeconds(now) + maxAgeSeconds });
  await transact(ctx.db, [
    put(ctx.db, { ...keys.session(hashSecret(sessionId)), type: 'session', ...session }, 'attribute_not_exists(pk)'),
    auditPut(ctx.db, { at: now.toISOString(), actor: used.email, action: 'user.signed-in', subject: { type: 'user', id: used.email } }),
  ]);
  return { sessionId, email: used.email, locale: used.locale, maxAgeSeconds };
}

/** The actor behind a session cookie: anonymous when there is none, or it ended or expired. */
export async function actorOfSession(ctx: ServiceContext, sessionId: string | undefined): Promise<Actor> {
  if (!sessionId || sessionId.length > 100) return { kind: 'anonymous' };
  const session = await getSession(ctx.db, hashSecret(sessionId), epochSeconds(ctx.clock.now()));
  if (!session) return { kind: 'anonymous' };
  const memberships = await membershipsOfUser(ctx.db, session.email);
  const active = activeMemberships(memberships);
  // Blocked or removed, with nothing else (not even an invitation to answer): the session ends
  // at once, whatever the cookie says.
  const nothingLeft = active.length === 0 && (memberships.length > 0 || !(await hasOpenInvitation(ctx.db, session.email, epochSeconds(ctx.clock.now()))));
  if (nothingLeft) {
    await deleteSession(ctx.db, hashSecret(sessionId));
    return { kind: 'anonymous' };
  }
  return { kind: 'person', email: session.email, memberships: active };
}

/** Memberships that grant something: a blocked employer account's do not. */
export const activeMemberships = (memberships: Membership[]) => memberships.filter((m) => !(m.role === 'employer' && m.blockedAt));

/** Ends a session: its item goes, so the cookie opens nothing any more. */
export async function signOut(ctx: ServiceContext, sessionId: string | undefined, actor: Actor) {
  if (!sessionId || sessionId.length > 100) return;
  if (actor.kind !== 'person') return deleteSession(ctx.db, hashSecret(sessionId));
  await transact(ctx.db, [
    del(ctx.db, keys.session(hashSecret(sessionId))),
    auditPut(ctx.db, { at: ctx.clock.now().toISOString(), actor: actor.email, action: 'user.signed-out', subject: { type: 'user', id: actor.email } }),
  ]);
}

import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * CloudFront adds this header, with a secret value, to every request it sends to the portal
 * (infra/constructs/site.ts). The portal refuses requests without it when it knows the secret
 * (web/app.ts), and only then trusts CloudFront's `CloudFront-Viewer-Address` as the client's
 * address (web/portal/env.ts clientAddress): anyone can send that header to the API directly.
 */
export const ORIGIN_SECRET_HEADER = 'x-opweg-origin';

/** The accepted secrets: the current one and, while CloudFront rolls a new one out, the previous. */
export const originSecretsOf = (config: { ORIGIN_SECRETS: string }) => config.ORIGIN_SECRETS.split(/\s+/).filter(Boolean);

/** Whether a request's header carries one of the secrets (compared in constant time). */
export function isFromOrigin(secrets: string[], given: string | undefined): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const mine = digest(given ?? '');
  return secrets.map((s) => timingSafeEqual(digest(s), mine)).includes(true);
}

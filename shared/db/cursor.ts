import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadCursorError } from '../errors.js';

/**
 * A page cursor: base64url of DynamoDB's LastEvaluatedKey, bound to the query it came from,
 * signed with an HMAC. A cursor that was changed, or used on another query, is refused.
 */
export function encodeCursor(lastKey: Record<string, unknown>, scope: string, secret: string): string {
  const body = Buffer.from(JSON.stringify(lastKey)).toString('base64url');
  return `${body}.${sign(body, scope, secret)}`;
}

export function decodeCursor(cursor: string, scope: string, secret: string): Record<string, unknown> {
  const [body, mac] = cursor.split('.');
  if (!body || !mac || cursor.length > 2000) throw new BadCursorError();
  const expected = Buffer.from(sign(body, scope, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new BadCursorError();
  try {
    const key: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new BadCursorError();
    return key as Record<string, unknown>;
  } catch {
    throw new BadCursorError();
  }
}

const sign = (body: string, scope: string, secret: string) =>
  createHmac('sha256', secret).update(`${scope}\n${body}`).digest('base64url');

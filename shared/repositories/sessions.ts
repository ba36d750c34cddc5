import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { LoginToken, Session } from '../domain/session.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';

/**
 * Login tokens, sessions and rate-limit counters. All carry `expiresAt` (epoch seconds, the
 * table's TTL); DynamoDB deletes expired items late, so every read checks it as well.
 */

/**
 * Stores a new link's token, and makes it its address's one live link: the address's pointer
 * item names the newest token, and the token it named before is deleted, so an older link
 * stops working the moment a newer one exists. The token is written before the pointer: when
 * two links are issued at once, each deletes the one the pointer named before it, and only the
 * one the pointer names last stays usable.
 */
export async function putLoginToken(db: Db, tokenHash: string, addressHash: string, token: LoginToken) {
  const item = LoginToken.parse(token);
  await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.loginToken(tokenHash), type: 'login-token', ...item },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const pointer = await db.doc.send(
    new PutCommand({
      TableName: db.tableName,
      Item: { ...keys.liveLoginLink(addressHash), type: 'login-live', tokenHash, expiresAt: item.expiresAt },
      ReturnValues: 'ALL_OLD',
    }),
  );
  const older = pointer.Attributes?.tokenHash as string | undefined;
  if (older && older !== tokenHash) await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.loginToken(older) }));
}

/**
 * Uses a token up: one conditional delete, so two clicks on the same link cannot both sign
 * in. Returns the token's item, or undefined when it is unknown, used or expired.
 */
export async function consumeLoginToken(db: Db, tokenHash: string, nowSeconds: number): Promise<LoginToken | undefined> {
  try {
    const out = await db.doc.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: keys.loginToken(tokenHash),
        ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes ? LoginToken.parse(out.Attributes) : undefined;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return undefined;
    throw e;
  }
}

/** A live session, or undefined when unknown, ended or past its expiry. */
export async function getSession(db: Db, sessionHash: string, nowSeconds: number): Promise<Session | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.session(sessionHash), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const session = Session.parse(out.Item);
  return session.expiresAt > nowSeconds ? session : undefined;
}

export async function deleteSession(db: Db, sessionHash: string) {
  await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.session(sessionHash) }));
}

/**
 * Counts one hit in a fixed window and says whether it is within `max`. One conditional
 * update: the counter never passes `max`, however many requests race.
 */
export async function hitRateLimit(
  db: Db,
  o: { scope: string; subjectHash: string; windowSeconds: number; max: number; nowSeconds: number },
): Promise<boolean> {
  const windowStart = o.nowSeconds - (o.nowSeconds % o.windowSeconds);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: keys.rateLimit(o.scope, o.subjectHash, windowStart),
        UpdateExpression: 'SET #type = :type, expiresAt = if_not_exists(expiresAt, :expires) ADD hits :one',
        ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'rate-limit', ':expires': windowStart + o.windowSeconds, ':one': 1, ':max': o.max },
      }),
    );
    return true;
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return false;
    throw e;
  }
}

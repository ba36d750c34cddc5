import { ulid } from 'ulid';
import { AUDIT_RETENTION_DAYS_DEFAULT } from '../config/index.js';
import { AuditEvent } from '../domain/audit.js';
import type { Db } from '../db/client.js';
import { keys } from '../db/keys.js';
import { queryAll } from '../db/query.js';

/**
 * The Put of an audit event, to go in the same transaction as the change it records. It
 * expires (DynamoDB TTL on `expiresAt`) after the audit log's retention period.
 */
export function auditPut(db: Db, e: Omit<AuditEvent, 'id'>) {
  const event = AuditEvent.parse({ ...e, id: ulid() });
  const expiresAt = Math.floor(new Date(e.at).getTime() / 1000) + (db.auditRetentionDays ?? AUDIT_RETENTION_DAYS_DEFAULT) * 86_400;
  const byActor = { gsi6pk: keys.auditByActor(event.actor), gsi6sk: `${event.at}#${event.id}` };
  return { Put: { TableName: db.tableName, Item: { ...keys.audit(e.subject.type, e.subject.id, e.at, event.id), type: 'audit', ...byActor, ...event, expiresAt } } };
}

/** A subject's history, oldest first. */
export async function auditHistory(db: Db, subjectType: AuditEvent['subject']['type'], subjectId: string): Promise<AuditEvent[]> {
  return queryAll(db, { partition: keys.audit(subjectType, subjectId, '', '').pk, beginsWith: keys.auditPrefix() }, AuditEvent);
}

/** A subject's events between two instants, newest first (the audit-log viewer). */
export function auditOfSubjectBetween(db: Db, subjectType: AuditEvent['subject']['type'], subjectId: string, from: string, to: string): Promise<AuditEvent[]> {
  const prefix = keys.auditPrefix();
  return queryAll(db, { partition: keys.audit(subjectType, subjectId, '', '').pk, from: `${prefix}${from}`, to: `${prefix}${to}\uffff`, newestFirst: true }, AuditEvent);
}

/** What one person (or `system`, `resident`) did between two instants, newest first (gsi6). */
export function auditByActorBetween(db: Db, actor: string, from: string, to: string): Promise<AuditEvent[]> {
  return queryAll(db, { index: 'gsi6', partition: keys.auditByActor(actor), from, to: `${to}\uffff`, newestFirst: true }, AuditEvent);
}

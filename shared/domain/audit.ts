import * as z from 'zod';
import { Email, Id } from './common.js';

/** Who did what to which thing, when. Written in the same transaction as the change itself. */
export const AuditEvent = z.object({
  id: Id,
  at: z.iso.datetime(),
  /** A signed-in person, the system (sweep), or an anonymous resident acting on their own data. */
  actor: z.union([Email, z.literal('system'), z.literal('resident')]),
  action: z.string().min(1).max(60),
  subject: z.object({ type: z.enum(['listing', 'organisation', 'user', 'interest', 'region', 'location']), id: z.string().min(1) }),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

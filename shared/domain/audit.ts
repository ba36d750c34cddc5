import { z } from 'zod';
import { Email, Id } from './common.js';

/** Who did what to which thing, when. Written in the same transaction as the change itself. */
export const AuditEvent = z.object({
  id: Id,
  at: z.iso.datetime(),
  actor: z.union([Email, z.literal('system')]),
  action: z.string().min(1).max(60),
  subject: z.object({ type: z.enum(['listing', 'organisation', 'user', 'interest']), id: z.string().min(1) }),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

import { z } from 'zod';

/** Every kind of entry the access and audit log holds. */
export const AUDIT_TYPES = [
  'signin.success',
  'signin.failure',
  'signin.locked',
  'mfa.enroll.start',
  'mfa.enroll.done',
  'mfa.success',
  'mfa.failure',
  'mfa.recovery',
  'mfa.locked',
  'role.grant',
  'role.revoke',
  'session.revoke',
  'admin.access',
  'admin.refused',
  'data.refresh',
  'broadcast',
  'broadcast.refused',
  'user.delete',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditEntry {
  at: Date;
  type: AuditType;
  /** Who did it (a user id), when known. */
  actorId?: string;
  /** Whom or what it was done to (a user id, session id, indicator id). */
  targetId?: string;
  ip?: string;
  userAgent?: string;
  /** Small JSON-safe facts (a role, a reason); never secrets or codes. */
  details?: Record<string, string | number | boolean>;
}

export interface StoredAuditEntry extends AuditEntry {
  id: string;
}

export const auditQuerySchema = z.strictObject({
  type: z.enum(AUDIT_TYPES).optional(),
  /** Matches actorId or targetId. */
  userId: z.string().min(1).max(200).optional(),
  since: z.coerce.date().optional(),
  until: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/**
 * The append-only access and audit log: there is no update or delete of one entry; only `purgeBefore` drops whole
 * days past the retention period (AUDIT_RETENTION_DAYS).
 */
export interface AuditLogStore {
  readonly kind: 'memory' | 'sqlite' | 'mongo';
  append(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  search(query: AuditQuery): Promise<StoredAuditEntry[]>;
  /** Removes entries older than `before`; returns how many. */
  purgeBefore(before: Date): Promise<number>;
  init(): Promise<void>;
  close(): Promise<void>;
}

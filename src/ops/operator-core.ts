import { RiskXpertError } from '../errors.js';
import type { AuditEntry, AuditType } from './audit-log-store.js';
import type { Caller, OperatorsDeps } from './operator-types.js';
import type { Role } from './roles.js';

export const refuse = (message: string, reason: string, extra: Record<string, unknown> = {}) =>
  new RiskXpertError('UNAUTHORIZED', message, { details: { reason, ...extra } });

/** What every part of the operators shares: the clock, the effective role, the audit line and the lockout keys. */
export function createOperatorCore(deps: OperatorsDeps) {
  const now = deps.now ?? Date.now;
  const freshMs = deps.freshMfaMs ?? 5 * 60_000;
  const roleOf = async (userId: string): Promise<Role> =>
    deps.bootstrapAdmins.has(userId) ? 'admin' : deps.store.getRole(userId);
  const log = (type: AuditType, c: Partial<Caller>, more: Omit<AuditEntry, 'at' | 'type'> = {}) =>
    deps.audit.append({
      at: new Date(now()),
      type,
      ...(c.userId ? { actorId: c.userId } : {}),
      ...(c.ip ? { ip: c.ip } : {}),
      ...(c.userAgent ? { userAgent: c.userAgent } : {}),
      ...more,
    });
  const lockKeys = (c: Caller) => [`acct:${c.userId}`, ...(c.ip ? [`ip:${c.ip}`] : [])];
  return { deps, now, freshMs, roleOf, log, lockKeys };
}

export type OperatorCore = ReturnType<typeof createOperatorCore>;

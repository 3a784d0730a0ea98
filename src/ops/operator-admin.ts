import { RiskXpertError } from '../errors.js';
import type { OperatorCore } from './operator-core.js';
import type { SessionRecord } from './operator-store.js';
import type { Caller } from './operator-types.js';
import { requireRole, type Role } from './roles.js';

/** The admin's tools: roles (the bootstrap admins stay out of reach), erasure and sessions. */
export function adminOperations(core: OperatorCore) {
  const { deps, now, log } = core;
  return {
    /** Granted roles plus the bootstrap admins (who are never in the store). */
    async listRoles() {
      const stored = await deps.store.listRoles();
      const boot = [...deps.bootstrapAdmins]
        .filter((id) => !stored.some((r) => r.userId === id))
        .map((userId) => ({ userId, role: 'admin' as const, bootstrap: true }));
      return [...boot, ...stored.map((r) => ({ ...r, bootstrap: deps.bootstrapAdmins.has(r.userId) }))];
    },

    async setRole(c: Caller, targetUserId: string, role: Role): Promise<void> {
      requireRole(role);
      if (deps.bootstrapAdmins.has(targetUserId))
        throw new RiskXpertError('BAD_REQUEST', 'This admin comes from ADMIN_KAKAO_IDS; change that setting instead.');
      if (targetUserId === c.userId) throw new RiskXpertError('BAD_REQUEST', 'An admin cannot change their own role.');
      const before = await deps.store.getRole(targetUserId);
      await deps.store.setRole(targetUserId, role, new Date(now()));
      await log(role === 'user' ? 'role.revoke' : 'role.grant', c, {
        targetId: targetUserId,
        details: { from: before, to: role },
      });
    },

    /**
     * Erasing a user's data: their role is revoked (logged as role.revoke) and their two-factor enrollment removed.
     * Refused for an ADMIN_KAKAO_IDS admin before anything is touched (that setting makes them admin again).
     */
    async eraseOperatorData(c: Caller, userId: string): Promise<{ role: boolean; mfa: boolean }> {
      if (deps.bootstrapAdmins.has(userId))
        throw new RiskXpertError('BAD_REQUEST', 'This admin comes from ADMIN_KAKAO_IDS; remove them there first.');
      const before = await deps.store.getRole(userId);
      if (before !== 'user') {
        await deps.store.setRole(userId, 'user', new Date(now()));
        await log('role.revoke', c, { targetId: userId, details: { from: before, to: 'user', reason: 'erase' } });
      }
      return { role: before !== 'user', mfa: await deps.store.deleteMfa(userId) };
    },

    /** A user's sessions with whether each is still alive (its refresh-token family not revoked or expired). */
    async sessions(userId: string): Promise<(SessionRecord & { active: boolean })[]> {
      const at = new Date(now());
      const list = await deps.store.listSessions(userId);
      return Promise.all(
        list.map(async (s) => ({ ...s, active: await deps.refreshTokens.isFamilyActive(s.sessionId, at) })),
      );
    },

    /** Ends a session at once: its refresh tokens are revoked, so every access token of it fails the next check. */
    async revokeSession(c: Caller, sessionId: string, options: { anyUser: boolean }): Promise<void> {
      const s = await deps.store.getSession(sessionId);
      if (!s || (!options.anyUser && s.userId !== c.userId)) throw new RiskXpertError('NOT_FOUND', 'No such session.');
      await deps.refreshTokens.revokeFamily(sessionId, new Date(now()));
      await log('session.revoke', c, { targetId: s.userId, details: { sessionId } });
    },
  };
}

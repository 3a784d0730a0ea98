import { requireId } from '../store/store-input.js';
import type { MfaRecord, OperatorStore, RoleRecord, SessionRecord } from './operator-store.js';
import { requireRole } from './roles.js';

const clone = <T>(v: T): T => structuredClone(v);

/** The operator store of one process (tests, `STORE=memory`): same contract as SQLite and MongoDB. */
export function createMemoryOperatorStore(): OperatorStore {
  const roles = new Map<string, RoleRecord>();
  const mfa = new Map<string, MfaRecord>();
  const sessions = new Map<string, SessionRecord>();
  return {
    kind: 'memory',
    async getRole(userId) {
      return roles.get(requireId(userId, 'userId'))?.role ?? 'user';
    },
    async setRole(userId, role, at) {
      requireId(userId, 'userId');
      if (requireRole(role) === 'user') roles.delete(userId);
      else roles.set(userId, { userId, role, updatedAt: at });
    },
    async listRoles() {
      return [...roles.values()].map(clone).sort((a, b) => a.userId.localeCompare(b.userId));
    },
    async getMfa(userId) {
      const r = mfa.get(requireId(userId, 'userId'));
      return r ? clone(r) : undefined;
    },
    async putMfa(record) {
      requireId(record.userId, 'userId');
      mfa.set(record.userId, clone(record));
    },
    async enableMfa(userId, at) {
      const r = mfa.get(requireId(userId, 'userId'));
      if (r) r.enabledAt = at;
    },
    async claimStep(userId, step) {
      const r = mfa.get(requireId(userId, 'userId'));
      // Check and set with no await between: two concurrent claims cannot both win.
      if (!r || step <= r.lastStep) return false;
      r.lastStep = step;
      return true;
    },
    async deleteMfa(userId) {
      return mfa.delete(requireId(userId, 'userId'));
    },
    async takeRecoveryHash(userId, hash) {
      const r = mfa.get(requireId(userId, 'userId'));
      const i = r ? r.recoveryHashes.indexOf(requireId(hash, 'hash')) : -1;
      if (!r || i < 0) return false;
      r.recoveryHashes.splice(i, 1);
      return true;
    },
    async putSession(record) {
      requireId(record.sessionId, 'sessionId');
      requireId(record.userId, 'userId');
      sessions.set(record.sessionId, clone(record));
    },
    async getSession(sessionId) {
      const s = sessions.get(requireId(sessionId, 'sessionId'));
      return s ? clone(s) : undefined;
    },
    async listSessions(userId) {
      requireId(userId, 'userId');
      return [...sessions.values()]
        .filter((s) => s.userId === userId)
        .map(clone)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },
    async markSessionMfa(sessionId, at) {
      const s = sessions.get(requireId(sessionId, 'sessionId'));
      if (s) s.mfaAt = at;
    },
    async init() {},
    async close() {},
  };
}

import type { ConversationRecord, Store, UserRecord } from './store.js';

const clone = <T>(v: T): T => structuredClone(v);

/** The embedded store: same contract as MongoDB, kept in this process only. */
export function createMemoryStore(): Store {
  const conversations = new Map<string, ConversationRecord>();
  const users = new Map<string, UserRecord>();

  return {
    kind: 'memory',
    conversations: {
      async save(record) {
        if (!conversations.has(record.id)) conversations.set(record.id, clone(record));
      },
      async get(id) {
        const r = conversations.get(id);
        return r ? clone(r) : undefined;
      },
      async listByUser(userId, options = {}) {
        const limit = Math.max(0, Math.min(options.limit ?? 20, 100));
        return [...conversations.values()]
          .filter((c) => c.userId === userId)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
          .slice(0, limit)
          .map(clone);
      },
    },
    users: {
      async upsert(user) {
        const now = new Date();
        const existing = users.get(user.id);
        const record: UserRecord = {
          ...existing,
          ...user,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        users.set(user.id, record);
        return clone(record);
      },
      async get(id) {
        const r = users.get(id);
        return r ? clone(r) : undefined;
      },
    },
    async init() {},
    async ping() {
      return true;
    },
    async close() {},
  };
}

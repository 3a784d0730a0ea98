import { copyConversation } from './conversation-copy.js';
import type { ConversationRecord, Store, UserRecord } from './store.js';
import {
  historyLimit,
  optionalLocale,
  optionalText,
  requireConversation,
  requireId,
  requirePlatform,
} from './store-input.js';

// Copies in and out: callers must not be able to change stored records by mutating what they passed or got,
// exactly as with a real database.
const clone = <T>(v: T): T => structuredClone(v);

/** The embedded store: the same contract as MongoDB (same checks, same order), kept in this process only. */
export function createMemoryStore(options: { maxConversations?: number } = {}): Store {
  // Bounded: an embedded `serve` running for weeks must not grow without limit; the oldest conversations go first.
  const users = new Map<string, UserRecord>();

  return {
    kind: 'memory',
    conversations: memoryConversations(options.maxConversations ?? 10_000),
    users: {
      async upsert(user) {
        const id = requireId(user.id, 'id');
        const platform = requirePlatform(user.platform);
        const displayName = optionalText(user.displayName, 'displayName');
        const locale = optionalLocale(user.locale);
        const now = new Date();
        const existing = users.get(id);
        // A field left undefined keeps its stored value (as $set without it does in MongoDB).
        const record: UserRecord = {
          ...existing,
          id,
          platform,
          ...(displayName === undefined ? {} : { displayName }),
          ...(locale === undefined ? {} : { locale }),
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        users.set(id, record);
        return clone(record);
      },
      async get(id) {
        const r = users.get(requireId(id, 'id'));
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

/** Conversations in save order, at most `maxConversations` of them. */
function memoryConversations(maxConversations: number): Store['conversations'] {
  const conversations = new Map<string, ConversationRecord>();
  // Ids in the order saved, read from `oldest` on: deleting a Map's first entry and asking keys().next() again walks
  // every hole earlier deletes left (V8 compacts only on growth), which made each save O(evicted) once the store was full.
  let order: string[] = [];
  let oldest = 0;
  const evict = () => {
    while (conversations.size > maxConversations && oldest < order.length) conversations.delete(order[oldest++]!);
    if (oldest > maxConversations) {
      order = order.slice(oldest);
      oldest = 0;
    }
  };
  const keep = (record: ConversationRecord) => {
    if (conversations.has(record.id)) return;
    conversations.set(record.id, copyConversation(record));
    order.push(record.id);
    evict();
  };
  return {
    async save(record) {
      keep(requireConversation(record));
    },
    async saveMany(records) {
      // All or nothing, as in a database transaction: every record is checked before any is kept.
      for (const record of records) requireConversation(record);
      for (const record of records) keep(record);
    },
    async get(id) {
      const r = conversations.get(requireId(id, 'id'));
      return r ? copyConversation(r) : undefined;
    },
    async listByUser(userId, options = {}) {
      requireId(userId, 'userId');
      const limit = historyLimit(options.limit);
      return (
        [...conversations.values()]
          .filter((c) => c.userId === userId)
          // Same order as the MongoDB index { userId: 1, createdAt: -1, _id: -1 }.
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
          .slice(0, limit)
          .map(copyConversation)
      );
    },
    async deleteByUser(userId) {
      requireId(userId, 'userId');
      let n = 0;
      for (const [id, c] of conversations) if (c.userId === userId && conversations.delete(id)) n += 1;
      return n;
    },
  };
}

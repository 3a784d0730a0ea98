import {
  checkSubscriptionId,
  checkUserId,
  parseNewSubscription,
  quietHoursSchema,
  subscriptionId,
  type Subscription,
  type SubscriptionStore,
} from './subscription-store.js';

const copy = (s: Subscription): Subscription => structuredClone(s);

/** The embedded subscription store: the same contract as MongoDB, in this process. */
export function createMemorySubscriptionStore(options: { now?: () => Date } = {}): SubscriptionStore {
  const now = options.now ?? (() => new Date());
  const rows = new Map<string, Subscription>();
  return {
    async init() {},
    async add(input) {
      const s = parseNewSubscription(input);
      const id = subscriptionId(s);
      const before = rows.get(id);
      const row: Subscription = { ...s, id, active: true, createdAt: before?.createdAt ?? now() };
      rows.set(id, row);
      return copy(row);
    },
    async get(id) {
      const row = rows.get(checkSubscriptionId(id));
      return row ? copy(row) : undefined;
    },
    async getMany(ids) {
      const out = new Map<string, Subscription>();
      for (const id of ids) {
        const row = rows.get(checkSubscriptionId(id));
        if (row) out.set(id, copy(row));
      }
      return out;
    },
    async listByUser(userId) {
      checkUserId(userId);
      return [...rows.values()]
        .filter((s) => s.userId === userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .map(copy);
    },
    async listActiveByIndicator(indicatorId) {
      return [...rows.values()]
        .filter((s) => s.active && s.indicatorId === indicatorId)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(copy);
    },
    async remove(userId, id) {
      const row = rows.get(checkSubscriptionId(id));
      if (!row || row.userId !== checkUserId(userId)) return false;
      rows.delete(id);
      return true;
    },
    async deactivateUser(userId, reason) {
      checkUserId(userId);
      let n = 0;
      for (const s of rows.values()) {
        if (s.userId === userId && s.active) {
          s.active = false;
          s.deactivatedReason = reason;
          n += 1;
        }
      }
      return n;
    },
    async setQuietHours(userId, quietHours) {
      checkUserId(userId);
      const q = quietHours ? quietHoursSchema.parse(quietHours) : undefined;
      let n = 0;
      for (const s of rows.values()) {
        if (s.userId !== userId) continue;
        if (q) s.quietHours = q;
        else delete s.quietHours;
        n += 1;
      }
      return n;
    },
    async close() {},
  };
}

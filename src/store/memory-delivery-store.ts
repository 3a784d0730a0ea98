import { checkDeliveryKey, type DeliveryRecord, type DeliveryStore } from './delivery-store.js';

/** The embedded delivery ledger (one process only: a worker fleet needs the Redis or MongoDB one). */
export function createMemoryDeliveryStore(): DeliveryStore {
  const rows = new Map<string, DeliveryRecord>();
  return {
    async init() {},
    async claim(r) {
      const existing = rows.get(checkDeliveryKey(r.key));
      if (existing && !(existing.status === 'reserved' && existing.owner === r.owner))
        return { claimed: false, status: existing.status };
      rows.set(r.key, { ...r, status: 'reserved', updatedAt: new Date() });
      return { claimed: true };
    },
    async begin(keys) {
      for (const key of keys) {
        const row = rows.get(checkDeliveryKey(key));
        if (row?.status === 'reserved') rows.set(key, { ...row, status: 'sending', updatedAt: new Date() });
      }
    },
    async settle(key, status) {
      const row = rows.get(checkDeliveryKey(key));
      if (row) rows.set(key, { ...row, status, updatedAt: new Date() });
    },
    async release(key) {
      const status = rows.get(checkDeliveryKey(key))?.status;
      if (status === 'reserved' || status === 'sending') rows.delete(key);
    },
    async get(key) {
      const row = rows.get(checkDeliveryKey(key));
      return row ? { ...row } : undefined;
    },
    async close() {},
  };
}

import { RiskXpertError } from '../errors.js';
import { EVENT_KEY, type StoredThreatEvent, type ThreatEventStore } from './threat-event-store.js';

const key = (k: string) => {
  if (!EVENT_KEY.test(k)) throw new RiskXpertError('BAD_REQUEST', 'Not an event key.');
  return k;
};

/** The embedded threat event store: the same contract as MongoDB, in this process. */
export function createMemoryThreatEventStore(): ThreatEventStore {
  const rows = new Map<string, StoredThreatEvent>();
  return {
    async init() {},
    async record(event) {
      const existing = rows.get(key(event.key));
      if (existing) return structuredClone(existing);
      rows.set(event.key, structuredClone(event));
      return structuredClone(event);
    },
    async get(k) {
      const row = rows.get(key(k));
      return row ? structuredClone(row) : undefined;
    },
    async listByIndicator(indicatorId, limit) {
      return [...rows.values()]
        .filter((e) => e.indicatorId === indicatorId)
        .sort((a, b) => (a.date === b.date ? b.createdAt.getTime() - a.createdAt.getTime() : a.date < b.date ? 1 : -1))
        .slice(0, limit)
        .map((e) => structuredClone(e));
    },
    async close() {},
  };
}

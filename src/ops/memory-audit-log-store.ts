import type { AuditLogStore, AuditQuery, StoredAuditEntry } from './audit-log-store.js';

/** Shared by the memory store and tests: does one entry match a search. */
export function matchesAudit(e: StoredAuditEntry, q: AuditQuery): boolean {
  if (q.type && e.type !== q.type) return false;
  if (q.userId && e.actorId !== q.userId && e.targetId !== q.userId) return false;
  if (q.since && e.at < q.since) return false;
  if (q.until && e.at > q.until) return false;
  return true;
}

/** The audit log of one process (tests, STORE=memory), capped so it cannot grow without bound. */
export function createMemoryAuditLogStore(options: { maxEntries?: number } = {}): AuditLogStore {
  const max = options.maxEntries ?? 100_000;
  const entries: StoredAuditEntry[] = [];
  let seq = 0;
  return {
    kind: 'memory',
    async append(entry) {
      entries.push(structuredClone({ ...entry, id: String((seq += 1)) }));
      if (entries.length > max) entries.splice(0, entries.length - max);
    },
    async search(q) {
      const out: StoredAuditEntry[] = [];
      // Appended in time order, read newest first; ties keep the later append first.
      for (let i = entries.length - 1; i >= 0 && out.length < q.limit; i -= 1)
        if (matchesAudit(entries[i]!, q)) out.push(structuredClone(entries[i]!));
      return out.sort((a, b) => b.at.getTime() - a.at.getTime() || Number(b.id) - Number(a.id));
    },
    async purgeBefore(before) {
      const keep = entries.filter((e) => e.at >= before);
      const n = entries.length - keep.length;
      entries.splice(0, entries.length, ...keep);
      return n;
    },
    async init() {},
    async close() {},
  };
}

import { seriesVersion } from '../data/series-version.js';
import type { Point } from '../data/series.js';
import type { SeriesStatus, SeriesStore, StoredSeries } from './series-store.js';

/** The embedded series store: the same contract as MongoDB, in this process. */
export function createMemorySeriesStore(): SeriesStore {
  const data = new Map<string, Map<string, number>>();
  const meta = new Map<string, SeriesStatus & { updatedAt?: Date }>();

  function sorted(id: string): Point[] {
    return [...(data.get(id) ?? new Map<string, number>()).entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, value]) => ({ date, value }));
  }

  return {
    async upsert(indicatorId, points, m) {
      const rows = data.get(indicatorId) ?? new Map<string, number>();
      data.set(indicatorId, rows);
      let inserted = 0;
      let updated = 0;
      for (const p of points) {
        const old = rows.get(p.date);
        if (old === undefined) inserted += 1;
        else if (old !== p.value) updated += 1;
        rows.set(p.date, p.value);
      }
      const all = sorted(indicatorId);
      const version = seriesVersion(all);
      const before = meta.get(indicatorId);
      const at = m.at ?? new Date();
      meta.set(indicatorId, {
        ...before,
        indicatorId,
        points: all.length,
        version,
        firstDate: all[0]?.date,
        lastDate: all.at(-1)?.date,
        source: m.source,
        lastSuccessAt: at,
        updatedAt: before?.version === version ? before.updatedAt : at,
      });
      return { inserted, updated, version, changed: before?.version !== version };
    },
    async read(indicatorId): Promise<StoredSeries | undefined> {
      const m = meta.get(indicatorId);
      if (!m?.version || !data.get(indicatorId)?.size) return undefined;
      return {
        indicatorId,
        points: sorted(indicatorId),
        version: m.version,
        source: m.source ?? 'etl',
        updatedAt: m.updatedAt ?? new Date(0),
      };
    },
    async recordFailure(indicatorId, message, at = new Date()) {
      const before = meta.get(indicatorId);
      meta.set(indicatorId, { points: 0, ...before, indicatorId, lastErrorAt: at, lastError: message });
    },
    async status() {
      return [...meta.values()].map(({ updatedAt: _u, ...s }) => ({ ...s }));
    },
    async close() {},
  };
}

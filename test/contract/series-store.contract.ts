import { describe, expect, it } from 'vitest';
import type { SeriesStore } from '../../src/store/series-store.js';

let n = 0;
const indicator = () => `ser_${process.pid}_${Date.now() % 100_000}_${(n += 1)}`;
const days = (from: string, count: number, value: (i: number) => number) =>
  Array.from({ length: count }, (_, i) => ({
    date: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
    value: value(i),
  }));

/** One contract for every SeriesStore: memory and SQLite always, MongoDB when MONGODB_URL is set. */
export function describeSeriesStoreContract(name: string, make: () => Promise<SeriesStore>) {
  describe(`SeriesStore contract: ${name}`, () => {
    it('upserts idempotently per (indicator, date): counts new and changed rows; the same data again changes nothing', async () => {
      const store = await make();
      const id = indicator();
      const at = new Date(Date.UTC(2026, 5, 1));
      const first = await store.upsert(
        id,
        days('2026-01-01', 10, (i) => 100 + i),
        { source: 'fred:TEST', at },
      );
      expect(first).toMatchObject({ inserted: 10, updated: 0, changed: true });
      const again = await store.upsert(
        id,
        days('2026-01-01', 10, (i) => 100 + i),
        { source: 'fred:TEST', at: new Date(at.getTime() + 1_000) },
      );
      expect(again).toMatchObject({ inserted: 0, updated: 0, changed: false, version: first.version });
      const more = await store.upsert(id, [...days('2026-01-10', 1, () => 999.25), ...days('2026-01-11', 2, () => 5)], {
        source: 'fred:TEST',
        at: new Date(at.getTime() + 2_000),
      });
      expect(more).toMatchObject({ inserted: 2, updated: 1, changed: true });
      const read = (await store.read(id))!;
      expect(read.points).toHaveLength(12);
      expect(read.points[9]).toEqual({ date: '2026-01-10', value: 999.25 });
      expect(read.points.map((p) => p.date)).toEqual([...read.points.map((p) => p.date)].sort());
      expect(read).toMatchObject({ indicatorId: id, version: more.version, source: 'fred:TEST' });
      // updatedAt moves with the data version, not with every load.
      expect(read.updatedAt.getTime()).toBe(at.getTime() + 2_000);
    });

    it('reports status per indicator (points, range, last success) and keeps data when a load fails', async () => {
      const store = await make();
      const id = indicator();
      const at = new Date(Date.UTC(2026, 6, 1));
      await store.upsert(
        id,
        days('2025-12-30', 5, (i) => i * 0.5),
        { source: 'csv:x.csv', at },
      );
      await store.recordFailure(id, 'fred: PROVIDER_FAILED: 500', new Date(at.getTime() + 60_000));
      const s = (await store.status()).find((x) => x.indicatorId === id)!;
      expect(s).toMatchObject({
        points: 5,
        firstDate: '2025-12-30',
        lastDate: '2026-01-03',
        source: 'csv:x.csv',
        lastError: 'fred: PROVIDER_FAILED: 500',
      });
      expect(s.lastSuccessAt).toEqual(at);
      expect(s.lastErrorAt).toEqual(new Date(at.getTime() + 60_000));
      expect((await store.read(id))!.points).toHaveLength(5);
    });

    it('an indicator that only ever failed has a status line and no series', async () => {
      const store = await make();
      const id = indicator();
      await store.recordFailure(id, 'ecos: UNAUTHORIZED');
      expect(await store.read(id)).toBeUndefined();
      expect((await store.status()).find((x) => x.indicatorId === id)).toMatchObject({
        points: 0,
        lastError: 'ecos: UNAUTHORIZED',
      });
      expect(await store.read(indicator())).toBeUndefined();
    });
  });
}

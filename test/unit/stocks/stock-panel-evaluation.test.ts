import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateStockPanel,
  readStockFolder,
  readStockStore,
  stockPanelTable,
} from '../../../src/forecast/stock-panel-evaluation.js';
import { createMemorySeriesStore } from '../../../src/store/memory-series-store.js';
import { randomWalk } from '../../fakes/random-walk.js';

/** Month-end closes from January 1995 to December 2025 (a random walk: nothing should beat "no change" by much). */
function monthlyCsv(seed: number): string {
  const values = randomWalk(372, seed, 0.08, 30_000);
  const rows = values.map((v, i) => {
    const end = new Date(Date.UTC(1995, i + 1, 0)).toISOString().slice(0, 10);
    return `${end},${Math.round(v)}`;
  });
  return `date,value\n${rows.join('\n')}\n`;
}

describe('stock track record on a folder of stock-XXXXXX.csv files', () => {
  it('reads only stock files, scores every stock at 3/6/12 months from 2016 against the random walk, and prints a table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-stock-eval-'));
    await writeFile(join(dir, 'stock-005930.csv'), monthlyCsv(1));
    await writeFile(join(dir, 'stock-000660.csv'), monthlyCsv(2));
    await writeFile(join(dir, 'kospi.csv'), monthlyCsv(3));
    const series = await readStockFolder(dir);
    expect(series.map((s) => [s.name, s.family])).toEqual([
      ['stock:000660', 'equity'],
      ['stock:005930', 'equity'],
    ]);
    const result = evaluateStockPanel(series);
    expect(result.cells.map((c) => `${c.series} ${c.horizon}`)).toEqual([
      'stock:000660 3',
      'stock:000660 6',
      'stock:000660 12',
      'stock:005930 3',
      'stock:005930 6',
      'stock:005930 12',
    ]);
    // Origins are the month ends from 2016-01 whose h-step outcome is known by December 2025.
    expect(result.cells.map((c) => c.origins)).toEqual([117, 114, 108, 117, 114, 108]);
    // The equities family serves the random walk's median: the loss ratio stays near 1 on random walks.
    for (const c of result.cells) expect(c.ratio).toBeGreaterThan(0.9);
    for (const c of result.cells) expect(c.ratio).toBeLessThan(1.1);
    expect(result.interval[0]).toBeLessThanOrEqual(result.geoMean);
    expect(result.interval[1]).toBeGreaterThanOrEqual(result.geoMean);
    expect(stockPanelTable(result)).toMatch(/^\| series \| h \| origins \| WQL \/ naive \| cov80 \| naive cov80 \|\n/u);
  });

  it('says clearly when a folder has no stock files or too little history', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'rx-stock-eval-empty-'));
    await expect(readStockFolder(empty)).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
    const series = await readStockFolder(
      await (async () => {
        const d = await mkdtemp(join(tmpdir(), 'rx-stock-eval-short-'));
        await writeFile(join(d, 'stock-035720.csv'), 'date,value\n2025-01-31,100\n2025-02-28,101\n2025-03-31,99\n');
        return d;
      })(),
    );
    expect(() => evaluateStockPanel(series)).toThrow(/No stock has a scored origin from 2016-01/u);
    const mixed = [
      ...(await readStockFolder(
        await (async () => {
          const d = await mkdtemp(join(tmpdir(), 'rx-stock-eval-mixed-'));
          await writeFile(join(d, 'stock-005930.csv'), monthlyCsv(4));
          return d;
        })(),
      )),
      ...series,
    ];
    const result = evaluateStockPanel(mixed, { horizons: [3] });
    expect(result.skipped).toEqual(['stock:035720']);
    expect(stockPanelTable(result)).toMatch(
      /Not scored \(too little history before the first origin\): stock:035720\./u,
    );
  });
});

describe('stock track record on the stocks the ETL loaded', () => {
  it('reads every stock:<code> series of the store (and nothing else) as a monthly equity series', async () => {
    const store = createMemorySeriesStore();
    const daily = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
        value: 100 + i,
      }));
    await store.upsert('stock:005930', daily(400), { source: 'kis:005930' });
    await store.upsert('kospi', daily(400), { source: 'kis:0001' });
    await store.recordFailure('stock:123456', 'PROVIDER_FAILED');
    const series = await readStockStore(store);
    expect(series.map((s) => s.name)).toEqual(['stock:005930']);
    expect(series[0]!.monthly.at(-1)).toEqual({ date: '2021-02-28', value: 499 });
    await expect(readStockStore(createMemorySeriesStore())).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
  });
});

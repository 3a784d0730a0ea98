import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDate, readCsvSeries } from '../../src/data/read-csv-series.js';
import { addMonthsToMonthEnd, monthEnd, monthsBetween, resampleMonthEnd } from '../../src/data/resample.js';
import { createCsvDirectoryRepository } from '../../src/data/csv-directory-repository.js';
import { createSampleRepository } from '../../src/data/sample-repository.js';
import { createCompositeRepository } from '../../src/data/composite-repository.js';

describe('parseDate', () => {
  it.each([
    ['2024-01-31', '2024-01-31'],
    ['2024-1-5', '2024-01-05'],
    ['2024-02', '2024-02-01'],
    ['2024/2/29', '2024-02-29'],
    ['20240131', '2024-01-31'],
    ['202401', '2024-01-01'],
    ['Jan 1 2000', '2000-01-01'],
    ['Feb 29, 2000', '2000-02-29'],
    ['2024-01-31T00:00:00Z', '2024-01-31'],
  ])('%s', (raw, iso) => expect(parseDate(raw)).toBe(iso));

  it.each(['Ticker', 'Date', '', '2023-02-30', '2024-13-01', 'yesterday'])('rejects %j', (raw) =>
    expect(parseDate(raw)).toBeUndefined(),
  );
});

describe('readCsvSeries', () => {
  it('reads the yfinance 3-line header with a BOM and skips the extra header rows', () => {
    const text =
      '\ufeffPrice,Close,High\nTicker,^KS11,^KS11\nDate,,\n1990-01-03,908.59,909.72\n1990-01-04,928.82,933.24\n';
    const r = readCsvSeries(text, { dateCol: 'Price', valueCol: 'Close' });
    expect(r.points).toEqual([
      { date: '1990-01-03', value: 908.59 },
      { date: '1990-01-04', value: 928.82 },
    ]);
    expect(r.skipped).toBe(2);
  });

  it('treats blanks and "." as missing (FRED holidays), sorts, and keeps the last of a repeated date', () => {
    const text =
      'observation_date,DEXKOUS\n2024-01-03,1300.5\n2024-01-01,\n2024-01-02,.\n2024-01-03,1301.0\n2023-12-29,1288\n';
    const r = readCsvSeries(text, { dateCol: 'observation_date', valueCol: 'DEXKOUS' });
    expect(r.points).toEqual([
      { date: '2023-12-29', value: 1288 },
      { date: '2024-01-03', value: 1301 },
    ]);
    expect(r.missing).toBe(2);
  });

  it('filters long-format files by a column', () => {
    const text = 'Country,Date,Interest Rate\nCZ,2000-01,5.25\nKR,2000-01,4.75\nKR,2000-02,5.0\n';
    const r = readCsvSeries(text, {
      dateCol: 'Date',
      valueCol: 'Interest Rate',
      filter: { col: 'Country', equals: 'KR' },
    });
    expect(r.points.map((p) => p.value)).toEqual([4.75, 5]);
  });

  it('names the missing columns', () => {
    expect(() => readCsvSeries('a,b\n1,2\n', { dateCol: 'date', valueCol: 'value' })).toThrow(
      /missing column\(s\) date, value/u,
    );
  });
});

describe('month-end resampling', () => {
  it('keeps the last observation of each month at the month end', () => {
    const out = resampleMonthEnd([
      { date: '2024-01-02', value: 1 },
      { date: '2024-01-31', value: 2 },
      { date: '2024-02-01', value: 3 },
      { date: '2024-02-28', value: 4 },
      { date: '2024-03-01', value: 5 },
    ]);
    expect(out).toEqual([
      { date: '2024-01-31', value: 2 },
      { date: '2024-02-29', value: 4 },
      { date: '2024-03-31', value: 5 },
    ]);
  });

  it('does month arithmetic across years and leap years', () => {
    expect(monthEnd('2023-02-10')).toBe('2023-02-28');
    expect(addMonthsToMonthEnd('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonthsToMonthEnd('2024-01-31', 24)).toBe('2026-01-31');
    expect(monthsBetween('2023-11-30', '2024-02-29')).toBe(3);
  });
});

describe('series repositories', () => {
  it('reads an indicator from a data directory laid out like the shared data folder, and notices file changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-data-'));
    await writeFile(join(dir, 'gold_monthly.csv'), 'Date,Price\n2024-01,2000\n2024-02,2050\n');
    const repo = createCsvDirectoryRepository({ dir });
    const first = await repo.get('gold');
    expect(first.points).toHaveLength(2);
    expect(first.sample).toBe(false);
    expect(await repo.available()).toEqual(['gold']);

    await writeFile(join(dir, 'gold_monthly.csv'), 'Date,Price\n2024-01,2000\n2024-02,2050\n2024-03,2100\n');
    // a changed file, stated outright rather than waited for: a later mtime (the size differs too)
    await utimes(join(dir, 'gold_monthly.csv'), new Date(), new Date(Date.now() + 60_000));
    const second = await repo.get('gold');
    expect(second.points).toHaveLength(3);
    expect(second.version).not.toBe(first.version);

    await expect(repo.get('kospi')).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
  });

  it('falls back to the simple <id>.csv convention', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-data-'));
    await writeFile(join(dir, 'kosdaq.csv'), 'date,value\n2024-01-31,800\n2024-02-29,810\n');
    const s = await createCsvDirectoryRepository({ dir }).get('kosdaq');
    expect(s.points.at(-1)).toEqual({ date: '2024-02-29', value: 810 });
  });

  it('serves the offline S&P 500 sample from vega-datasets, labelled as such', async () => {
    const s = await createSampleRepository().get('sp500');
    expect(s.sample).toBe(true);
    expect(s.source).toMatch(/offline sample/u);
    expect(s.points.length).toBeGreaterThan(5000);
    expect(s.points[0]!.date).toBe('2000-01-03');
    expect(s.points.at(-1)!.date).toBe('2020-04-17');
  });

  it('composite asks live data first and the sample last', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rx-data-'));
    await writeFile(join(dir, 'sp500.csv'), 'date,value\n2024-01-31,4800\n2024-02-29,5000\n');
    const repo = createCompositeRepository([createCsvDirectoryRepository({ dir }), createSampleRepository()]);
    expect((await repo.get('sp500')).sample).toBe(false);
    const empty = createCompositeRepository([
      createCsvDirectoryRepository({ dir: join(dir, 'nope') }),
      createSampleRepository(),
    ]);
    expect((await empty.get('sp500')).sample).toBe(true);
    await expect(empty.get('kospi')).rejects.toMatchObject({ code: 'SERIES_NOT_FOUND' });
    expect(await empty.available()).toEqual(['sp500']);
  });
});

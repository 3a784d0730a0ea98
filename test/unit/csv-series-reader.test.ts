import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDateColumn, readSeriesCsv, readSeriesFromCsvText } from '../../src/forecast/csv-series-reader.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'riskxpert-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
}

describe('CSV series reader', () => {
  it('reads a yfinance file: BOM, 3 header lines, the date column found without being named', async () => {
    const path = await fixture(
      'kospi.csv',
      '\ufeffPrice,Close,High,Low,Open,Volume\nTicker,^KS11,^KS11,^KS11,^KS11,^KS11\nDate,,,,,\n' +
        '1990-01-03,908.59,909.72,895.35,899.0,0\n1990-01-04,928.82,933.24,913.24,914.48,0\n1990-01-05,919.0,927.5,915.1,925.0,0\n',
    );
    const r = await readSeriesCsv(path, { valueCol: 'Close' });
    expect(r.dateCol).toBe('Price');
    expect(r.skipped).toBe(2); // the "Ticker" and "Date" rows
    expect(r.points).toEqual([
      { date: '1990-01-03', value: 908.59 },
      { date: '1990-01-04', value: 928.82 },
      { date: '1990-01-05', value: 919 },
    ]);
  });

  it('treats blanks and "." as missing (FRED holidays)', async () => {
    const path = await fixture(
      'fred.csv',
      'observation_date,DEXKOUS\n2024-01-01,\n2024-01-02,1300.5\n2024-01-03,.\n2024-01-04, \n2024-01-05,1310.25\n',
    );
    const r = await readSeriesCsv(path, { valueCol: 'DEXKOUS' });
    expect(r.missing).toBe(3);
    expect(r.points.map((p) => p.value)).toEqual([1300.5, 1310.25]);
  });

  it.each([
    ['YYYY-MM', 'Date,Price\n2024-01,2000.5\n2024-02,2010\n', ['2024-01-01', '2024-02-01']],
    ['YYYY-MM-DD', 'Date,Price\n2024-01-31,1\n2024-02-29,2\n', ['2024-01-31', '2024-02-29']],
    ['Mon D YYYY', 'date,price\nJan 1 2000,1394.46\nFeb 1 2000,1366.42\n', ['2000-01-01', '2000-02-01']],
    ['YYYY/M/D', 'date,price\n2006/8/16,0.75\n2006/8/17,0.76\n', ['2006-08-16', '2006-08-17']],
  ])('parses %s dates', (_label, text, dates) => {
    expect(
      readSeriesFromCsvText(text, { valueCol: text.startsWith('Date') ? 'Price' : 'price' }).points.map((p) => p.date),
    ).toEqual(dates);
  });

  it('finds the date column when it is not first, and honours an explicit --date-col', () => {
    const text = 'id,value,when\na,1,2024-01-05\nb,2,2024-01-06\nc,3,2024-01-08\n';
    expect(
      detectDateColumn([
        ['id', 'value', 'when'],
        ['a', '1', '2024-01-05'],
        ['b', '2', 'x'],
      ]),
    ).toBe(2);
    expect(readSeriesFromCsvText(text, { valueCol: 'value' }).dateCol).toBe('when');
    expect(readSeriesFromCsvText(text, { valueCol: 'value', dateCol: 'when' }).points).toHaveLength(3);
  });

  it('resamples to month ends and week ends, keeping the last observation of each period', () => {
    const text =
      'Date,Price\n2024-01-30,10\n2024-01-31,11\n2024-02-01,12\n2024-02-28,13\n2024-03-04,14\n2024-03-08,15\n2024-03-11,16\n';
    const m = readSeriesFromCsvText(text, { valueCol: 'Price', resample: 'M' });
    expect(m.points).toEqual([
      { date: '2024-01-31', value: 11 },
      { date: '2024-02-29', value: 13 },
      { date: '2024-03-31', value: 16 },
    ]);
    expect(m.observations).toBe(7);
    // weeks end on Sunday: Jan 30/31 and Feb 1 fall in the week ending Feb 4
    const w = readSeriesFromCsvText(text, { valueCol: 'Price', resample: 'W' });
    expect(w.points).toEqual([
      { date: '2024-02-04', value: 12 },
      { date: '2024-03-03', value: 13 },
      { date: '2024-03-10', value: 15 },
      { date: '2024-03-17', value: 16 },
    ]);
  });

  it('sorts by date and keeps the last of a repeated date', () => {
    const r = readSeriesFromCsvText('Date,Price\n2024-01-03,3\n2024-01-01,1\n2024-01-03,4\n', { valueCol: 'Price' });
    expect(r.points).toEqual([
      { date: '2024-01-01', value: 1 },
      { date: '2024-01-03', value: 4 },
    ]);
  });

  it('fails with typed errors: no such column, no date column, no values, unreadable file', async () => {
    expect(() => readSeriesFromCsvText('Date,Price\n2024-01-01,1\n', { valueCol: 'Close' })).toThrow(
      expect.objectContaining({ code: 'SERIES_INVALID' }),
    );
    expect(() => readSeriesFromCsvText('a,b\nx,1\ny,2\n', { valueCol: 'b' })).toThrow(/no column of dates/u);
    expect(() => readSeriesFromCsvText('Date,Price\n2024-01-01,.\n', { valueCol: 'Price' })).toThrow(
      /no dated numeric values/u,
    );
    await expect(readSeriesCsv(join(dir, 'missing.csv'), { valueCol: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { parseDate, readCsvSeries } from '../data/read-csv-series.js';
import { resampleMonthEnd, resampleWeekEnd } from '../data/resample.js';
import type { Point } from '../data/series.js';
import { RiskXpertError } from '../errors.js';

export interface CsvSeriesReadOptions {
  valueCol: string;
  /** Default: the first column where most values parse as dates. */
  dateCol?: string;
  /** Month ends (M) or week ends (W, Sunday), keeping the last observation of each period. */
  resample?: 'M' | 'W';
}

export interface CsvSeriesRead {
  points: Point[];
  dateCol: string;
  valueCol: string;
  /** Observations before resampling. */
  observations: number;
  /** Rows whose value was blank or "." (FRED holidays). */
  missing: number;
  /** Rows whose date did not parse (extra header lines such as yfinance's "Ticker" and "Date" rows). */
  skipped: number;
}

/**
 * The first column in which at least half of the non-empty cells below the header parse as dates. Header
 * lines that are not dates (yfinance's) are a small minority in any real file, so they do not mislead it.
 */
export function detectDateColumn(rows: readonly (readonly string[])[]): number {
  const header = rows[0] ?? [];
  for (let c = 0; c < header.length; c += 1) {
    let filled = 0;
    let dates = 0;
    for (let r = 1; r < rows.length; r += 1) {
      const cell = rows[r]![c]?.trim() ?? '';
      if (cell === '') continue;
      filled += 1;
      if (parseDate(cell)) dates += 1;
    }
    if (dates > 0 && dates * 2 >= filled) return c;
  }
  return -1;
}

/**
 * Reads one dated series from any CSV text: BOM, extra header lines, blanks and "." as missing, dates as
 * YYYY-MM, YYYY-MM-DD, YYYY/M/D, YYYYMMDD or "Mon D YYYY" (parsing is src/data/read-csv-series.ts's), then
 * optional resampling. Throws SERIES_INVALID when a column is missing or nothing usable is left.
 */
export function readSeriesFromCsvText(text: string, options: CsvSeriesReadOptions, label = 'CSV'): CsvSeriesRead {
  let dateCol = options.dateCol;
  if (dateCol === undefined) {
    let rows: string[][];
    try {
      rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
    } catch (err) {
      throw new RiskXpertError('SERIES_INVALID', `${label}: not valid CSV (${(err as Error).message})`, { cause: err });
    }
    const idx = detectDateColumn(rows);
    if (idx < 0)
      throw new RiskXpertError('SERIES_INVALID', `${label}: no column of dates found; name one with --date-col.`);
    dateCol = rows[0]![idx]!;
  }
  const read = readCsvSeries(text, { dateCol, valueCol: options.valueCol }, label);
  if (read.points.length === 0) {
    throw new RiskXpertError(
      'SERIES_INVALID',
      `${label}: no dated numeric values in column ${options.valueCol} (${read.missing} missing, ${read.skipped} undated rows).`,
    );
  }
  const points =
    options.resample === 'M'
      ? resampleMonthEnd(read.points)
      : options.resample === 'W'
        ? resampleWeekEnd(read.points)
        : read.points;
  return {
    points,
    dateCol,
    valueCol: options.valueCol,
    observations: read.points.length,
    missing: read.missing,
    skipped: read.skipped,
  };
}

export async function readSeriesCsv(path: string, options: CsvSeriesReadOptions): Promise<CsvSeriesRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new RiskXpertError('BAD_REQUEST', `Cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  return readSeriesFromCsvText(text, options, path);
}

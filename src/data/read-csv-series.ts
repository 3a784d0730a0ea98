import { parse } from 'csv-parse/sync';
import { RiskXpertError } from '../errors.js';
import type { Point } from './series.js';

const MONTHS: Record<string, string> = {
  jan: '01',
  feb: '02',
  mar: '03',
  apr: '04',
  may: '05',
  jun: '06',
  jul: '07',
  aug: '08',
  sep: '09',
  oct: '10',
  nov: '11',
  dec: '12',
};

/**
 * Parses the date spellings found in real financial CSVs into YYYY-MM-DD:
 * 2024-01-31, 2024-01 (month), 2024/1/31, 20240131 (ECOS, KIS), "Jan 31 2024" (vega-datasets).
 * Returns undefined for anything else, so stray header lines (yfinance's "Ticker,...") are skipped.
 */
export function parseDate(raw: string): string | undefined {
  const s = raw.trim();
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  let match =
    /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ].*)?$/u.exec(s) ?? /^(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?(?: .*)?$/u.exec(s);
  if (match) [, y, m, d] = match;
  else if ((match = /^(\d{4})(\d{2})(\d{2})?$/u.exec(s))) [, y, m, d] = match;
  else if ((match = /^([A-Za-z]{3})[a-z]* (\d{1,2}),? (\d{4})$/u.exec(s))) {
    y = match[3];
    m = MONTHS[match[1]!.toLowerCase()];
    d = match[2];
  }
  if (!y || !m) return undefined;
  const month = m.padStart(2, '0');
  const day = (d ?? '1').padStart(2, '0');
  const iso = `${y}-${month}-${day}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) return undefined;
  return iso;
}

export interface CsvSeriesSpec {
  /** Column holding the date; defaults to the first column. */
  dateCol?: string;
  valueCol: string;
  filter?: { col: string; equals: string };
  /** Divide by the series where `divideBy` matches, on common dates, times `scale` (a cross rate). */
  cross?: { divideBy: { col: string; equals: string }; scale: number };
}

export interface CsvSeriesResult {
  points: Point[];
  /** Rows skipped because the value was blank or "." (holidays in FRED exports). */
  missing: number;
  /** Rows whose date did not parse (extra header lines). */
  skipped: number;
}

/**
 * Reads one series from CSV text. Sorted ascending; a repeated date keeps the last row, because
 * providers append corrections. Throws SERIES_INVALID when the columns are not there.
 */
export function readCsvSeries(text: string, spec: CsvSeriesSpec, label = 'CSV'): CsvSeriesResult {
  const rows = parseRows(text, label);
  const { cross, ...single } = spec;
  if (cross) return readCrossSeries(rows, single, cross, label);
  return readOneSeries(rows, spec, label);
}

function parseRows(text: string, label: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    throw new RiskXpertError('SERIES_INVALID', `${label}: not valid CSV (${(err as Error).message})`, { cause: err });
  }
}

/** Dates where either side is missing are left out rather than carried over: a cross rate is quoted on both. */
function readCrossSeries(
  rows: string[][],
  single: CsvSeriesSpec,
  cross: NonNullable<CsvSeriesSpec['cross']>,
  label: string,
): CsvSeriesResult {
  // Both sides from one parse of the file.
  const base = readOneSeries(rows, single, label);
  const over = readOneSeries(rows, { ...single, filter: cross.divideBy }, label);
  const divisor = new Map(over.points.map((p) => [p.date, p.value]));
  const points: Point[] = [];
  let missing = base.missing;
  for (const p of base.points) {
    const d = divisor.get(p.date);
    if (d === undefined || !(d > 0)) missing += 1;
    else points.push({ date: p.date, value: (p.value / d) * cross.scale });
  }
  return { points, missing, skipped: base.skipped };
}

function readOneSeries(rows: string[][], spec: CsvSeriesSpec, label: string): CsvSeriesResult {
  const header = rows[0];
  if (!header) throw new RiskXpertError('SERIES_INVALID', `${label}: empty file`);
  const col = (name: string) => header.findIndex((h) => h === name);
  const dateIdx = spec.dateCol === undefined ? 0 : col(spec.dateCol);
  const valueIdx = col(spec.valueCol);
  const filterIdx = spec.filter ? col(spec.filter.col) : -1;
  const missingCols = [
    dateIdx < 0 ? spec.dateCol : undefined,
    valueIdx < 0 ? spec.valueCol : undefined,
    spec.filter && filterIdx < 0 ? spec.filter.col : undefined,
  ].filter(Boolean);
  if (missingCols.length > 0) {
    throw new RiskXpertError(
      'SERIES_INVALID',
      `${label}: missing column(s) ${missingCols.join(', ')}; found ${header.join(', ')}`,
    );
  }

  const byDate = new Map<string, number>();
  let missing = 0;
  let skipped = 0;
  for (let i = 1; i < rows.length; i += 1) {
    const row = rows[i]!;
    if (spec.filter && row[filterIdx] !== spec.filter.equals) continue;
    const date = parseDate(row[dateIdx] ?? '');
    if (!date) {
      skipped += 1;
      continue;
    }
    const raw = (row[valueIdx] ?? '').replace(/,/gu, '');
    const value = raw === '' || raw === '.' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) {
      missing += 1;
      continue;
    }
    byDate.set(date, value);
  }
  const points = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, value]) => ({ date, value }));
  return { points, missing, skipped };
}

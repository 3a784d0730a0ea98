import { RiskXpertError } from '../../errors.js';
import { parseDate } from '../read-csv-series.js';
import type { Point } from '../series.js';

export interface ProviderRequest {
  /** The provider's own name for the series: a FRED id, an ECOS path, a KIS code, a catalog id for CSV. */
  symbol: string;
  /** Inclusive ISO dates (YYYY-MM-DD). Absent: as far back / as recent as the provider has. */
  from?: string;
  to?: string;
}

export interface ProviderFetchOptions {
  signal?: AbortSignal;
}

/**
 * The port every data provider implements (structurally the same as the ETL's PointSource).
 * Returns points sorted ascending, validated, and within [from, to]; never a partial series: a fetch either
 * returns everything it was asked for or throws a RiskXpertError (PROVIDER_FAILED, RATE_LIMITED, UNAUTHORIZED,
 * SERIES_INVALID, ABORTED).
 */
export interface SeriesProvider {
  readonly id: string;
  fetch(request: ProviderRequest, options?: ProviderFetchOptions): Promise<Point[]>;
}

/**
 * The latest calendar date anywhere on Earth (UTC+14): a KST bar dated "today" is never taken for a future
 * date on a UTC machine, while tomorrow's date still is.
 */
export function latestCalendarDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * What every provider does before returning: real calendar dates, finite numbers, no date twice, nothing in the
 * future; sorted ascending and cut to [from, to]. Throws SERIES_INVALID instead of silently repairing, because a
 * duplicate from a provider means paging went wrong or a symbol matched more than one series.
 */
export function validatePoints(
  points: readonly Point[],
  options: { label: string; from?: string | undefined; to?: string | undefined; today?: string },
): Point[] {
  const today = options.today ?? latestCalendarDate();
  const seen = new Set<string>();
  for (const p of points) {
    if (typeof p.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/u.test(p.date) || parseDate(p.date) !== p.date) {
      throw new RiskXpertError('SERIES_INVALID', `${options.label}: invalid date ${JSON.stringify(p.date)}.`);
    }
    if (typeof p.value !== 'number' || !Number.isFinite(p.value)) {
      throw new RiskXpertError('SERIES_INVALID', `${options.label}: non-finite value on ${p.date}.`);
    }
    if (p.date > today) throw new RiskXpertError('SERIES_INVALID', `${options.label}: future date ${p.date}.`);
    if (seen.has(p.date)) throw new RiskXpertError('SERIES_INVALID', `${options.label}: date ${p.date} appears twice.`);
    seen.add(p.date);
  }
  return points
    .filter(
      (p) =>
        (options.from === undefined || p.date >= options.from) && (options.to === undefined || p.date <= options.to),
    )
    .map((p) => ({ date: p.date, value: p.value }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Checks a request's dates up front, so a typo is a BAD_REQUEST rather than an empty answer. */
export function checkRequest(request: ProviderRequest, label: string): void {
  if (!request.symbol || typeof request.symbol !== 'string')
    throw new RiskXpertError('BAD_REQUEST', `${label}: a symbol is required.`);
  for (const [name, value] of [
    ['from', request.from],
    ['to', request.to],
  ] as const) {
    if (value !== undefined && parseDate(value) !== value) {
      throw new RiskXpertError('BAD_REQUEST', `${label}: ${name} must be YYYY-MM-DD, got ${JSON.stringify(value)}.`);
    }
  }
  if (request.from && request.to && request.from > request.to) {
    throw new RiskXpertError('BAD_REQUEST', `${label}: from ${request.from} is after to ${request.to}.`);
  }
}

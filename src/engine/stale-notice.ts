import type { Series } from '../data/series.js';
import { isStale } from '../data/staleness.js';
import type { Locale } from '../locale.js';
import { t } from '../messages/t.js';
import { asOfText } from '../narrate/time-framing.js';
import type { StaleData } from './answer-types.js';

/**
 * The last point when it is older than its frequency allows, with its age in days and why: data from the ETL's
 * store means newer loads failed; a CSV folder or the offline sample just ends there.
 */
export function staleDataOf(
  series: Pick<Series, 'points' | 'frequency' | 'sample' | 'origin'>,
  now: number,
): StaleData | undefined {
  const last = series.points[series.points.length - 1];
  if (!last || !isStale(series.frequency, last.date, now)) return undefined;
  const origin = series.origin ?? (series.sample ? 'sample' : 'store');
  return {
    lastDate: last.date,
    ageDays: Math.max(0, Math.floor((now - Date.parse(`${last.date}T00:00:00Z`)) / 86_400_000)),
    reason: origin === 'store' ? 'load-failed' : 'data-ends',
  };
}

/**
 * The first sentence of every answer on old data, whatever narrator wrote the rest: the user must know the answer
 * stands on data of that date rather than on today's numbers, and whether something failed.
 */
export function staleNotice(locale: Locale, stale: StaleData, frequency: 'D' | 'W' | 'M' = 'D'): string {
  const params = { date: asOfText(frequency, stale.lastDate, locale), ageDays: stale.ageDays.toLocaleString('en-US') };
  return t(locale, stale.reason === 'load-failed' ? 'stale.loadFailed' : 'stale.dataEnds', params);
}

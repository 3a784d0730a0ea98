import type { Series } from '../data/series.js';
import { isStale } from '../data/staleness.js';
import type { Locale } from '../locale.js';
import type { StaleData } from './answer-types.js';

/** The last point of live (non-sample) data when it is older than its frequency allows, with its age in days. */
export function staleDataOf(series: Pick<Series, 'points' | 'frequency' | 'sample'>, now: number): StaleData | undefined {
  const last = series.points[series.points.length - 1];
  if (series.sample || !last || !isStale(series.frequency, last.date, now)) return undefined;
  return { lastDate: last.date, ageDays: Math.max(0, Math.floor((now - Date.parse(`${last.date}T00:00:00Z`)) / 86_400_000)) };
}

/**
 * One plain sentence after the summary, whatever narrator wrote it: a provider that keeps failing leaves the
 * last good data in the store, and the user must know the answer stands on it rather than on today's numbers.
 */
export function staleNotice(locale: Locale, stale: StaleData): string {
  return locale === 'ko'
    ? `자료 기준일 ${stale.lastDate}, ${stale.ageDays}일 전 — 최신 데이터를 불러오지 못해 마지막으로 받은 자료로 답했습니다.`
    : `Data as of ${stale.lastDate}, ${stale.ageDays} days ago: the latest data could not be loaded, so this answer uses the last data received.`;
}

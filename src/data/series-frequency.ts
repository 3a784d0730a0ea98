import type { Point } from './series.js';

/**
 * Whether a history is daily: the median gap between its last 60 dates is at most 4 calendar days (a weekend plus a
 * holiday). Gold's monthly series has ~30, a weekly one 7; a daily one stays daily however short its history.
 */
export function hasDailyPrices(points: readonly Point[]): boolean {
  const recent = points.slice(-61);
  if (recent.length < 2) return true;
  const gaps = recent.slice(1).map((p, i) => (Date.parse(p.date) - Date.parse(recent[i]!.date)) / 86_400_000);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]! <= 4;
}

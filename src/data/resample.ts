import type { Point } from './series.js';

/** Last calendar day of the month of an ISO date (YYYY-MM-DD or YYYY-MM). */
export function monthEnd(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${isoDate.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** Month end `n` months after the month of `isoDate`. */
export function addMonthsToMonthEnd(isoDate: string, n: number): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(year, month + 1, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * Month-end resampling: the last observation of each calendar month, dated at the month end.
 * A monthly series stamped on the 1st (FRED, Shiller) maps onto the end of that same month, so daily and
 * monthly sources line up. Input must be sorted ascending.
 */
export function resampleMonthEnd(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const date = monthEnd(p.date);
    const last = out[out.length - 1];
    if (last && last.date === date) last.value = p.value;
    else out.push({ date, value: p.value });
  }
  return out;
}

/** Whole months between the months of two ISO dates (b - a). */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + (Number(b.slice(5, 7)) - Number(a.slice(5, 7)));
}

/** Week-end resampling: the last observation of each ISO week (Monday..Sunday), dated at its Sunday. */
export function resampleWeekEnd(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const t = Date.parse(`${p.date}T00:00:00Z`);
    const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
    const date = new Date(t + (6 - dow) * 86_400_000).toISOString().slice(0, 10);
    const last = out[out.length - 1];
    if (last && last.date === date) last.value = p.value;
    else out.push({ date, value: p.value });
  }
  return out;
}

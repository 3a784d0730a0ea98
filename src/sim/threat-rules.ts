import { createHash } from 'node:crypto';
import { hasDailyPrices } from '../data/series-frequency.js';
import type { Point } from '../data/series.js';

export type ThreatRule =
  | { kind: 'drawdown'; lookbackDays: number; thresholdPct: number }
  | { kind: 'move'; period: 'day' | 'month'; thresholdPct: number }
  | { kind: 'volatility-spike'; windowDays: number; historyDays: number; zScore: number }
  | { kind: 'forecast-lower-band'; threshold: number }
  | { kind: 'stop-loss'; averagePrice: number; thresholdPct: number }
  | { kind: 'take-profit'; averagePrice: number; thresholdPct: number }
  | { kind: 'news' };

export interface ThreatEvent {
  rule: ThreatRule['kind'];
  indicatorId: string;
  /** Date of the observation (or forecast month) that crossed the rule. */
  date: string;
  value: number;
  /** The measured quantity (drawdown %, move %, z-score, ...). */
  measure: number;
  /**
   * Deterministic: the same crossing of the same rule for the same subscription always has the same key, so a
   * retried or duplicated evaluation can never notify twice.
   */
  dedupKey: string;
}

const pct = (a: number, b: number) => ((a - b) / Math.abs(b)) * 100;
/** The longest gap a "day's move" may span: a weekend and the longest Korean holidays (Chuseok, Seollal). */
const MAX_DAY_GAP_MS = 10 * 86_400_000;

const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export function dedupKey(subscriptionId: string, rule: ThreatRule, indicatorId: string, date: string): string {
  return createHash('sha256')
    .update(JSON.stringify([subscriptionId, rule, indicatorId, date]))
    .digest('hex')
    .slice(0, 32);
}

function logReturns(points: readonly Point[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1]!.value;
    const b = points[i]!.value;
    out.push(a > 0 && b > 0 ? Math.log(b / a) : (b - a) / Math.max(Math.abs(a), 1e-9));
  }
  return out;
}

function stdev(xs: readonly number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(xs.length - 1, 1));
}

/**
 * Evaluates one rule on an indicator's (daily or monthly) history, and optionally its forecast's 10% quantile
 * path. Returns the event for the latest observation when the rule is crossed, else undefined. Pure.
 */
export function evaluateRule(args: {
  subscriptionId: string;
  indicatorId: string;
  rule: ThreatRule;
  points: readonly Point[];
  forecastLow?: { date: string; value: number }[];
}): ThreatEvent | undefined {
  const { rule, points } = args;
  const last = points[points.length - 1];
  if (!last) return undefined;
  const event = (measure: number, date = last.date, v = last.value): ThreatEvent => ({
    rule: rule.kind,
    indicatorId: args.indicatorId,
    date,
    value: v,
    measure,
    dedupKey: dedupKey(args.subscriptionId, rule, args.indicatorId, date),
  });

  switch (rule.kind) {
    case 'drawdown': {
      const since = daysBefore(last.date, rule.lookbackDays);
      const peak = Math.max(...points.filter((p) => p.date >= since).map((p) => p.value));
      const dd = pct(last.value, peak);
      return dd <= -Math.abs(rule.thresholdPct) ? event(dd) : undefined;
    }
    case 'move': {
      const since = daysBefore(last.date, rule.period === 'day' ? 1 : 31);
      const base =
        [...points].reverse().find((p) => p.date <= since && p.date < last.date) ?? points[points.length - 2];
      if (!base) return undefined;
      // A day's move needs the day before: on a monthly series (gold) the point before is a month back, and a
      // month's change announced as "today's move" would be wrong. A long holiday is at most about a week.
      if (rule.period === 'day' && Date.parse(last.date) - Date.parse(base.date) > MAX_DAY_GAP_MS) return undefined;
      const move = pct(last.value, base.value);
      return Math.abs(move) >= Math.abs(rule.thresholdPct) ? event(move) : undefined;
    }
    case 'volatility-spike': {
      // Its windows are counted in days; on a monthly series they would be years.
      if (!hasDailyPrices(points)) return undefined;
      const r = logReturns(points);
      if (r.length < rule.windowDays + rule.historyDays) return undefined;
      const recent = stdev(r.slice(-rule.windowDays));
      // Realized volatility of each past window, to know what a normal level is.
      const past: number[] = [];
      const hist = r.slice(-(rule.windowDays + rule.historyDays), -rule.windowDays);
      for (let i = rule.windowDays; i <= hist.length; i += 1) past.push(stdev(hist.slice(i - rule.windowDays, i)));
      const s = stdev(past);
      if (!(s > 0)) return undefined;
      const z = (recent - past.reduce((a, b) => a + b, 0) / past.length) / s;
      return z >= rule.zScore ? event(z) : undefined;
    }
    case 'forecast-lower-band': {
      const hit = args.forecastLow?.find((p) => p.value <= rule.threshold);
      return hit ? event(hit.value, hit.date, hit.value) : undefined;
    }
    case 'stop-loss': {
      const move = pct(last.value, rule.averagePrice);
      return move <= -Math.abs(rule.thresholdPct) ? event(move) : undefined;
    }
    case 'take-profit': {
      const move = pct(last.value, rule.averagePrice);
      return move >= Math.abs(rule.thresholdPct) ? event(move) : undefined;
    }
    case 'news':
      // Raised from the news store (src/news/news-threat.ts), never from a price series.
      return undefined;
  }
}

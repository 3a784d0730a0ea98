import type { Point } from '../data/series.js';
import { hasDailyPrices } from '../data/series-frequency.js';
import { RiskXpertError } from '../errors.js';
import { ewmaFilter } from './ewma-filter.js';
import { changes, type ChangeKind } from './returns.js';

export interface JointInput {
  id: string;
  kind: ChangeKind;
  points: readonly Point[];
}

/**
 * Several series filtered one by one and kept side by side by date: residuals[t * n + i] is series i's
 * standardized change on the t-th common date. Drawing a whole row keeps what happened to all of them that day.
 */
export interface JointModel {
  ids: string[];
  kinds: ChangeKind[];
  /** Last common observation of each series (the level a 'level' change is relative to). */
  lastValues: number[];
  /** Volatility forecast for the next day, per series. */
  sigma: Float64Array;
  /** Each series' long-run daily volatility over the pool, where longer horizons revert to. */
  longRunSigma: Float64Array;
  residuals: Float64Array;
  days: number;
  /** Last common date. */
  asOf: string;
  /**
   * What one row of the model is: a trading day, or a month when a holding has only monthly prices (gold); then
   * every holding is taken at its month-end values and there is no one-day horizon.
   */
  frequency: 'daily' | 'monthly';
  /** How much of a volatility shock is left after one row (a day or a month), for horizons past the first row. */
  persistence: number;
}

/** About four years of joint days, as in the single-series model (docs/risk.md). */
export const JOINT_POOL_DAYS = 1000;
const MIN_COMMON_DAYS = 250;
/**
 * Daily persistence of a volatility shock past the first day: it fades toward the long-run level with a half-life of
 * about 69 trading days (0.99 a day, the persistence GARCH(1,1) fits typically show on daily equity and FX data). A
 * fixed assumption, not fitted here.
 */
export const VOL_PERSISTENCE = 0.99;
export const TRADING_DAYS_PER_MONTH = 21;
/**
 * Month-end model (a holding with monthly prices only). Fixed assumptions, not fitted, and not backtested like the
 * daily one (docs/risk.md): RiskMetrics' published monthly decay (0.97); the last 240 months (twenty years) as the
 * residual pool, so the 99% tail holds a couple of months; at least five years in common.
 */
const MONTHLY = { decay: 0.97, poolMonths: 240, minMonths: 60 } as const;

const lowFrequency = (inputs: readonly JointInput[]) =>
  inputs.filter((s) => !hasDailyPrices(s.points)).map((s) => s.id);

/** The holdings that keep the joint history short: the low-frequency ones, else the one whose history starts last. */
function sparseHoldings(inputs: readonly JointInput[]): string[] {
  const sparse = lowFrequency(inputs);
  if (sparse.length > 0) return sparse;
  const latestStart = inputs.reduce((a, b) => ((a.points[0]?.date ?? '') >= (b.points[0]?.date ?? '') ? a : b));
  return [latestStart.id];
}

/** Each month's last value, dated by the month (YYYY-MM), so daily and monthly series meet on the same keys. */
export function monthEnds(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const month = p.date.slice(0, 7);
    if (out.at(-1)?.date === month) out[out.length - 1] = { date: month, value: p.value };
    else out.push({ date: month, value: p.value });
  }
  return out;
}

/** The dates every series has, after the last non-positive price of a log series (it has no log change). */
function commonDates(inputs: readonly JointInput[]): { common: string[]; maps: Map<string, number>[] } {
  const maps = inputs.map((s) => new Map(s.points.map((p) => [p.date, p.value])));
  const allCommon = inputs[0]!.points.map((p) => p.date).filter((d) => maps.every((m) => m.has(d)));
  // A price at or below zero (WTI on 2020-04-20) has no log change: the model starts after the last one.
  const lastBad = allCommon.findLastIndex((d) => inputs.some((s, i) => s.kind === 'log' && !(maps[i]!.get(d)! > 0)));
  return { common: allCommon.slice(lastBad + 1), maps };
}

/**
 * The joint model of the holdings' daily changes; when a holding has only monthly prices (gold's series), of every
 * holding's month-end changes instead, rather than refusing the portfolio.
 */
export function buildJointModel(inputs: readonly JointInput[]): JointModel {
  if (inputs.length === 0) throw new RiskXpertError('BAD_REQUEST', 'A portfolio needs at least one holding.');
  // One monthly holding puts every holding on month ends: dates a monthly series shares with a daily one (the 1st
  // of a month) are a month apart, and treated as days they would compound months into a "day".
  if (lowFrequency(inputs).length > 0) {
    const monthlyInputs = inputs.map((s) => ({ ...s, points: monthEnds(s.points) }));
    const monthly = commonDates(monthlyInputs);
    if (monthly.common.length >= MONTHLY.minMonths + 1) return fitted(monthlyInputs, monthly, 'monthly');
    throw tooShort(inputs, monthly.common.length, MONTHLY.minMonths + 1, 'months');
  }
  const daily = commonDates(inputs);
  if (daily.common.length >= MIN_COMMON_DAYS + 1) return fitted(inputs, daily, 'daily');
  throw tooShort(inputs, daily.common.length, MIN_COMMON_DAYS + 1, 'days');
}

function tooShort(inputs: readonly JointInput[], have: number, needed: number, unit: 'days' | 'months') {
  return new RiskXpertError(
    'SERIES_TOO_SHORT',
    `The holdings share only ${have} ${unit} of prices; ${needed} are needed.`,
    { details: { have, needed, unit, sparse: sparseHoldings(inputs) } },
  );
}

function fitted(
  inputs: readonly JointInput[],
  { common, maps }: { common: string[]; maps: Map<string, number>[] },
  frequency: JointModel['frequency'],
): JointModel {
  const monthly = frequency === 'monthly';
  const n = inputs.length;
  const filtered = inputs.map((s, i) => {
    const x = changes(
      common.map((d) => maps[i]!.get(d)!),
      s.kind,
    );
    return { x, f: monthly ? ewmaFilter(x, MONTHLY.decay) : ewmaFilter(x) };
  });
  const total = common.length - 1;
  const days = Math.min(monthly ? MONTHLY.poolMonths : JOINT_POOL_DAYS, total);
  const residuals = new Float64Array(days * n);
  const longRunSigma = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const { x, f } = filtered[i]!;
    let s2 = 0;
    for (let t = 0; t < days; t += 1) {
      residuals[t * n + i] = f.residual[total - days + t]!;
      s2 += x[total - days + t]! ** 2;
    }
    longRunSigma[i] = Math.sqrt(s2 / days);
  }
  return {
    ids: inputs.map((s) => s.id),
    kinds: inputs.map((s) => s.kind),
    lastValues: inputs.map((_, i) => maps[i]!.get(common.at(-1)!)!),
    sigma: Float64Array.from(filtered.map((s) => s.f.nextSigma)),
    longRunSigma,
    residuals,
    days,
    asOf: common.at(-1)!,
    frequency,
    persistence: monthly ? VOL_PERSISTENCE ** TRADING_DAYS_PER_MONTH : VOL_PERSISTENCE,
  };
}

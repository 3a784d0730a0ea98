import type { Point } from '../data/series.js';
import { RiskXpertError } from '../errors.js';
import type { ForecastOutput, Forecaster } from './forecaster.js';
import { geometricMean, naiveScale, score, WQL_LEVELS, type Scores, type ScoredForecast } from './metrics.js';

export const DEFAULT_ORIGINS = 60;

export interface BacktestOptions {
  horizon: number;
  /** How many rolling origins, the last ones possible, step 1 (default DEFAULT_ORIGINS). */
  origins?: number;
  /** Only origins whose first forecast date is on or after this date (keeps evaluation out of the training period). */
  since?: string;
  seasonPeriod?: number;
  signal?: AbortSignal;
}

/** Ratios method / naive at the same origins (below 1: better than naive). */
export interface RelativeScores {
  mase: number;
  smape: number;
  wql: number;
  mse: number;
  mae: number;
}

export interface BacktestResult {
  horizon: number;
  origins: number;
  /** Date of the first forecast point of the first and of the last origin. */
  firstOrigin: string;
  lastOrigin: string;
  methods: Record<string, Scores>;
  /** Each method against "naive", present when a method named naive was evaluated. */
  relativeToNaive?: Record<string, RelativeScores>;
  /** Origins where a method answered with its fallback (e.g. the model handing a short history to drift). */
  fallbacks: Record<string, number>;
}

/**
 * Rolling-origin evaluation. Origin t forecasts points t..t+H-1 from points 0..t-1 only; the last origin is the
 * last one whose H steps are all observed, and the first is chosen by `origins` and `since`. Every origin goes
 * to each forecaster in ONE batched call. MASE is scaled per origin by the naive one-step MAE of the history
 * that origin saw (period 1: financial series are not seasonal, so the plain random walk is the yardstick).
 */
export async function backtest(
  series: readonly Point[],
  methods: Record<string, Forecaster>,
  options: BacktestOptions,
): Promise<BacktestResult> {
  const values = series.map((p) => p.value);
  const H = options.horizon;
  const N = options.origins ?? DEFAULT_ORIGINS;
  if (!Number.isInteger(H) || H < 1)
    throw new RiskXpertError('HORIZON_OUT_OF_RANGE', `Horizon must be a positive integer, got ${H}.`);
  if (!Number.isInteger(N) || N < 1)
    throw new RiskXpertError('BAD_REQUEST', `Origins must be a positive integer, got ${N}.`);
  if (!values.every(Number.isFinite)) throw new RiskXpertError('SERIES_INVALID', 'The series has non-finite values.');
  if (Object.keys(methods).length === 0) throw new RiskXpertError('BAD_REQUEST', 'No forecasters to evaluate.');
  const lastOrigin = values.length - H;
  let first = Math.max(2, lastOrigin - N + 1);
  if (options.since) {
    const since = options.since;
    const sinceIdx = series.findIndex((p) => p.date >= since);
    if (sinceIdx < 0) throw new RiskXpertError('BAD_REQUEST', `No data on or after ${since}.`);
    first = Math.max(first, sinceIdx);
  }
  if (first > lastOrigin) {
    throw new RiskXpertError(
      'SERIES_TOO_SHORT',
      `Not enough data for a ${H}-step backtest (${values.length} points${options.since ? `, origins from ${options.since}` : ''}).`,
    );
  }
  const origins = Array.from({ length: lastOrigin - first + 1 }, (_, i) => first + i);
  const inputs = origins.map((t) => ({
    values: values.slice(0, t),
    horizon: H,
    seasonPeriod: options.seasonPeriod ?? 12,
  }));
  const scales = origins.map((t) => naiveScale(values.slice(0, t)));

  const results: Record<string, Scores> = {};
  const fallbacks: Record<string, number> = {};
  for (const [name, forecaster] of Object.entries(methods)) {
    const outputs = await forecaster.forecast(inputs, options.signal ? { signal: options.signal } : undefined);
    if (outputs.length !== inputs.length) {
      throw new RiskXpertError(
        'FORECAST_FAILED',
        `${name} returned ${outputs.length} forecasts for ${inputs.length} origins.`,
      );
    }
    const scored: ScoredForecast[] = outputs.map((out, k) => {
      const t = origins[k]!;
      const rows = WQL_LEVELS.map((level) => quantileRow(out, level, name));
      return {
        actual: values.slice(t, t + H),
        median: quantileRow(out, 0.5, name),
        quantiles: rows,
        scale: scales[k]!,
      };
    });
    results[name] = score(scored);
    fallbacks[name] = outputs.filter((o) => o.fallbackReason !== undefined).length;
  }
  const naive = results.naive;
  return {
    horizon: H,
    origins: origins.length,
    firstOrigin: series[origins[0]!]!.date,
    lastOrigin: series[origins[origins.length - 1]!]!.date,
    methods: results,
    ...(naive
      ? { relativeToNaive: Object.fromEntries(Object.entries(results).map(([name, s]) => [name, ratios(s, naive)])) }
      : {}),
    fallbacks,
  };
}

function quantileRow(out: ForecastOutput, level: number, name: string): number[] {
  const i = out.levels.findIndex((l) => Math.abs(l - level) < 1e-9);
  if (i < 0) throw new RiskXpertError('FORECAST_FAILED', `${name} has no ${level} quantile.`);
  return out.quantiles[i]!;
}

function ratios(s: Scores, naive: Scores): RelativeScores {
  return {
    mase: s.mase / naive.mase,
    smape: s.smape / naive.smape,
    wql: s.wql / naive.wql,
    mse: s.mse / naive.mse,
    mae: s.mae / naive.mae,
  };
}

export interface RelativeSummary {
  /** Geometric means over the results (series x horizon) of method / naive. */
  wql: number;
  mase: number;
  /** Arithmetic mean of the method's 80% coverage. */
  coverage80: number;
  count: number;
}

/**
 * Across several backtests (one per series and horizon): the geometric mean of each method's ratio to naive,
 * the scale-free way to average relative scores (a 2x loss and a 2x win cancel), and its mean coverage.
 */
export function summarizeRelative(results: readonly BacktestResult[]): Record<string, RelativeSummary> {
  const names = new Set(results.flatMap((r) => Object.keys(r.methods)));
  const out: Record<string, RelativeSummary> = {};
  for (const name of names) {
    const rel = results.map((r) => r.relativeToNaive?.[name]).filter((x): x is RelativeScores => x !== undefined);
    const cov = results.map((r) => r.methods[name]?.coverage80).filter((x): x is number => x !== undefined);
    out[name] = {
      wql: geometricMean(rel.map((r) => r.wql)),
      mase: geometricMean(rel.map((r) => r.mase)),
      coverage80: cov.reduce((a, b) => a + b, 0) / cov.length,
      count: rel.length,
    };
  }
  return out;
}

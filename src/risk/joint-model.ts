import type { Point } from '../data/series.js';
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
}

/** About four years of joint days, as in the single-series model (docs/risk.md). */
export const JOINT_POOL_DAYS = 1000;
const MIN_COMMON_DAYS = 250;

/**
 * The holdings that keep the joint history short: those that are not daily (fewer than half a year's trading days in
 * the last year of their own data, as gold's monthly series), else the one whose history starts last.
 */
function sparseHoldings(inputs: readonly JointInput[]): string[] {
  const lastYearCount = (s: JointInput) => {
    const last = s.points.at(-1)?.date ?? '';
    const yearBefore = `${Number(last.slice(0, 4)) - 1}${last.slice(4)}`;
    return s.points.filter((p) => p.date > yearBefore).length;
  };
  const sparse = inputs.filter((s) => lastYearCount(s) < MIN_COMMON_DAYS / 2);
  if (sparse.length > 0) return sparse.map((s) => s.id);
  const latestStart = inputs.reduce((a, b) => ((a.points[0]?.date ?? '') >= (b.points[0]?.date ?? '') ? a : b));
  return [latestStart.id];
}

export function buildJointModel(inputs: readonly JointInput[]): JointModel {
  if (inputs.length === 0) throw new RiskXpertError('BAD_REQUEST', 'A portfolio needs at least one holding.');
  const maps = inputs.map((s) => new Map(s.points.map((p) => [p.date, p.value])));
  const allCommon = inputs[0]!.points.map((p) => p.date).filter((d) => maps.every((m) => m.has(d)));
  // A price at or below zero (WTI on 2020-04-20) has no log change: the model starts after the last one.
  const lastBad = allCommon.findLastIndex((d) => inputs.some((s, i) => s.kind === 'log' && !(maps[i]!.get(d)! > 0)));
  const common = allCommon.slice(lastBad + 1);
  if (common.length < MIN_COMMON_DAYS + 1) {
    throw new RiskXpertError(
      'SERIES_TOO_SHORT',
      `The holdings share only ${common.length} days of prices; ${MIN_COMMON_DAYS + 1} are needed.`,
      { details: { days: common.length, needed: MIN_COMMON_DAYS + 1, sparse: sparseHoldings(inputs) } },
    );
  }
  const n = inputs.length;
  const filtered = inputs.map((s, i) => {
    const x = changes(
      common.map((d) => maps[i]!.get(d)!),
      s.kind,
    );
    return { x, f: ewmaFilter(x) };
  });
  const total = common.length - 1;
  const days = Math.min(JOINT_POOL_DAYS, total);
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
  };
}

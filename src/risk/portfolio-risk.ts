import { RiskXpertError } from '../errors.js';
import { TRADING_DAYS_PER_MONTH, type JointModel } from './joint-model.js';
import { simulatePaths, type SimulatedPaths } from './portfolio-simulation.js';
import { orderStatistics } from './order-statistics.js';
import { tailMeasures } from './tail-measures.js';

export const RISK_HORIZONS = [
  { id: '1d', months: 0 },
  { id: '1m', months: 1 },
  { id: '3m', months: 3 },
  { id: '12m', months: 12 },
] as const;
export type HorizonId = (typeof RISK_HORIZONS)[number]['id'];

export interface HoldingRisk {
  id: string;
  /** Share of the account's value. */
  weight: number;
  var95: number;
  es95: number;
}

export interface HorizonRisk {
  horizon: HorizonId;
  var95: number;
  es95: number;
  var99: number;
  es99: number;
  /** Probability that the account loses more than the limit over this horizon (undefined without a limit). */
  pOverLimit?: number;
  holdings: HoldingRisk[];
}

export interface PortfolioRisk {
  asOf: string;
  /** 'monthly' when a holding has only monthly prices: month-end model, and no '1d' horizon. */
  frequency: JointModel['frequency'];
  paths: number;
  /** Share of the account in cash (no risk). */
  cash: number;
  horizons: HorizonRisk[];
  /** Account value relative to today (1 = today) at month ends: 5th, 25th, 50th, 75th, 95th percentiles. */
  fan: { month: number; p05: number; p25: number; p50: number; p75: number; p95: number }[];
}

export interface PortfolioRiskOptions {
  paths?: number;
  /** Loss limit as a positive fraction (0.1 = 10%). */
  limit?: number;
  seed?: number;
}

export const DEFAULT_PATHS = 10_000;
const SEED = 20_260_101;

function horizonRisk(
  sim: SimulatedPaths,
  step: number,
  weights: Float64Array,
  ids: readonly string[],
  horizon: HorizonId,
  limit: number | undefined,
): HorizonRisk {
  const { n, paths } = sim;
  const losses = sim.losses.subarray(step * paths, (step + 1) * paths);
  const k = sim.keep.indexOf(step);
  const holdingLoss = (p: number, i: number) => sim.held[(k * paths + p) * n + i]!;
  const sorted = losses.slice().sort();
  const t95 = tailMeasures(losses, sorted, holdingLoss, n, 0.95);
  const t99 = tailMeasures(losses, sorted, holdingLoss, n, 0.99);
  let over = 0;
  if (limit !== undefined) for (const l of losses) if (l > limit) over += 1;
  return {
    horizon,
    var95: t95.var,
    es95: t95.es,
    var99: t99.var,
    es99: t99.es,
    ...(limit !== undefined ? { pOverLimit: over / paths } : {}),
    holdings: ids.map((id, i) => ({
      id,
      weight: weights[i]!,
      var95: t95.varContribution[i]!,
      es95: t95.esContribution[i]!,
    })),
  };
}

/**
 * VaR and ES at 95% and 99% for 1 day, 1, 3 and 12 months, from one daily simulation and one of twelve monthly
 * steps (1, 3 and 12 months read off the same paths, so the horizons are consistent with each other). A month-end
 * model (a holding with monthly prices only) has no day to simulate: 1, 3 and 12 months only.
 */
export function computePortfolioRisk(
  model: JointModel,
  weights: readonly number[],
  options: PortfolioRiskOptions = {},
): PortfolioRisk {
  const n = model.ids.length;
  if (weights.length !== n) throw new RiskXpertError('INTERNAL', 'One weight per holding is needed.');
  const invested = weights.reduce((a, b) => a + b, 0);
  if (weights.some((w) => !(w >= 0)) || invested > 1 + 1e-9)
    throw new RiskXpertError('BAD_REQUEST', 'Weights must be non-negative and add up to at most 100%.');
  const w = Float64Array.from(weights);
  const paths = options.paths ?? DEFAULT_PATHS;
  const seed = options.seed ?? SEED;
  const byMonth = model.frequency === 'monthly';
  const monthly = simulatePaths(model, {
    steps: 12,
    stepDays: byMonth ? 1 : TRADING_DAYS_PER_MONTH,
    paths,
    seed: seed + 1,
    weights: w,
    keep: [0, 2, 11],
  });
  const horizons: HorizonRisk[] = [];
  if (!byMonth) {
    const daily = simulatePaths(model, { steps: 1, stepDays: 1, paths, seed, weights: w, keep: [0] });
    horizons.push(horizonRisk(daily, 0, w, model.ids, '1d', options.limit));
  }
  for (const [month, id] of [
    [1, '1m'],
    [3, '3m'],
    [12, '12m'],
  ] as const)
    horizons.push(horizonRisk(monthly, month - 1, w, model.ids, id, options.limit));
  return {
    asOf: model.asOf,
    frequency: model.frequency,
    paths,
    // Weights that sum to 1 leave 1e-16 of float noise, which the JSON output would print.
    cash: invested > 1 - 1e-9 ? 0 : 1 - invested,
    horizons,
    fan: fanChart(monthly, paths),
  };
}

/** Account value (1 − loss) at each month end: the ranks a sorted array would give, found by selection. */
function fanChart(monthly: SimulatedPaths, paths: number): PortfolioRisk['fan'] {
  const rank = (q: number) => Math.min(paths - 1, Math.floor(q * paths));
  const ranks = [0.05, 0.25, 0.5, 0.75, 0.95].map(rank);
  const values = new Float64Array(paths);
  const fan: PortfolioRisk['fan'] = [];
  for (let m = 1; m <= 12; m += 1) {
    const losses = monthly.losses.subarray((m - 1) * paths, m * paths);
    for (let p = 0; p < paths; p += 1) values[p] = 1 - losses[p]!;
    const [p05, p25, p50, p75, p95] = orderStatistics(values, ranks) as [number, number, number, number, number];
    fan.push({ month: m, p05, p25, p50, p75, p95 });
  }
  return fan;
}

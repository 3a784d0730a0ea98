import { ewmaFilter, FILTER_DECAY, LOSS_WEIGHT, nextVariance, type Filtered } from './ewma-filter.js';
import { normalDensity, normalQuantile } from './normal-quantile.js';
import { seededRandom } from './random.js';
import { lossQuantiles } from './returns.js';

export const VAR_METHODS = ['fhs', 'hs', 'normal'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

/**
 * Windows fixed before any evaluation (the usual regulatory and textbook choices, not tuned on our data): filtered
 * residuals from the last 1,000 days (about four years, so the 99% tail holds ten observations); plain historical
 * simulation over the last 500 days; the normal baseline's variance from the last 250 days (one trading year).
 */
export const SETTINGS = {
  fhsResiduals: 1000,
  hsWindow: 500,
  normalWindow: 250,
  minHistory: 250,
  paths: 5000,
  seed: 20_260_101,
} as const;

export interface LossForecast {
  var: number;
  es: number;
}

/**
 * One series' relative changes (next/current − 1), filtered once: every forecast at index d uses changes [0, d)
 * only. Relative rather than log changes because the loss being forecast is defined as 1 − next/current, and
 * because real price files hold non-positive prices (WTI on 2020-04-20) where a log change does not exist.
 */
export interface PreparedSeries {
  x: Float64Array;
  filtered: Filtered;
  decay: number;
  lossWeight: number;
}

export function prepareSeries(
  relativeChanges: ArrayLike<number>,
  decay = FILTER_DECAY,
  lossWeight = LOSS_WEIGHT,
): PreparedSeries {
  const x = Float64Array.from(relativeChanges as ArrayLike<number>);
  return { x, filtered: ewmaFilter(x, decay, lossWeight), decay, lossWeight };
}

function fhs(p: PreparedSeries, d: number, horizon: number, level: number): LossForecast {
  const { residual, sigma, nextSigma } = p.filtered;
  const from = Math.max(0, d - SETTINGS.fhsResiduals);
  const pool = residual.subarray(from, d);
  // sigma[d] was computed from changes before d, which is exactly the forecast made at d.
  const s0 = d < sigma.length ? sigma[d]! : nextSigma;
  if (horizon === 1)
    return lossQuantiles(
      pool.map((z) => -s0 * z),
      level,
    );
  // Several days: each path draws residuals and lets its own volatility react to them, as the filter would.
  const random = seededRandom(SETTINGS.seed);
  const losses = new Float64Array(SETTINGS.paths);
  for (let k = 0; k < SETTINGS.paths; k += 1) {
    let s2 = s0 * s0;
    let growth = 1;
    for (let h = 0; h < horizon; h += 1) {
      const r = Math.sqrt(s2) * pool[Math.floor(random() * pool.length)]!;
      growth *= 1 + r;
      s2 = nextVariance(s2, r, p.decay, p.lossWeight);
    }
    losses[k] = 1 - growth;
  }
  return lossQuantiles(losses, level);
}

function hs(p: PreparedSeries, d: number, horizon: number, level: number): LossForecast {
  const from = Math.max(0, d - SETTINGS.hsWindow - horizon + 1);
  const losses: number[] = [];
  for (let i = from; i + horizon <= d; i += 1) {
    let growth = 1;
    for (let h = 0; h < horizon; h += 1) growth *= 1 + p.x[i + h]!;
    losses.push(1 - growth);
  }
  return lossQuantiles(losses, level);
}

function normal(p: PreparedSeries, d: number, horizon: number, level: number): LossForecast {
  const window = p.x.subarray(Math.max(0, d - SETTINGS.normalWindow), d);
  let s2 = 0;
  for (const v of window) s2 += v * v;
  const s = Math.sqrt((s2 / window.length) * horizon);
  const z = normalQuantile(level);
  return { var: z * s, es: (s * normalDensity(z)) / (1 - level) };
}

/** The loss forecast made at index d (after d changes) for the next `horizon` changes. */
export function forecastLoss(
  method: VarMethod,
  p: PreparedSeries,
  d: number,
  horizon: number,
  level: number,
): LossForecast {
  if (method === 'fhs') return fhs(p, d, horizon, level);
  if (method === 'hs') return hs(p, d, horizon, level);
  return normal(p, d, horizon, level);
}

import { nextVariance } from './ewma-filter.js';

/**
 * Volatility recursions for filtered historical simulation, one state vector per day: the round-2 candidates of
 * docs/risk-round2-rules.md (bench/risk-var-round2.ts), settings fixed in advance, nothing fitted per series. The
 * winner, `asymmetricRecursion(0.9, 1.5)`, is the same update as the served `ewmaFilter`. `update` receives the
 * change r (a loss is r < 0) and moves the state to the next day.
 */
export interface VolRecursion {
  readonly name: string;
  /** Length of the state (variances). */
  readonly size: number;
  /** The state seeded from a plain variance v. */
  seed(v: number): Float64Array;
  update(state: Float64Array, r: number): void;
  sigma(state: ArrayLike<number>): number;
}

/** A floor so a flat stretch (a pegged rate, a holiday run) does not give zero variance and infinite residuals. */
const VARIANCE_FLOOR = 1e-12;
const floor = (v: number) => (v > VARIANCE_FLOOR ? v : VARIANCE_FLOOR);

export function ewmaRecursion(decay: number): VolRecursion {
  return {
    name: `ewma-${decay}`,
    size: 1,
    seed: (v) => Float64Array.of(floor(v)),
    update: (s, r) => void (s[0] = floor(decay * s[0]! + (1 - decay) * r * r)),
    sigma: (s) => Math.sqrt(s[0]!),
  };
}

/** max(slow EWMA, fast EWMA): a shock lifts tomorrow's volatility at the fast speed, calm fades at the slow one. */
export function twoSpeedRecursion(slow: number, fast: number): VolRecursion {
  return {
    name: `twospeed-${slow}-${fast}`,
    size: 2,
    seed: (v) => Float64Array.of(floor(v), floor(v)),
    update: (s, r) => {
      s[0] = floor(slow * s[0]! + (1 - slow) * r * r);
      s[1] = floor(fast * s[1]! + (1 - fast) * r * r);
    },
    sigma: (s) => Math.sqrt(Math.max(s[0]!, s[1]!)),
  };
}

/** EWMA whose update weighs a loss-side change's square by `lossWeight` and a gain-side one by 2 − lossWeight. */
export function asymmetricRecursion(decay: number, lossWeight: number): VolRecursion {
  return {
    name: `asym-${decay}`,
    size: 1,
    seed: (v) => Float64Array.of(floor(v)),
    update: (s, r) => void (s[0] = nextVariance(s[0]!, r, decay, lossWeight)),
    sigma: (s) => Math.sqrt(s[0]!),
  };
}

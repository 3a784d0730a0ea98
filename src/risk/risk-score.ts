import type { PortfolioRisk } from './portfolio-risk.js';

export type DriverKind = 'var-vs-limit' | 'concentration' | 'drawdown' | 'threat';

export interface ScoreDriver {
  kind: DriverKind;
  /** Points this driver adds to the score. */
  points: number;
  /** Points it could add at most. */
  max: number;
  /** The measured quantity: VaR/limit ratio, largest weight, drawdown, share of value under threat (fractions). */
  measure: number;
  /** The holding the driver is about, when there is one. */
  holding?: string;
}

export interface RiskScore {
  /** 0 (little risk for this user) … 100 (far beyond the user's limit). */
  score: number;
  /** Drivers, largest first. */
  drivers: ScoreDriver[];
}

export interface ScoreInputs {
  risk: PortfolioRisk;
  limit: number;
  /** Worst peak-to-trough fall of the current weights over the last year of history (positive fraction). */
  drawdown: number;
  /** Holdings with a threat event now. */
  threatened: readonly string[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * A fixed, documented formula (docs/risk.md), so the same portfolio and profile always score the same:
 * 50 points for the one-month 95% VaR against the limit (full at 1.5× the limit), 20 for the largest holding's
 * share, 15 for the last year's drawdown (full at 30%), 15 for the share of value in holdings under a threat event.
 */
export function riskScore(input: ScoreInputs): RiskScore {
  const month = input.risk.horizons.find((h) => h.horizon === '1m')!;
  const ratio = month.var95 / input.limit;
  const largest = [...month.holdings].sort((a, b) => b.weight - a.weight)[0];
  const threatShare = month.holdings.filter((h) => input.threatened.includes(h.id)).reduce((a, h) => a + h.weight, 0);
  const drivers: ScoreDriver[] = [
    { kind: 'var-vs-limit', max: 50, measure: ratio, points: 50 * clamp01(ratio / 1.5) },
    {
      kind: 'concentration',
      max: 20,
      measure: largest?.weight ?? 0,
      points: 20 * (largest?.weight ?? 0),
      ...(largest ? { holding: largest.id } : {}),
    },
    { kind: 'drawdown', max: 15, measure: input.drawdown, points: 15 * clamp01(input.drawdown / 0.3) },
    {
      kind: 'threat',
      max: 15,
      measure: threatShare,
      points: 15 * clamp01(threatShare),
      ...(input.threatened[0] ? { holding: input.threatened[0] } : {}),
    },
  ];
  const rounded = drivers.map((d) => ({ ...d, points: Math.round(d.points) }));
  return {
    score: Math.min(
      100,
      rounded.reduce((a, d) => a + d.points, 0),
    ),
    drivers: rounded.sort((a, b) => b.points - a.points),
  };
}

/** Worst fall from a peak of a portfolio held at fixed weights, from aligned per-holding price histories. */
export function historicalDrawdown(histories: readonly (readonly number[])[], weights: readonly number[]): number {
  const len = Math.min(...histories.map((h) => h.length));
  let peak = -Infinity;
  let worst = 0;
  for (let t = 0; t < len; t += 1) {
    let v = 1 - weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < histories.length; i += 1) {
      const h = histories[i]!;
      v += weights[i]! * (h[h.length - len + t]! / h[h.length - len]!);
    }
    peak = Math.max(peak, v);
    worst = Math.max(worst, 1 - v / peak);
  }
  return worst;
}

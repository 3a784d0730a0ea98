import type { JointModel } from './joint-model.js';
import type { PortfolioRisk } from './portfolio-risk.js';
import type { Evaluate } from './response-plan.js';

export interface Recommendation {
  method: 'risk-parity';
  weightsBefore: number[];
  weightsAfter: number[];
  before: { var95: number; es95: number };
  after: { var95: number; es95: number };
  /** Always true: shown as education, never as investment advice. */
  education: true;
}

const month = (r: PortfolioRisk) => r.horizons.find((h) => h.horizon === '1m')!;
const round3 = (xs: number[]) => xs.map((x) => Math.floor(x * 1000) / 1000);

/**
 * Inverse-volatility risk parity over the holdings the user already has (each gets weight ∝ 1/σ, σ its current
 * filtered volatility), scaled down toward cash until the one-month 95% VaR is within the limit. Risk parity
 * rather than minimum variance because it keeps every holding (minimum variance with few, correlated assets
 * piles into one), and it needs no expected returns, which our forecasts do not pin down well enough.
 */
export function recommend(
  model: JointModel,
  weights: readonly number[],
  limit: number,
  evaluate: Evaluate,
): Recommendation {
  const invested = weights.reduce((a, b) => a + b, 0);
  const scale = (i: number) =>
    model.kinds[i] === 'level' ? model.sigma[i]! / Math.abs(model.lastValues[i]!) : model.sigma[i]!;
  const inverse = model.ids.map((_, i) => (weights[i]! > 0 ? 1 / Math.max(scale(i), 1e-9) : 0));
  const sum = inverse.reduce((a, b) => a + b, 0);
  let target = round3(inverse.map((x) => (x / sum) * invested));
  let risk = month(evaluate(target));
  // VaR scales almost linearly with the invested share: scale once, then nudge down until within the limit.
  if (risk.var95 > limit) {
    const k = (limit / risk.var95) * 0.98;
    target = round3(target.map((x) => x * k));
    risk = month(evaluate(target));
    for (let i = 0; i < 5 && risk.var95 > limit; i += 1) {
      target = round3(target.map((x) => x * 0.95));
      risk = month(evaluate(target));
    }
  }
  const before = month(evaluate(weights));
  return {
    method: 'risk-parity',
    weightsBefore: [...weights],
    weightsAfter: target,
    before: { var95: before.var95, es95: before.es95 },
    after: { var95: risk.var95, es95: risk.es95 },
    education: true,
  };
}

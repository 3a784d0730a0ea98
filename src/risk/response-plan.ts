import type { HorizonRisk, PortfolioRisk } from './portfolio-risk.js';

/** Weights in, risk out: the portfolio model with everything but the weights fixed. */
export type Evaluate = (weights: readonly number[], paths?: number) => PortfolioRisk;

export interface PlanStep {
  kind: 'reduce';
  reason: 'var-vs-limit' | 'concentration' | 'threat';
  holding: string;
  fromWeight: number;
  toWeight: number;
  /** One-month 95% VaR of the whole portfolio before and after this step (steps apply in order). */
  var95Before: number;
  var95After: number;
}

export interface ResponsePlan {
  steps: PlanStep[];
  /** True when the portfolio is within the limit and no rule asked for a change. */
  hold: boolean;
  weightsAfter: number[];
}

const MAX_WEIGHT = 0.4;
const STEP = 0.05;
const SEARCH_PATHS = 4_000;
const month = (r: PortfolioRisk): HorizonRisk => r.horizons.find((h) => h.horizon === '1m')!;

/**
 * The threat-response rules, in order: (1) over the limit: cut the largest contributor to one-month ES in 5%p
 * steps (to cash) until the 95% VaR is within the limit, then the next one; (2) a holding above 40% of the account
 * comes down to 40%; (3) a holding under a threat event is halved. Every number is recomputed by the model.
 */
export function responsePlan(
  ids: readonly string[],
  weights: readonly number[],
  limit: number,
  evaluate: Evaluate,
  threatened: readonly string[] = [],
): ResponsePlan {
  const w = [...weights];
  const targets: { reason: PlanStep['reason']; index: number; to: number }[] = [];
  let current = month(evaluate(w, SEARCH_PATHS));
  const tried = new Set<number>();
  while (current.var95 > limit && tried.size < Math.min(3, ids.length)) {
    const byContribution = current.holdings
      .map((h, i) => ({ i, es: h.es95 }))
      .filter((x) => !tried.has(x.i) && w[x.i]! > 0)
      .sort((a, b) => b.es - a.es);
    const top = byContribution[0];
    if (!top) break;
    tried.add(top.i);
    while (w[top.i]! > 0 && current.var95 > limit) {
      w[top.i] = Math.max(0, Math.round((w[top.i]! - STEP) * 100) / 100);
      current = month(evaluate(w, SEARCH_PATHS));
    }
    targets.push({ reason: 'var-vs-limit', index: top.i, to: w[top.i]! });
  }
  w.forEach((x, i) => {
    if (x > MAX_WEIGHT) targets.push({ reason: 'concentration', index: i, to: (w[i] = MAX_WEIGHT) });
  });
  for (const id of threatened) {
    const i = ids.indexOf(id);
    if (i >= 0 && w[i]! > 0 && !targets.some((t) => t.index === i))
      targets.push({ reason: 'threat', index: i, to: (w[i] = Math.round((w[i]! / 2) * 100) / 100) });
  }
  // Final figures with the full path count, each step applied on top of the previous ones.
  const steps: PlanStep[] = [];
  const applied = [...weights];
  let before = month(evaluate(applied)).var95;
  for (const t of targets) {
    const fromWeight = applied[t.index]!;
    applied[t.index] = t.to;
    const after = month(evaluate(applied)).var95;
    steps.push({
      kind: 'reduce',
      reason: t.reason,
      holding: ids[t.index]!,
      fromWeight,
      toWeight: t.to,
      var95Before: before,
      var95After: after,
    });
    before = after;
  }
  return { steps, hold: steps.length === 0, weightsAfter: applied };
}

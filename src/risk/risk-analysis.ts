import type { Point } from '../data/series.js';
import { hasDailyPrices } from '../data/series-frequency.js';
import { stockCodeOf } from '../data/stock-instruments.js';
import { evaluateRule, type ThreatRule } from '../sim/threat-rules.js';
import { buildJointModel, monthEnds } from './joint-model.js';
import type { StatedHolding } from './parse-portfolio.js';
import { computePortfolioRisk, type PortfolioRisk } from './portfolio-risk.js';
import { recommend, type Recommendation } from './recommendation.js';
import { responsePlan, type ResponsePlan } from './response-plan.js';
import { changeKindOf } from './returns.js';
import { historicalDrawdown, riskScore, type RiskScore } from './risk-score.js';

export interface RiskAnalysis {
  holdings: StatedHolding[];
  limit: number;
  risk: PortfolioRisk;
  score: RiskScore;
  plan: ResponsePlan;
  recommendation: Recommendation;
  /** Holdings with a threat event now (the rules below, or ones an alert passed in). */
  threatened: string[];
  /** Holdings with monthly prices only, which put the whole model on month ends (empty for a daily model). */
  monthlyOnly: string[];
}

export interface RiskAnalysisDeps {
  history(id: string): Promise<readonly Point[]>;
}

/** The threat rules applied to every holding when scoring (the same kinds users subscribe to in alerts). */
export const SCORE_THREAT_RULES: readonly ThreatRule[] = [
  { kind: 'drawdown', lookbackDays: 60, thresholdPct: 15 },
  { kind: 'volatility-spike', windowDays: 20, historyDays: 250, zScore: 2.5 },
];

const YEAR = 250;

/** Risk, score, plan and recommendation for holdings, all from one joint model of their histories. */
export async function analyzeRisk(
  deps: RiskAnalysisDeps,
  holdings: readonly StatedHolding[],
  limit: number,
  options: { threatened?: readonly string[] } = {},
): Promise<RiskAnalysis> {
  const histories = await Promise.all(holdings.map((h) => deps.history(h.id)));
  const model = buildJointModel(
    holdings.map((h, i) => ({ id: h.id, kind: stockCodeOf(h.id) ? 'log' : changeKindOf(h.id), points: histories[i]! })),
  );
  const weights = holdings.map((h) => h.weight);
  const evaluate = (w: readonly number[], paths?: number) =>
    computePortfolioRisk(model, w, { limit, ...(paths ? { paths } : {}) });
  const risk = evaluate(weights);
  const ruled = holdings
    // The rules count days; on a monthly history (gold) they would read months, so they do not apply there.
    .filter(
      (h, i) =>
        hasDailyPrices(histories[i]!) &&
        SCORE_THREAT_RULES.some(
          (rule) =>
            evaluateRule({ subscriptionId: 'risk-score', indicatorId: h.id, rule, points: histories[i]! }) !==
            undefined,
        ),
    )
    .map((h) => h.id);
  const threatened = [...new Set([...(options.threatened ?? []), ...ruled])].filter((id) =>
    holdings.some((h) => h.id === id),
  );
  // The last year, in days, or in month ends when the model is monthly (13 month ends span twelve months).
  const lastYear = (h: readonly Point[]) => (model.frequency === 'monthly' ? monthEnds(h).slice(-13) : h.slice(-YEAR));
  const drawdown = historicalDrawdown(
    histories.map((h) => lastYear(h).map((p) => p.value)),
    weights,
  );
  const score = riskScore({ risk, limit, drawdown, threatened });
  const plan = responsePlan(model.ids, weights, limit, evaluate, threatened);
  const recommendation = recommend(model, weights, limit, evaluate);
  const monthlyOnly =
    model.frequency === 'monthly' ? holdings.filter((_, i) => !hasDailyPrices(histories[i]!)).map((h) => h.id) : [];
  return { holdings: [...holdings], limit, risk, score, plan, recommendation, threatened, monthlyOnly };
}

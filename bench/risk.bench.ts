// npm run bench:risk — portfolio VaR/ES/contributions for 10,000 paths × 20 holdings × 12 months, beside the naive
// way (daily steps for 252 days, each path updating its own volatility) measured in the same run.
import { buildJointModel, type JointModel } from '../src/risk/joint-model.js';
import { computePortfolioRisk } from '../src/risk/portfolio-risk.js';
import { seededRandom } from '../src/risk/random.js';
import { syntheticMarket } from '../src/risk/synthetic-market.js';
import { percentile } from './stats.js';

const HOLDINGS = 20;
const PATHS = 10_000;
const model = buildJointModel(syntheticMarket(HOLDINGS, 1_500));
const weights = Array.from({ length: HOLDINGS }, () => 1 / HOLDINGS);

/** What one writes first: 252 daily draws per path, EWMA volatility per path and holding, sort for VaR/ES. */
function naive(m: JointModel, w: readonly number[]): { var95: number; es95: number; contributions: number[] } {
  const n = m.ids.length;
  const random = seededRandom(1);
  const losses: { loss: number; parts: number[] }[] = [];
  for (let p = 0; p < PATHS; p += 1) {
    const s2 = Array.from(m.sigma, (s) => s * s);
    const cum = new Array<number>(n).fill(0);
    for (let d = 0; d < 252; d += 1) {
      const row = Math.floor(random() * m.days);
      for (let i = 0; i < n; i += 1) {
        const r = Math.sqrt(s2[i]!) * m.residuals[row * n + i]!;
        cum[i] = cum[i]! + r;
        s2[i] = 0.94 * s2[i]! + 0.06 * r * r;
      }
    }
    const parts = cum.map((c, i) => -w[i]! * Math.expm1(c));
    losses.push({ loss: parts.reduce((a, b) => a + b, 0), parts });
  }
  losses.sort((a, b) => a.loss - b.loss);
  const tail = losses.slice(Math.floor(0.95 * PATHS));
  return {
    var95: tail[0]!.loss,
    es95: tail.reduce((a, b) => a + b.loss, 0) / tail.length,
    contributions: Array.from({ length: n }, (_, i) => tail.reduce((a, b) => a + b.parts[i]!, 0) / tail.length),
  };
}

function time(fn: () => unknown, runs: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

time(() => computePortfolioRisk(model, weights), 2); // warm-up
const ours = time(() => computePortfolioRisk(model, weights, { limit: 0.1 }), 15);
const base = time(() => naive(model, weights), 3);
const r = computePortfolioRisk(model, weights, { limit: 0.1 });
const y = r.horizons.find((h) => h.horizon === '12m')!;
const nb = naive(model, weights);
const fmt = (x: number) => `${(x * 100).toFixed(2)}%`;
console.log(
  `portfolio risk, ${PATHS} paths × ${HOLDINGS} holdings × 12 months (VaR/ES 95/99, contributions, P(loss>limit), 1d/1m/3m/12m, fan)`,
);
console.log(
  `  block-bootstrap FHS (ours):   p50 ${percentile(ours, 50).toFixed(1)} ms  p95 ${percentile(ours, 95).toFixed(1)} ms  (${ours.length} runs)  12m VaR95 ${fmt(y.var95)} ES95 ${fmt(y.es95)}`,
);
console.log(
  `  naive daily FHS (baseline):   p50 ${percentile(base, 50).toFixed(1)} ms  (${base.length} runs)  12m VaR95 ${fmt(nb.var95)} ES95 ${fmt(nb.es95)}`,
);
console.log(`  target p50 <= 200 ms: ${percentile(ours, 50) <= 200 ? 'met' : 'NOT met'}`);

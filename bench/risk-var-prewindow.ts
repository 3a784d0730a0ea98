// Chooses the 1-day VaR volatility filter on data BEFORE the evaluation window of docs/risk.md only. For each
// catalog daily series the evaluation window is its last ten years; here every origin lies before that window, so
// nothing below has seen the evaluation years. Rule (fixed before running): the candidate with the smallest pooled
// conditional-coverage statistic (Kupiec LR + Christoffersen LR, summed over the five series at 95% and 99%) wins.
import { christoffersenP, kupiecP } from '../src/risk/coverage-tests.js';
import { changes, lossQuantiles } from '../src/risk/returns.js';
import { VOL_CANDIDATES, volatilityForecaster } from '../src/risk/vol-candidates.js';
import { CATALOG_DAILY_SERIES, HELD_OUT_DAILY_SERIES, readPreWindow } from './risk-daily-series.js';

const dir = process.env.RISKXPERT_SHARED_DATA ?? '/work/shared/data';
// HELD_OUT=1: a second check on daily series outside the catalog (Fed H.10 dollar rates, floating era 1974–2017,
// whole files), the kind of held-out series the issue also checks on; it does not take part in the choice.
const HELD_OUT = process.env.HELD_OUT === '1';
const SERIES = HELD_OUT ? HELD_OUT_DAILY_SERIES : CATALOG_DAILY_SERIES;
const chi2 = (p: number) => {
  // Inverse of the χ²(1) survival function by bisection: LR statistics add up across series, p-values do not.
  let lo = 0;
  let hi = 200;
  for (let i = 0; i < 80; i += 1) {
    const mid = (lo + hi) / 2;
    if (1 - erf(Math.sqrt(mid / 2)) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
};
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - y * Math.exp(-x * x);
}

const data = [];
for (const s of SERIES) {
  const { since, pre } = await readPreWindow(dir, s, HELD_OUT);
  data.push({
    ...s,
    since,
    x: Float64Array.from(
      changes(
        pre.map((p) => p.value),
        'relative',
      ),
    ),
    first: pre[0]!.date,
  });
}
const summary: string[] = [];
for (const c of VOL_CANDIDATES) {
  let pooled = 0;
  let failing = 0;
  const cells: string[] = [];
  for (const s of data) {
    const forecast = volatilityForecaster(c, s.x);
    for (const level of [0.95, 0.99]) {
      const hits: boolean[] = [];
      for (let d = 250; d < s.x.length; d += 1) {
        const { sigma, pool } = forecast(d);
        const v = lossQuantiles(
          pool.map((z) => -sigma * z),
          level,
        ).var;
        hits.push(-s.x[d]! > v);
      }
      const kp = kupiecP(hits, level);
      const cp = christoffersenP(hits);
      pooled += chi2(kp) + chi2(cp);
      if (kp < 0.05 || cp < 0.05) failing += 1;
      cells.push(
        `${s.name} ${level * 100}%: ${hits.filter(Boolean).length}/${hits.length} K ${kp.toFixed(3)} C ${cp.toFixed(3)}`,
      );
    }
  }
  summary.push(`| ${c} | ${pooled.toFixed(1)} | ${failing}/${data.length * 2} |`);
  console.log(`${c}\n  ${cells.join('\n  ')}`);
}
console.log(`\npre-window origins: ${data.map((s) => `${s.name} ${s.first}…${s.since}`).join(', ')}`);
console.log('\n| candidate | pooled LR (Kupiec + Christoffersen) | cells with p < 0.05 |\n|---|---|---|');
for (const line of summary) console.log(line);

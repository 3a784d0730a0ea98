// VaR round 3 (docs/risk-round3-rules.md, committed before this ran): the loss weight of the EWMA 0.90 update chosen
// per series and origin by the filter's Gaussian quasi-likelihood on changes before the origin, against the fixed 1.5
// of round 2. Scored on data BEFORE the evaluation window of docs/risk.md only, as round 2: 5 catalog daily series ×
// {95%, 99%} × {1 day, 21 days non-overlapping}; score = Σ (Kupiec LR + Christoffersen LR). HELD_OUT=1 scores the six
// Fed H.10 dollar rates instead (reported after the decision, not part of it).
import { christoffersenP, kupiecP } from '../src/risk/coverage-tests.js';
import { changes } from '../src/risk/returns.js';
import { SETTINGS } from '../src/risk/var-models.js';
import { asymmetricRecursion, type VolRecursion } from '../src/risk/vol-recursions.js';
import { CATALOG_DAILY_SERIES, HELD_OUT_DAILY_SERIES, readPreWindow } from './risk-daily-series.js';
import { chi2, fhsLosses, runFilter, varOf, type FilterRun } from './var-round-common.js';

const dir = process.env.RISKXPERT_SHARED_DATA ?? '/work/shared/data';
const HELD_OUT = process.env.HELD_OUT === '1';
const SERIES = HELD_OUT ? HELD_OUT_DAILY_SERIES : CATALOG_DAILY_SERIES;
const LEVELS = [0.95, 0.99];
const HORIZONS = [1, 21];
const INCUMBENT_WEIGHT = 1.5;
/** Fewer changes than this before an origin: the incumbent's weight. */
const MIN_CHANGES = 500;

interface Candidate {
  name: string;
  weights: number[];
  /** Changes before the origin the likelihood is summed over (Infinity: all). */
  window: number;
}
const CANDIDATES: Candidate[] = [
  { name: 'asym-0.90', weights: [1.5], window: Infinity },
  { name: 'qll-2', weights: [1, 1.5], window: 2500 },
  { name: 'qll-4', weights: [1, 1.25, 1.5, 1.75], window: 2500 },
  { name: 'qll-2-all', weights: [1, 1.5], window: Infinity },
].filter((c) => !process.env.CANDIDATES || process.env.CANDIDATES.split(',').includes(c.name));

interface Filtered {
  weight: number;
  recursion: VolRecursion;
  run: FilterRun;
  /** loglik[t] = Σ over changes before t of −log σ − r² / (2σ²). */
  loglik: Float64Array;
}

function filtered(x: Float64Array, weight: number): Filtered {
  const recursion = asymmetricRecursion(0.9, weight);
  const run = runFilter(recursion, x);
  const loglik = new Float64Array(x.length + 1);
  for (let t = 0; t < x.length; t += 1) {
    const sigma = recursion.sigma(run.states.subarray(t, t + 1));
    loglik[t + 1] = loglik[t]! - Math.log(sigma) - (run.residual[t]! * run.residual[t]!) / 2;
  }
  return { weight, recursion, run, loglik };
}

/** The filter the candidate uses at origin d: the largest likelihood over its window of changes before d. */
function chosen(c: Candidate, filters: Filtered[], d: number): Filtered {
  const own = filters.filter((f) => c.weights.includes(f.weight));
  if (own.length === 1 || d < MIN_CHANGES) return filters.find((f) => f.weight === INCUMBENT_WEIGHT)!;
  const from = Math.max(0, d - c.window);
  let best = own[0]!;
  for (const f of own) if (f.loglik[d]! - f.loglik[from]! > best.loglik[d]! - best.loglik[from]!) best = f;
  return best;
}

const data = [];
for (const s of SERIES) {
  const { since, pre } = await readPreWindow(dir, s, HELD_OUT);
  const values = pre.map((p) => p.value);
  const x = Float64Array.from(changes(values, 'relative'));
  const filters = [1, 1.25, 1.5, 1.75].map((w) => filtered(x, w));
  data.push({ ...s, since, first: pre[0]!.date, x, values, filters });
}

interface Cell {
  candidate: string;
  horizon: number;
  kupiecP: number;
  christoffersenP: number;
  lr: number;
}
const cells: Cell[] = [];
for (const c of CANDIDATES) {
  for (const s of data) {
    const picked = new Map<number, number>();
    for (const h of HORIZONS) {
      const hits: Record<number, boolean[]> = { 0.95: [], 0.99: [] };
      for (let d = SETTINGS.minHistory; d + h <= s.x.length; d += h) {
        const f = chosen(c, s.filters, d);
        if (h === 1) picked.set(f.weight, (picked.get(f.weight) ?? 0) + 1);
        const losses = fhsLosses(f.recursion, f.run, d, h, SETTINGS.fhsResiduals);
        const realized = 1 - s.values[d + h]! / s.values[d]!;
        for (const level of LEVELS) hits[level]!.push(realized > varOf(losses, level));
      }
      for (const level of LEVELS) {
        const kp = kupiecP(hits[level]!, level);
        const cp = christoffersenP(hits[level]!);
        const exceedances = hits[level]!.filter(Boolean).length;
        cells.push({ candidate: c.name, horizon: h, kupiecP: kp, christoffersenP: cp, lr: chi2(kp) + chi2(cp) });
        console.log(
          `${c.name} ${s.name} ${h}d ${level * 100}%: ${exceedances}/${hits[level]!.length} K ${kp.toFixed(3)} C ${cp.toFixed(3)}`,
        );
      }
    }
    const shares = [...picked].sort((a, b) => a[0] - b[0]).map(([w, n]) => `w ${w}: ${n}`);
    console.log(`  ${c.name} ${s.name} 1-day origins by chosen weight: ${shares.join(', ')}`);
  }
}

console.log(`\norigins: ${data.map((s) => `${s.name} ${s.first}…${s.since}`).join(', ')}`);
console.log('\n| candidate | score | 1-day part | 21-day part | cells with p < 0.05 |\n|---|---|---|---|---|');
for (const c of CANDIDATES) {
  const own = cells.filter((x) => x.candidate === c.name);
  const sum = (list: Cell[]) => list.reduce((a, x) => a + x.lr, 0).toFixed(1);
  const failing = own.filter((x) => x.kupiecP < 0.05 || x.christoffersenP < 0.05).length;
  console.log(
    `| ${c.name} | ${sum(own)} | ${sum(own.filter((x) => x.horizon === 1))} | ${sum(own.filter((x) => x.horizon === 21))} | ${failing}/${own.length} |`,
  );
}

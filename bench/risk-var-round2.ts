// VaR round 2 (docs/risk-round2-rules.md, committed before this ran): candidates scored on data BEFORE the
// evaluation window of docs/risk.md only, 5 catalog daily series × {95%, 99%} × {1 day, 21 days non-overlapping};
// score = Σ (Kupiec LR + Christoffersen LR). HELD_OUT=1 scores the six Fed H.10 dollar rates instead (a check that
// takes no part in the choice). CANDIDATES=a,b limits the run.
import { christoffersenP, kupiecP } from '../src/risk/coverage-tests.js';
import { gpdLossQuantiles } from '../src/risk/gpd-tail.js';
import { changes, lossQuantiles } from '../src/risk/returns.js';
import { forecastLoss, prepareSeries, SETTINGS } from '../src/risk/var-models.js';
import {
  asymmetricRecursion,
  ewmaRecursion,
  twoSpeedRecursion,
  type VolRecursion,
} from '../src/risk/vol-recursions.js';
import { chi2, fhsLosses, runFilter, type FilterRun } from './var-round-common.js';
import { CATALOG_DAILY_SERIES, HELD_OUT_DAILY_SERIES, readPreWindow } from './risk-daily-series.js';

const dir = process.env.RISKXPERT_SHARED_DATA ?? '/work/shared/data';
const HELD_OUT = process.env.HELD_OUT === '1';
const SERIES = HELD_OUT ? HELD_OUT_DAILY_SERIES : CATALOG_DAILY_SERIES;
const LEVELS = [0.95, 0.99];
const HORIZONS = [1, 21];

interface Candidate {
  name: string;
  recursion: VolRecursion;
  pool: number;
  tail: 'empirical' | 'gpd';
  maxHs: boolean;
}
const base = { pool: SETTINGS.fhsResiduals, tail: 'empirical', maxHs: false } as const;
const ALL: Candidate[] = [
  { ...base, name: 'ewma-0.90', recursion: ewmaRecursion(0.9) },
  { ...base, name: 'ewma-0.85', recursion: ewmaRecursion(0.85) },
  { ...base, name: 'ewma-0.80', recursion: ewmaRecursion(0.8) },
  { ...base, name: 'ewma-0.90-pool2500', recursion: ewmaRecursion(0.9), pool: 2500 },
  { ...base, name: 'twospeed-0.90-0.70', recursion: twoSpeedRecursion(0.9, 0.7) },
  { ...base, name: 'asym-0.90', recursion: asymmetricRecursion(0.9, 1.5) },
  { ...base, name: 'ewma-0.90-gpd', recursion: ewmaRecursion(0.9), tail: 'gpd' },
  { ...base, name: 'ewma-0.90-maxhs', recursion: ewmaRecursion(0.9), maxHs: true },
];
const only = process.env.CANDIDATES?.split(',');
const CANDIDATES = only ? ALL.filter((c) => only.includes(c.name)) : ALL;

const prepared = new WeakMap<Float64Array, ReturnType<typeof prepareSeries>>();
const preparedOf = (x: Float64Array) => {
  if (!prepared.has(x)) prepared.set(x, prepareSeries(x));
  return prepared.get(x)!;
};

function forecast(c: Candidate, x: Float64Array, f: FilterRun, d: number, h: number) {
  const losses = fhsLosses(c.recursion, f, d, h, c.pool);
  const out: Record<number, number> = {};
  // The generalized Pareto tail is a 1-day candidate; several days keep the bootstrap's empirical quantile.
  for (const level of LEVELS)
    out[level] = (h === 1 && c.tail === 'gpd' ? gpdLossQuantiles(losses, level) : lossQuantiles(losses, level)).var;
  if (c.maxHs) {
    const prepared = preparedOf(x);
    for (const level of LEVELS) out[level] = Math.max(out[level]!, forecastLoss('hs', prepared, d, h, level).var);
  }
  return out;
}

const data = [];
for (const s of SERIES) {
  const { since, pre } = await readPreWindow(dir, s, HELD_OUT);
  const values = pre.map((p) => p.value);
  data.push({ ...s, since, first: pre[0]!.date, x: Float64Array.from(changes(values, 'relative')), values });
}

interface Cell {
  candidate: string;
  series: string;
  level: number;
  horizon: number;
  exceedances: number;
  windows: number;
  kupiecP: number;
  christoffersenP: number;
  lr: number;
}
const cells: Cell[] = [];
for (const c of CANDIDATES) {
  const started = Date.now();
  for (const s of data) {
    const f = runFilter(c.recursion, s.x);
    for (const h of HORIZONS) {
      const hits: Record<number, boolean[]> = { 0.95: [], 0.99: [] };
      // Origin d forecasts changes d … d+h−1; the realized loss uses values up to index d+h (all before the window).
      for (let d = SETTINGS.minHistory; d + h <= s.x.length; d += h) {
        const v = forecast(c, s.x, f, d, h);
        const realized = 1 - s.values[d + h]! / s.values[d]!;
        for (const level of LEVELS) hits[level]!.push(realized > v[level]!);
      }
      for (const level of LEVELS) {
        const kp = kupiecP(hits[level]!, level);
        const cp = christoffersenP(hits[level]!);
        const cell = {
          candidate: c.name,
          series: s.name,
          level,
          horizon: h,
          exceedances: hits[level]!.filter(Boolean).length,
          windows: hits[level]!.length,
          kupiecP: kp,
          christoffersenP: cp,
          lr: chi2(kp) + chi2(cp),
        };
        cells.push(cell);
        console.log(
          `${c.name} ${s.name} ${h}d ${level * 100}%: ${cell.exceedances}/${cell.windows} K ${kp.toFixed(3)} C ${cp.toFixed(3)} LR ${cell.lr.toFixed(2)}`,
        );
      }
    }
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const score = (list: Cell[]) => ({
  lr: list.reduce((a, c) => a + c.lr, 0),
  failing: list.filter((c) => c.kupiecP < 0.05 || c.christoffersenP < 0.05).length,
});
const of = (name: string, pred: (c: Cell) => boolean = () => true) =>
  cells.filter((c) => c.candidate === name && pred(c));
const rows = CANDIDATES.map((c) => ({ name: c.name, cells: of(c.name) }));
const incumbent = CANDIDATES[0]!.name;
for (const c of CANDIDATES.slice(1))
  rows.push({
    name: `split:${c.name}`,
    cells: [...of(incumbent, (x) => x.level === 0.95), ...of(c.name, (x) => x.level === 0.99)],
  });
console.log(`\norigins: ${data.map((s) => `${s.name} ${s.first}…${s.since}`).join(', ')}`);
console.log(
  '\n| candidate | score (20 cells) | 1-day part | 21-day part | cells with p < 0.05 |\n|---|---|---|---|---|',
);
for (const r of rows) {
  const all = score(r.cells);
  const d1 = score(r.cells.filter((c) => c.horizon === 1));
  const d21 = score(r.cells.filter((c) => c.horizon === 21));
  console.log(
    `| ${r.name} | ${all.lr.toFixed(1)} | ${d1.lr.toFixed(1)} | ${d21.lr.toFixed(1)} | ${all.failing}/${r.cells.length} |`,
  );
}

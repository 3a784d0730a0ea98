// Chooses the conditional model's settings on data BEFORE 2005 only: every realized move in this run ends by
// 2004-12, so the 2005+ table in docs/scenarios.md is out of sample. Usage: RISKXPERT_DATA_DIR=... npx tsx bench/scenario-settings.ts [--since YYYY-MM --until YYYY-MM]
import { createCsvDirectoryRepository } from '../src/data/csv-directory-repository.js';
import type { ConditionalSettings } from '../src/scenario/conditional-model.js';
import { loadPanel } from '../src/scenario/monthly-panel.js';
import { runScenarioBacktest } from '../src/scenario/scenario-backtest.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const dir = process.env.RISKXPERT_DATA_DIR;
if (!dir) throw new Error('set RISKXPERT_DATA_DIR');
const since = arg('--since', '1995-01');
const until = arg('--until', '2004-12');
const PAIRS: [string, string][] = [
  ['usdkrw', 'kospi'],
  ['us10y', 'kospi'],
  ['vix', 'kospi'],
  ['wti', 'kr_cpi'],
];
const HORIZONS = [1, 3, 6];
const candidates: ConditionalSettings[] = [];
for (const band of ['empirical', 'gaussian'] as const)
  for (const window of [36, 60, 90, 120, 0])
    for (const overlapping of [true, false])
      for (const scale of [0.9, 1, 1.1, 1.2, 1.3]) candidates.push({ band, window, scale, overlapping });

const panel = await loadPanel(createCsvDirectoryRepository({ dir }), [...new Set(PAIRS.flat())]);
const scored = candidates.map((settings) => {
  let gap = 0;
  let ratio = 0;
  const cells: string[] = [];
  for (const [shock, target] of PAIRS)
    for (const horizon of HORIZONS) {
      const r = runScenarioBacktest(panel, { shocks: [shock], target, horizon, since, until, settings });
      gap += Math.abs(r.coverage80 - 0.8);
      ratio += r.maeConditional / r.maeUnconditional;
      cells.push(`${shock}>${target} h${horizon}: n=${r.windows.length} cov=${r.coverage80.toFixed(2)}`);
    }
  const n = PAIRS.length * HORIZONS.length;
  return { settings, gap: gap / n, ratio: ratio / n, cells };
});
scored.sort((a, b) => (Number.isNaN(a.gap) ? 1 : 0) - (Number.isNaN(b.gap) ? 1 : 0) || a.gap - b.gap);
for (const s of scored)
  console.log(
    `${JSON.stringify(s.settings)}  mean|cov-0.80|=${s.gap.toFixed(3)}  mean MAE ratio=${s.ratio.toFixed(3)}`,
  );
console.log(`\nbest (${since}..${until}): ${JSON.stringify(scored[0]!.settings)}\n${scored[0]!.cells.join('\n')}`);

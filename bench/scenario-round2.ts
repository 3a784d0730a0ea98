// Round 2 of the scenario band settings (docs/scenario-round2-rules.md, committed before this ran): scores the
// pre-registered candidates on origins whose realized moves all end by 2004-12 and applies the written rule.
// Usage: RISKXPERT_DATA_DIR=... npx tsx bench/scenario-round2.ts
import { createCsvDirectoryRepository } from '../src/data/csv-directory-repository.js';
import { DEFAULT_SETTINGS, type ConditionalSettings } from '../src/scenario/conditional-model.js';
import { loadPanel } from '../src/scenario/monthly-panel.js';
import { runScenarioBacktest } from '../src/scenario/scenario-backtest.js';

const dir = process.env.RISKXPERT_DATA_DIR;
if (!dir) throw new Error('set RISKXPERT_DATA_DIR');
const since = '1995-01';
const until = '2004-12';
const PAIRS: [string, string][] = [
  ['usdkrw', 'kospi'],
  ['us10y', 'kospi'],
  ['vix', 'kospi'],
  ['wti', 'kr_cpi'],
];
const HORIZONS = [1, 3, 6];
const A0 = DEFAULT_SETTINGS;
const cal = (lookback: number, symmetric: boolean) => ({ ...A0, calibration: { lookback, symmetric } });
const ewma = (halfLife: number) => ({ ...A0, window: 0, halfLife });
const CANDIDATES: [string, ConditionalSettings][] = [
  ['A0', A0],
  ['C60', cal(60, true)],
  ['C120', cal(120, true)],
  ['Call', cal(0, true)],
  ['Q60', cal(60, false)],
  ['Q120', cal(120, false)],
  ['Qall', cal(0, false)],
  ['T', { ...A0, band: 'student-t' }],
  ['E12', ewma(12)],
  ['E24', ewma(24)],
  ['E36', ewma(36)],
  ['E24C', { ...ewma(24), calibration: { lookback: 120, symmetric: true } }],
  ['E36C', { ...ewma(36), calibration: { lookback: 120, symmetric: true } }],
];

const panel = await loadPanel(createCsvDirectoryRepository({ dir }), [...new Set(PAIRS.flat())]);
const score = (settings: ConditionalSettings) => {
  let gap = 0;
  let ratio = 0;
  let outside = 0;
  const cells: string[] = [];
  for (const [shock, target] of PAIRS)
    for (const horizon of HORIZONS) {
      const r = runScenarioBacktest(panel, { shocks: [shock], target, horizon, since, until, settings });
      gap += Math.abs(r.coverage80 - 0.8);
      ratio += r.maeConditional / r.maeUnconditional;
      if (r.coverage80 < 0.75 || r.coverage80 > 0.85) outside += 1;
      cells.push(`${r.coverage80.toFixed(3)}/${(r.maeConditional / r.maeUnconditional).toFixed(3)}`);
    }
  const n = PAIRS.length * HORIZONS.length;
  return { gap: gap / n, ratio: ratio / n, outside, cells };
};

const fmt = (id: string, s: ReturnType<typeof score>) =>
  `${id.padEnd(6)} gap=${s.gap.toFixed(4)} ratio=${s.ratio.toFixed(4)} outside=${s.outside}  ${s.cells.join(' ')}`;
console.log(
  `cells (coverage/MAE ratio): ${PAIRS.flatMap(([a, b]) => HORIZONS.map((h) => `${a}>${b} h${h}`)).join(' | ')}`,
);
const scored = CANDIDATES.map(([id, settings]) => {
  const s = score(settings);
  console.log(fmt(id, s));
  return { id, settings, ...s };
});
const base = scored[0]!;
const best = Math.min(...scored.map((s) => s.gap));
// Rule 3: ties within 0.002 of the best, lower MAE ratio, then table order.
const tied = scored.filter((s) => s.gap <= best + 0.002);
const leader = tied.reduce((a, b) => (b.ratio < a.ratio ? b : a));
// Rule 2: replaces A0 only with a gain of at least 0.005.
const band = base.gap - leader.gap >= 0.005 ? leader : base;
console.log(`\nleader ${leader.id} (${leader.gap.toFixed(4)}), A0 ${base.gap.toFixed(4)}: band chosen ${band.id}`);

const fallbacks = [36, 60].map((lookback) => {
  const settings = { ...band.settings, medianFallback: { lookback } };
  const s = score(settings);
  console.log(fmt(`${band.id}+M${lookback}`, s));
  return { id: `${band.id}+M${lookback}`, settings, ...s };
});
const fb = fallbacks.reduce((a, b) => (b.gap < a.gap ? b : a));
const adopt = band.ratio - fb.ratio >= 0.002 && fb.gap - band.gap <= 0.005;
const chosen = adopt ? fb : band;
console.log(
  `median fallback ${fb.id}: ratio ${band.ratio.toFixed(4)} -> ${fb.ratio.toFixed(4)}, gap ${band.gap.toFixed(4)} -> ${fb.gap.toFixed(4)}: ${adopt ? 'adopted' : 'not adopted'}`,
);
console.log(`\nchosen (${since}..${until}): ${chosen.id} ${JSON.stringify(chosen.settings)}`);

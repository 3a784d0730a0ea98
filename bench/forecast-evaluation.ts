import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readCsvSeries } from '../src/data/read-csv-series.js';
import { resampleMonthEnd } from '../src/data/resample.js';
import type { Point } from '../src/data/series.js';
import { ar1Changes } from '../src/forecast/selection/ar1-changes.js';
import { isDaily } from '../src/forecast/selection/daily-vol-scale.js';
import { MENU } from '../src/forecast/selection/menu.js';
import { DEFAULT_SELECTION } from '../src/forecast/selection/selection-core.js';
import {
  blockCoverages,
  bootstrapGeoMean,
  EVAL_PERIOD,
  evaluateSeries,
  geoMean,
  SELECTION_PERIOD,
  type EvalCell,
  type EvalSeries,
  type EvalVariant,
} from '../src/forecast/selection/panel-evaluation.js';
import { NAIVE_MEDIAN_FAMILIES, VOL_SCALED_FAMILIES } from '../src/forecast/selection/selection-forecaster.js';
import type { CalibrationMode } from '../src/forecast/selection/band-calibration.js';

/**
 * The selection forecaster's evaluation (FORECASTING.md's protocol), the tables of models/MODEL_CARD.md:
 *   npm run eval:forecast -- --data /work/shared/data
 * With --select: only the pre-2016 comparison of the settings variants (origins from 2000 whose targets end
 * before 2016-01), the table the served settings were chosen from; it reads no outcome from 2016 on.
 */
type Family = EvalSeries['family'];
export interface Source {
  name: string;
  family: Family;
  file: string;
  dateCol?: string;
  valueCol?: string;
  filter?: { col: string; equals: string };
  /** Header-less `date,value` files (the Korean cycle indices). */
  bare?: boolean;
}

export const PANEL: Source[] = [
  { name: 'KOSPI', family: 'equity', file: 'kospi_ks11_daily_yfinance.csv', dateCol: 'Price', valueCol: 'Close' },
  {
    name: 'USD/KRW',
    family: 'fx',
    file: 'fred_DEXKOUS_usdkrw_daily.csv',
    dateCol: 'observation_date',
    valueCol: 'DEXKOUS',
  },
  {
    name: 'Korea CPI',
    family: 'inflation',
    file: 'fred_KORCPIALLMINMEI_korea_cpi_monthly.csv',
    dateCol: 'DATE',
    valueCol: 'KORCPIALLMINMEI',
  },
  { name: 'US 10y', family: 'rate', file: 'us10y_yield_monthly.csv', dateCol: 'Date', valueCol: 'Rate' },
  { name: 'Gold', family: 'commodity', file: 'gold_monthly.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'WTI', family: 'commodity', file: 'oil_wti_daily.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'Brent', family: 'commodity', file: 'oil_brent_daily.csv', dateCol: 'Date', valueCol: 'Price' },
  { name: 'VIX', family: 'volatility', file: 'vix_daily.csv', dateCol: 'DATE', valueCol: 'CLOSE' },
];
const fx = (country: string): Source => ({
  name: `FX ${country}`,
  family: 'fx',
  file: 'fx_fed_h10_monthly_long.csv',
  dateCol: 'Date',
  valueCol: 'Exchange rate',
  filter: { col: 'Country', equals: country },
});
const policy = (code: string, name: string): Source => ({
  name,
  family: 'rate',
  file: 'bis_policy_rates_monthly.csv',
  dateCol: 'Date',
  valueCol: 'Interest Rate',
  filter: { col: 'Country', equals: code },
});
/** Used for no choice: fixed before any of them was scored. */
export const UNTOUCHED: Source[] = [
  {
    name: 'S&P 500 (Shiller)',
    family: 'equity',
    file: 'sp500_shiller_monthly.csv',
    dateCol: 'Date',
    valueCol: 'SP500',
  },
  fx('Japan'),
  fx('Canada'),
  fx('Switzerland'),
  fx('United Kingdom'),
  fx('Australia'),
  fx('China'),
  policy('KR', 'Korea policy rate'),
  policy('US', 'US policy rate'),
  { name: 'Korea leading index (cycle)', family: undefined, file: 'kr_leading_index_cycle_monthly.csv', bare: true },
  {
    name: 'Korea coincident index (cycle)',
    family: undefined,
    file: 'kr_coincident_index_cycle_monthly.csv',
    bare: true,
  },
];
const HORIZONS = [3, 6, 12];
/** Origin-year blocks of the pre-2016 period for the coverage-stability count (ROUND3_RULES.md). */
const SELECTION_BLOCKS = [
  ['2000', '2004'],
  ['2005', '2009'],
  ['2010', '2015'],
] as const;
const FAMILIES: Record<string, string> = {
  equity: 'equities',
  fx: 'FX',
  inflation: 'Korea CPI',
  rate: 'rates',
  commodity: 'commodities',
  volatility: 'VIX',
  other: 'cycle indices',
};

export async function load(dir: string, s: Source): Promise<EvalSeries> {
  const text = (await readFile(join(dir, s.file), 'utf8')).replace(/^\uFEFF/, '');
  let points: Point[];
  if (s.bare) {
    points = text
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const [date, value] = l.split(',');
        return { date: date!.trim(), value: Number(value) };
      })
      .filter((p) => Number.isFinite(p.value));
  } else {
    points = readCsvSeries(
      text,
      { dateCol: s.dateCol!, valueCol: s.valueCol!, ...(s.filter ? { filter: s.filter } : {}) },
      s.file,
    ).points;
  }
  // Shiller's file pads its last rows with zeros in other columns; a zero or missing price is no observation.
  if (s.family !== 'rate') points = points.filter((p) => p.value !== 0);
  const monthly = resampleMonthEnd(points);
  return { name: s.name, family: s.family, monthly, ...(isDaily(points, monthly.length) ? { daily: points } : {}) };
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');

function table(title: string, evalCells: EvalCell[], preCells: EvalCell[]): string[] {
  const out = [
    `### ${title}`,
    '',
    '| series | h | origins | WQL / naive | cov80 | naive cov80 | pre-2016 origins | pre-2016 WQL / naive | pre-2016 cov80 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  evalCells.forEach((c, i) => {
    const p = preCells[i]!;
    out.push(
      `| ${c.series} | ${c.horizon} | ${c.origins} | ${f3(c.ratio)} | ${f2(c.coverage)} | ${f2(c.naiveCoverage)} | ${p.origins} | ${p.origins ? f3(p.ratio) : 'n/a'} | ${p.origins ? f2(p.coverage) : 'n/a'} |`,
    );
  });
  const [lo, hi] = bootstrapGeoMean(evalCells);
  const [plo, phi] = bootstrapGeoMean(preCells.filter((c) => c.origins > 0));
  out.push(
    `| **geometric mean** | | | **${f3(geoMean(evalCells))}** (90% year-block ${f3(lo)}–${f3(hi)}) | ${f2(mean(evalCells.map((c) => c.coverage)))} (mean) | ${f2(mean(evalCells.map((c) => c.naiveCoverage)))} | | ${f3(geoMean(preCells))} (${f3(plo)}–${f3(phi)}) | ${f2(mean(preCells.filter((c) => c.origins).map((c) => c.coverage)))} |`,
  );
  out.push('');
  const fams = [...new Set(evalCells.map((c) => c.family))];
  out.push('| family | WQL / naive after 2016 | pre-2016 | cov80 range after 2016 |', '|---|---|---|---|');
  for (const f of fams) {
    const e = evalCells.filter((c) => c.family === f);
    const p = preCells.filter((c) => c.family === f);
    const covs = e.map((c) => c.coverage);
    out.push(
      `| ${FAMILIES[f] ?? f} | ${f3(geoMean(e))} | ${f3(geoMean(p))} | ${f2(Math.min(...covs))}–${f2(Math.max(...covs))} |`,
    );
  }
  const off = evalCells.filter((c) => c.coverage < 0.75 || c.coverage > 0.85);
  const naiveOff = evalCells.filter((c) => c.naiveCoverage < 0.75 || c.naiveCoverage > 0.85).length;
  out.push(
    '',
    `Coverage outside 0.75–0.85 after 2016 (${off.length} of ${evalCells.length}; naive's band: ${naiveOff}): ${off.length ? off.map((c) => `${c.series} h${c.horizon} ${f2(c.coverage)}`).join(', ') : 'none'}.`,
    '',
  );
  return out;
}

function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}

export async function run(
  dir: string,
  selectOnly: boolean,
  extraVariants: Record<string, EvalVariant> = {},
  family?: string,
): Promise<void> {
  // --family F: only that catalog family's series (a quicker look; the card's tables are the whole run).
  const keep = (s: Source) => family === undefined || (s.family ?? 'other') === family;
  const panel = await Promise.all(PANEL.filter(keep).map((s) => load(dir, s)));
  if (selectOnly) {
    const menuCache = new Map<string, Map<string, Float64Array[]>>();
    const cal = (
      calibrationWindow: number,
      calibrationWeight: number,
      calibrationFloor = 0.5,
      calibrationCeiling = 1.5,
    ): EvalVariant => ({
      settings: {
        ...DEFAULT_SELECTION,
        calibrationMode: 'window',
        calibrationWindow,
        calibrationWeight,
        calibrationFloor,
        calibrationCeiling,
      },
    });
    // Round 3 (models/ROUND3_RULES.md): per-side and adaptive calibrations, factor bounds 0.5-2.
    const r3 = (
      calibrationMode: CalibrationMode,
      calibrationWindow: number,
      calibrationWeight: number,
      aciRate = 0.1,
    ): EvalVariant => ({
      settings: {
        ...DEFAULT_SELECTION,
        calibrationMode,
        calibrationWindow,
        calibrationWeight,
        aciRate,
        calibrationFloor: 0.5,
        calibrationCeiling: 2,
      },
    });
    const r3b = (calibrationMode: CalibrationMode, aciRate: number): EvalVariant => ({
      settings: {
        ...DEFAULT_SELECTION,
        calibrationMode,
        calibrationWindow: 60,
        calibrationWeight: 0.5,
        aciRate,
        aciWindow: 120,
        calibrationFloor: 0.5,
        calibrationCeiling: 2,
      },
    });
    const noRateScale = new Set([...VOL_SCALED_FAMILIES].filter((f) => f !== 'rate'));
    const variants: Record<string, EvalVariant> = {
      'served (defaults)': {},
      'round 1 (no naive-median families, no band calibration)': {
        naiveMedianFamilies: new Set(),
        settings: { ...DEFAULT_SELECTION, calibrationWindow: 0 },
      },
      'top 2, vol scaling on equity/rate/commodity': { volScaledFamilies: new Set(['equity', 'rate', 'commodity']) },
      'top 2, no vol scaling': { volScaledFamilies: new Set() },
      'top 2, vol scaling everywhere': {
        volScaledFamilies: new Set(['equity', 'rate', 'commodity', 'fx', 'inflation', 'volatility']),
      },
      'top 1': { settings: { ...DEFAULT_SELECTION, top: 1 } },
      'top 3': { settings: { ...DEFAULT_SELECTION, top: 3 } },
      'score window 60': { settings: { ...DEFAULT_SELECTION, scoreWindow: 60 } },
      'EWMA lambda 0.97': { settings: { ...DEFAULT_SELECTION, ewmaLambda: 0.97 } },
      'no naive-median family': { naiveMedianFamilies: new Set() },
      'naive median on FX only': { naiveMedianFamilies: new Set(['fx']) },
      'naive median on rates too': { naiveMedianFamilies: new Set([...NAIVE_MEDIAN_FAMILIES, 'rate']) },
      'naive median on VIX too': { naiveMedianFamilies: new Set([...NAIVE_MEDIAN_FAMILIES, 'volatility']) },
      'band calibration off': cal(0, 1),
      'band calibration K 36': cal(36, 1),
      'band calibration K 60': cal(60, 1),
      'band calibration K 120': cal(120, 1),
      'band calibration K 240': cal(240, 1),
      'band calibration K 36, weight 0.5': cal(36, 0.5),
      'band calibration K 60, weight 0.5': cal(60, 0.5),
      'band calibration K 120, weight 0.5': cal(120, 0.5),
      'band calibration K 240, weight 0.5': cal(240, 0.5),
      'band calibration K 60, weight 0.5, ceiling 2.5': cal(60, 0.5, 0.5, 2.5),
      'band calibration K 60, weight 0.5, ceiling 2': cal(60, 0.5, 0.5, 2),
      'band calibration K 120, weight 0.5, ceiling 1.5': cal(120, 0.5, 0.5, 1.5),
      'band calibration K 60, weight 0.5, floor 0.8': cal(60, 0.5, 0.8, 1.5),
      'band calibration K 60, weight 0.5, widen only': cal(60, 0.5, 1, 1.5),
      'r3 per-side window K 60, weight 0.5': r3('window-sides', 60, 0.5),
      'r3 per-side window K 60, weight 1': r3('window-sides', 60, 1),
      'r3 per-side window K 120, weight 0.5': r3('window-sides', 120, 0.5),
      'r3 per-side window K 120, weight 1': r3('window-sides', 120, 1),
      'r3 adaptive, rate 0.05, W 120': r3('aci', 120, 1, 0.05),
      'r3 adaptive, rate 0.1, W 120': r3('aci', 120, 1, 0.1),
      'r3 adaptive, rate 0.2, W 120': r3('aci', 120, 1, 0.2),
      'r3 adaptive, rate 0.1, W 60': r3('aci', 60, 1, 0.1),
      'r3 adaptive per side, rate 0.05, W 120': r3('aci-sides', 120, 1, 0.05),
      'r3 adaptive per side, rate 0.1, W 120': r3('aci-sides', 120, 1, 0.1),
      'r3 adaptive per side, rate 0.2, W 120': r3('aci-sides', 120, 1, 0.2),
      'r3 adaptive per side, rate 0.1, W 60': r3('aci-sides', 60, 1, 0.1),
      'r3b adaptive half weight, rate 0.1, W 120': r3('aci', 120, 0.5, 0.1),
      'r3b adaptive half weight, rate 0.2, W 120': r3('aci', 120, 0.5, 0.2),
      'r3b served window x adaptive half weight, rate 0.1, W 120': r3b('window+aci', 0.1),
      'r3b served window x adaptive half weight, rate 0.2, W 120': r3b('window+aci', 0.2),
      'r3b served window x adaptive half weight per side, rate 0.1, W 120': r3b('window+aci-sides', 0.1),
      'r3 error window 360': { settings: { ...DEFAULT_SELECTION, errorWindow: 360 } },
      'r3 rates: no vol scale': { volScaledFamilies: noRateScale },
      'r3 rates: naive median': { naiveMedianFamilies: new Set([...NAIVE_MEDIAN_FAMILIES, 'rate']) },
      'r3 rates: naive median, no vol scale': {
        volScaledFamilies: noRateScale,
        naiveMedianFamilies: new Set([...NAIVE_MEDIAN_FAMILIES, 'rate']),
      },
      // Round 4 (models/ROUND4_RULES.md): the band's volatility scale reverts to its long run over the horizon.
      'r4 horizon scale rho 0.8': { settings: { ...DEFAULT_SELECTION, volHorizonRho: 0.8 } },
      'r4 horizon scale rho 0.9': { settings: { ...DEFAULT_SELECTION, volHorizonRho: 0.9 } },
      'r4 horizon scale rho 0.95': { settings: { ...DEFAULT_SELECTION, volHorizonRho: 0.95 } },
      // Round 4, rule 2: one family's volatility scale flipped (the served scale won rule 1).
      ...Object.fromEntries(
        ['fx', 'volatility', 'equity', 'rate', 'commodity', 'inflation'].map((f) => [
          `r4 flip vol scale: ${f}`,
          {
            volScaledFamilies: new Set(
              VOL_SCALED_FAMILIES.has(f)
                ? [...VOL_SCALED_FAMILIES].filter((x) => x !== f)
                : [...VOL_SCALED_FAMILIES, f],
            ),
          },
        ]),
      ),
      // Round 4b: one family's band uncentred (its median carries the composite's own median error).
      ...Object.fromEntries(
        ['equity', 'fx', 'inflation', 'rate', 'commodity', 'volatility'].map((f) => [
          `r4b uncentred: ${f}`,
          { uncentredFamilies: new Set(f === 'equity' ? [f, 'stock'] : [f]) },
        ]),
      ),
      'r4b uncentred: all': {
        uncentredFamilies: new Set(['equity', 'stock', 'fx', 'inflation', 'rate', 'commodity', 'volatility']),
      },
      // Round 5 (models/ROUND5_RULES.md): the band's scale from daily realised volatility where daily data exist.
      ...Object.fromEntries(
        [0.94, 0.97, 0.99].flatMap((l) => {
          const settings = { ...DEFAULT_SELECTION, dailyVolLambda: l };
          const flip = (f: string) => new Set([...VOL_SCALED_FAMILIES, f]);
          return [
            [`r5 daily vol lambda ${l}`, { settings, dailyVolFamilies: VOL_SCALED_FAMILIES }],
            [
              `r5 flip daily vol lambda ${l}: fx`,
              { settings, volScaledFamilies: flip('fx'), dailyVolFamilies: flip('fx') },
            ],
            [
              `r5 flip daily vol lambda ${l}: volatility`,
              { settings, volScaledFamilies: flip('volatility'), dailyVolFamilies: flip('volatility') },
            ],
          ];
        }),
      ),
      // Rule 2 if rule 1 has no winner: FX or VIX get the daily scale (0.97), the others keep the monthly one.
      ...Object.fromEntries(
        ['fx', 'volatility'].map((f) => [
          `r5 flip daily vol 0.97 on served: ${f}`,
          {
            settings: { ...DEFAULT_SELECTION, dailyVolLambda: 0.97 },
            volScaledFamilies: new Set([...VOL_SCALED_FAMILIES, f]),
            dailyVolFamilies: new Set([f]),
          },
        ]),
      ),
      // Round 6 (models/ROUND6_RULES.md): an AR(1) on monthly changes added to the menu; rule 2, commodities on it.
      ...Object.fromEntries(
        (
          [
            ['A', [['ar1-diff-120', ar1Changes(120)]]],
            ['B', [['ar1-diff-240', ar1Changes(240)]]],
            [
              'C',
              [
                ['ar1-diff-120', ar1Changes(120)],
                ['ar1-diff-240', ar1Changes(240)],
              ],
            ],
            ['D', [['ar1-diff-mean-120', ar1Changes(120, true)]]],
          ] as const
        ).flatMap(([label, added]) => {
          const menu = [...MENU, ...added.map(([name, run]) => ({ name, run }))];
          const names = added.map(([name]) => name).join(' + ');
          const selectCommodities = new Set([...NAIVE_MEDIAN_FAMILIES].filter((f) => f !== 'commodity'));
          return [
            [`r6 menu ${label} (+ ${names})`, { menu }],
            [`r6 menu ${label}, commodities on the selection`, { menu, naiveMedianFamilies: selectCommodities }],
          ];
        }),
      ),
      ...extraVariants,
    };
    console.log(
      `Settings variants on the 8-series panel, origins from ${SELECTION_PERIOD.from} with targets before ${SELECTION_PERIOD.targetsBefore}\n`,
    );
    console.log(
      '| variant | WQL / naive | ' +
        Object.values(FAMILIES).slice(0, 6).join(' | ') +
        ' | min cov80 | max cov80 | cells outside 0.75–0.85 | 5-year blocks outside 0.70–0.90 |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    // --only PREFIX: the served row and the variants whose name starts with PREFIX (one round's rows).
    const only = process.argv.indexOf('--only');
    const prefix = only >= 0 ? process.argv[only + 1] : undefined;
    for (const [name, v] of Object.entries(variants)) {
      if (prefix !== undefined && name !== 'served (defaults)' && !name.startsWith(prefix)) continue;
      const cells = panel.flatMap((s) => evaluateSeries(s, HORIZONS, [SELECTION_PERIOD], { ...v, menuCache })[0]!);
      const fam = Object.keys(FAMILIES)
        .slice(0, 6)
        .map((f) => f3(geoMean(cells.filter((c) => c.family === f))));
      const covs = cells.map((c) => c.coverage);
      const outside = cells.filter((c) => c.coverage < 0.75 || c.coverage > 0.85).length;
      const blocks = cells.flatMap((c) => blockCoverages(c, SELECTION_BLOCKS));
      const blockOut = blocks.filter((b) => b < 0.7 || b > 0.9).length;
      console.log(
        `| ${name} | ${f3(geoMean(cells))} | ${fam.join(' | ')} | ${f2(Math.min(...covs))} | ${f2(Math.max(...covs))} | ${outside} of ${cells.length} | ${blockOut} of ${blocks.length} |`,
      );
    }
    return;
  }
  const lines: string[] = [
    `Origins: month ends from ${EVAL_PERIOD.from} to the last with a known outcome; pre-2016: origins from ${SELECTION_PERIOD.from} whose targets end before ${SELECTION_PERIOD.targetsBefore}. Horizons ${HORIZONS.join('/')}, scored at the h-step target.`,
    '',
  ];
  for (const [title, sources] of [
    ['The 8-series panel', PANEL],
    ['Series used for no choice', UNTOUCHED],
  ] as const) {
    const series =
      title === 'The 8-series panel' ? panel : await Promise.all(sources.filter(keep).map((s) => load(dir, s)));
    if (series.length === 0) continue;
    const both = series.map((s) => evaluateSeries(s, HORIZONS, [EVAL_PERIOD, SELECTION_PERIOD]));
    lines.push(
      ...table(
        title,
        both.flatMap((b) => b[0]!),
        both.flatMap((b) => b[1]!),
      ),
    );
  }
  console.log(lines.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--data');
  const dir = i >= 0 ? process.argv[i + 1] : process.env.RISKXPERT_DATA_DIR;
  if (!dir) {
    console.error(
      'usage: npm run eval:forecast -- --data /path/to/shared/data [--select] [--family equity|fx|inflation|rate|commodity|volatility|other]',
    );
    process.exit(2);
  }
  const t0 = Date.now();
  const f = process.argv.indexOf('--family');
  await run(dir, process.argv.includes('--select'), {}, f >= 0 ? process.argv[f + 1] : undefined);
  console.error(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

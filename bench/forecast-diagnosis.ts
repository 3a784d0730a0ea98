import { pathToFileURL } from 'node:url';
import { pinball, WQL_LEVELS } from '../src/forecast/metrics.js';
import { analyseSeries, DEFAULT_SELECTION, SELECTION_LEVELS } from '../src/forecast/selection/selection-core.js';
import {
  EVAL_PERIOD,
  SELECTION_PERIOD,
  type EvalPeriod,
  type EvalSeries,
} from '../src/forecast/selection/panel-evaluation.js';
import { NAIVE_MEDIAN_FAMILIES, useLogs, VOL_SCALED_FAMILIES } from '../src/forecast/selection/selection-forecaster.js';
import { load, PANEL, UNTOUCHED } from './forecast-evaluation.js';

/**
 * Where a series' WQL against naive comes from: the median or the band (issue 18's diagnosis).
 *   npx tsx bench/forecast-diagnosis.ts --data /work/shared/data [--series "US 10y"] [--pre-only] [--blocks]
 * Per series, horizon and period: the served WQL / naive; "median only" (the served median with naive's band
 * offsets); "band only" (naive's median, the served band offsets); the median's mean absolute error / naive's;
 * the 10–90% width / naive's; and the band-only ratio without the volatility scale and without calibration.
 * --pre-only prints the pre-2016 period alone (what a setting may be chosen on). --blocks: per cell after 2016,
 * per block of origin years (2016–19, 2020–22, 2023–), where the band misses (cellBlocks).
 */
const ROWS = WQL_LEVELS.map((l) => SELECTION_LEVELS.findIndex((x) => Math.abs(x - l) < 1e-9));
const LO = SELECTION_LEVELS.indexOf(0.1);
const HI = SELECTION_LEVELS.indexOf(0.9);

function diagnose(s: EvalSeries, periods: readonly EvalPeriod[], horizons: readonly number[]): string[] {
  const values = s.monthly.map((p) => p.value);
  const logs = useLogs(values, s.family);
  const y = Float64Array.from(values, (v) => (logs ? Math.log(v) : v));
  const back = logs ? Math.exp : (v: number) => v;
  const H = Math.max(...horizons);
  const startIdx = Math.max(
    0,
    s.monthly.findIndex((p) => p.date >= '1965-01'),
  );
  const fam = s.family ?? 'other';
  const base = {
    H,
    firstOrigin: startIdx,
    logs,
    naiveMedian: NAIVE_MEDIAN_FAMILIES.has(fam),
    volScaling: VOL_SCALED_FAMILIES.has(fam),
  };
  const menuCache = new Map<string, Float64Array[]>();
  const served = analyseSeries(y, { ...base, menuCache });
  const noScale = analyseSeries(y, { ...base, volScaling: false, menuCache });
  const noCal = analyseSeries(y, { ...base, settings: { ...DEFAULT_SELECTION, calibrationWindow: 0 }, menuCache });
  const month = (i: number) => s.monthly[i]!.date.slice(0, 7);
  const out: string[] = [];
  for (const period of periods) {
    for (const h of horizons) {
      const k = h - 1;
      const acc = { srv: 0, nai: 0, med: 0, band: 0, bandNoScale: 0, bandNoCal: 0, aeS: 0, aeN: 0, wS: 0, wN: 0 };
      let n = 0;
      let inS = 0;
      let inN = 0;
      for (let t = served.first; t + k < y.length; t += 1) {
        if (month(t - 1) < period.from) continue;
        if (period.targetsBefore && month(t + k) >= period.targetsBefore) continue;
        const last = y[t - 1]!;
        const med = served.composite(t, k);
        const sb = served.bandOffsets(t, h)[k]!;
        const nb = served.naiveOffsets(t, k);
        const ub = noScale.bandOffsets(t, h)[k]!;
        const cb = noCal.bandOffsets(t, h)[k]!;
        const actual = back(y[t + k]!);
        ROWS.forEach((row, i) => {
          const l = WQL_LEVELS[i]!;
          acc.srv += pinball(actual, back(med + sb[row]!), l);
          acc.nai += pinball(actual, back(last + nb[row]!), l);
          acc.med += pinball(actual, back(med + nb[row]!), l);
          acc.band += pinball(actual, back(last + sb[row]!), l);
          acc.bandNoScale += pinball(actual, back(last + ub[row]!), l);
          acc.bandNoCal += pinball(actual, back(last + cb[row]!), l);
        });
        acc.aeS += Math.abs(actual - back(med));
        acc.aeN += Math.abs(actual - back(last));
        acc.wS += back(med + sb[HI]!) - back(med + sb[LO]!);
        acc.wN += back(last + nb[HI]!) - back(last + nb[LO]!);
        if (actual >= back(med + sb[LO]!) && actual <= back(med + sb[HI]!)) inS += 1;
        if (actual >= back(last + nb[LO]!) && actual <= back(last + nb[HI]!)) inN += 1;
        n += 1;
      }
      if (n === 0) continue;
      const r = (x: number) => (x / acc.nai).toFixed(3);
      out.push(
        `| ${s.name} | ${period.targetsBefore ? 'pre-2016' : '2016+'} | ${h} | ${n} | ${r(acc.srv)} | ${r(acc.med)} | ${r(acc.band)} | ${(acc.aeS / acc.aeN).toFixed(3)} | ${(acc.wS / acc.wN).toFixed(2)} | ${(inS / n).toFixed(2)} | ${(inN / n).toFixed(2)} | ${r(acc.bandNoScale)} | ${r(acc.bandNoCal)} |`,
      );
    }
  }
  return out;
}

/** Origin-year blocks after 2016: before the pandemic, the 2020–22 moves, since. */
const BLOCKS = [
  ['2016', '2019'],
  ['2020', '2022'],
  ['2023', '9999'],
] as const;

/**
 * Per (series, horizon) after 2016 and per block of origin years: the served WQL / naive, the coverage of the
 * served and of naive's 80% band, where the misses fall (below / above the band) and the band's width / naive's.
 */
function cellBlocks(s: EvalSeries, horizons: readonly number[]): string[] {
  const values = s.monthly.map((p) => p.value);
  const logs = useLogs(values, s.family);
  const y = Float64Array.from(values, (v) => (logs ? Math.log(v) : v));
  const back = logs ? Math.exp : (v: number) => v;
  const fam = s.family ?? 'other';
  const a = analyseSeries(y, {
    H: Math.max(...horizons),
    firstOrigin: Math.max(
      0,
      s.monthly.findIndex((p) => p.date >= '1965-01'),
    ),
    logs,
    naiveMedian: NAIVE_MEDIAN_FAMILIES.has(fam),
    volScaling: VOL_SCALED_FAMILIES.has(fam),
  });
  const month = (i: number) => s.monthly[i]!.date.slice(0, 7);
  const out: string[] = [];
  for (const h of horizons) {
    const k = h - 1;
    const parts: string[] = [];
    for (const [from, to] of BLOCKS) {
      let srv = 0;
      let nai = 0;
      let n = 0;
      let below = 0;
      let above = 0;
      let inN = 0;
      let wS = 0;
      let wN = 0;
      for (let t = a.first; t + k < y.length; t += 1) {
        const yr = month(t - 1).slice(0, 4);
        if (month(t - 1) < EVAL_PERIOD.from || yr < from || yr > to) continue;
        const med = a.composite(t, k);
        const sb = a.bandOffsets(t, h)[k]!;
        const nb = a.naiveOffsets(t, k);
        const last = y[t - 1]!;
        const actual = back(y[t + k]!);
        ROWS.forEach((row, i) => {
          srv += pinball(actual, back(med + sb[row]!), WQL_LEVELS[i]!);
          nai += pinball(actual, back(last + nb[row]!), WQL_LEVELS[i]!);
        });
        if (actual < back(med + sb[LO]!)) below += 1;
        if (actual > back(med + sb[HI]!)) above += 1;
        if (actual >= back(last + nb[LO]!) && actual <= back(last + nb[HI]!)) inN += 1;
        wS += back(med + sb[HI]!) - back(med + sb[LO]!);
        wN += back(last + nb[HI]!) - back(last + nb[LO]!);
        n += 1;
      }
      parts.push(
        n === 0
          ? 'n/a'
          : `${(srv / nai).toFixed(2)}, ${(1 - (below + above) / n).toFixed(2)} (${(inN / n).toFixed(2)}), ${below}↓ ${above}↑ of ${n}, ×${(wS / wN).toFixed(2)}`,
      );
    }
    out.push(`| ${s.name} | ${h} | ${parts.join(' | ')} |`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const dir = arg('--data') ?? process.env.RISKXPERT_DATA_DIR;
  if (!dir) {
    console.error(
      'usage: npx tsx bench/forecast-diagnosis.ts --data /path/to/shared/data [--series NAME] [--pre-only]',
    );
    process.exit(2);
  }
  const only = arg('--series');
  const periods = process.argv.includes('--pre-only') ? [SELECTION_PERIOD] : [SELECTION_PERIOD, EVAL_PERIOD];
  const sources = [...PANEL, ...UNTOUCHED].filter((x) => only === undefined || x.name === only);
  if (process.argv.includes('--blocks')) {
    console.log(
      '| series | h | 2016–2019: WQL / naive, cov80 (naive), misses below / above, width / naive | 2020–2022 | 2023– |',
    );
    console.log('|---|---|---|---|---|');
    for (const src of sources) for (const line of cellBlocks(await load(dir, src), [3, 6, 12])) console.log(line);
    process.exit(0);
  }
  console.log(
    '| series | period | h | origins | WQL / naive | median only | band only | MAE / naive | width / naive | cov80 | naive cov80 | band only, no vol scale | band only, no calibration |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const src of sources) for (const line of diagnose(await load(dir, src), periods, [3, 6, 12])) console.log(line);
}

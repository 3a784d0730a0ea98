// Builds the VaR backtest tables of docs/risk.md from the shared daily series (RISKXPERT_SHARED_DATA, default
// /work/shared/data). Each row is also one `riskxpert risk backtest` command, printed below the tables.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readSeriesFromCsvText } from '../src/forecast/csv-series-reader.js';
import { baselByYear, backtestVar, type VarBacktestOptions } from '../src/risk/var-backtest.js';
import { CATALOG_DAILY_SERIES } from './risk-daily-series.js';

const dir = process.env.RISKXPERT_SHARED_DATA ?? '/work/shared/data';
const SERIES = CATALOG_DAILY_SERIES;
// The model in use (EWMA 0.90 with loss weight 1.5, both chosen before the window), the round-1 model (symmetric
// EWMA 0.90) for comparison, and the baselines.
const COLUMNS: Pick<VarBacktestOptions, 'method' | 'decay' | 'lossWeight'>[] = [
  { method: 'fhs' },
  { method: 'fhs', lossWeight: 1 },
  { method: 'hs' },
  { method: 'normal' },
];
const horizons = (process.env.HORIZONS ?? '1,21').split(',').map(Number);
const f = (x: number) => x.toFixed(3);
const rows: string[] = [];
const commands: string[] = [];
const basel: string[] = [];
for (const s of SERIES) {
  const { points } = readSeriesFromCsvText(await readFile(join(dir, s.file), 'utf8'), { valueCol: s.valueCol }, s.file);
  // The last ten years of each file: the evaluation period starts ten years before its last observation.
  const last = points.at(-1)!.date;
  const since = `${Number(last.slice(0, 4)) - 10}${last.slice(4)}`;
  for (const horizonDays of horizons) {
    for (const level of [0.95, 0.99]) {
      commands.push(
        `riskxpert risk backtest --csv ${join(dir, s.file)} --value-col ${s.valueCol} --horizon-days ${horizonDays} --level ${level} --since ${since} --json`,
      );
      const cells = COLUMNS.map((column, c) => {
        const r = backtestVar(points, { horizonDays, level, since, ...column });
        if (c === 0 && level === 0.99 && horizonDays === 1) {
          const years = baselByYear(r).filter((y) => y.windows >= 200);
          const green = years.filter((y) => y.zone === 'green').length;
          basel.push(
            `| ${s.name} | ${green}/${years.length} | ${years.map((y) => `${y.year}:${y.exceedances}${y.zone[0]}`).join(' ')} |`,
          );
        }
        return `${r.exceedances}/${r.windows.length} · ${f(r.kupiecP)} · ${f(r.christoffersenP)}`;
      });
      rows.push(`| ${s.name} | ${since} … ${last} | ${horizonDays}d | ${level * 100}% | ${cells.join(' | ')} |`);
    }
  }
}
console.log(
  '| series | evaluation | horizon | level | FHS (asymmetric EWMA 0.90) exc · Kupiec p · Chr. p | FHS (EWMA 0.90, round 1) | historical 500d | normal 250d |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log('\n| series (FHS, 1-day 99%) | green years | exceedances per full year (g/y/r) |\n|---|---|---|');
for (const b of basel) console.log(b);
console.log(`\n${commands.map((c) => `    ${c}`).join('\n')}`);

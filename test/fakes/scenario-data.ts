import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addMonths } from '../../src/scenario/monthly-panel.js';
import { gaussian } from './random-walk.js';

/**
 * A RISKXPERT_DATA_DIR of synthetic month-end series (`<id>.csv`, date,value) from 1990-01 for 35 years: KOSPI falls
 * 1.5% per 1% the won weakens, US 10y moves on its own in %p. Tests never need the real data.
 */
export function scenarioDataDir(seed = 5): { dir: string; drop(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rx-scenario-data-'));
  const z = gaussian(seed);
  const n = 420;
  const fx = [1000];
  const eq = [2000];
  const rate = [5];
  for (let i = 1; i < n; i++) {
    const d = 0.03 * z();
    fx.push(fx[i - 1]! * Math.exp(d));
    eq.push(eq[i - 1]! * Math.exp(-1.5 * d + 0.02 * z()));
    rate.push(Math.max(0.1, rate[i - 1]! + 0.15 * z()));
  }
  const write = (id: string, values: number[]) =>
    writeFileSync(
      join(dir, `${id}.csv`),
      `date,value\n${values.map((v, i) => `${addMonths('1990-01', i)}-28,${v.toFixed(4)}`).join('\n')}\n`,
    );
  write('usdkrw', fx);
  write('kospi', eq);
  write('us10y', rate);
  return { dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
}

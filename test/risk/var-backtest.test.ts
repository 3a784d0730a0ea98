import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { registerRiskCommands } from '../../src/cli/risk-commands.js';
import { baselZone, christoffersenP, kupiecP } from '../../src/risk/coverage-tests.js';
import { normalQuantile } from '../../src/risk/normal-quantile.js';
import { seededRandom } from '../../src/risk/random.js';
import { backtestVar } from '../../src/risk/var-backtest.js';

/** A synthetic price path with volatility regimes (calm, then a turbulent stretch), reproducible from a seed. */
function pricePath(n: number, seed = 7): { date: string; value: number }[] {
  const random = seededRandom(seed);
  const out: { date: string; value: number }[] = [];
  let price = 100;
  const start = Date.UTC(2010, 0, 1);
  for (let i = 0; i < n; i += 1) {
    const vol = i % 700 > 500 ? 0.03 : 0.01;
    const u = random() + random() + random() + random() - 2; // roughly normal, variance 1/3
    price *= 1 + vol * u * Math.sqrt(3);
    out.push({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), value: price });
  }
  return out;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    [registerRiskCommands],
    {},
    { out: (t) => void (out += t), err: (t) => void (err += t) },
  );
  return { code, out, err };
}

describe('coverage tests', () => {
  it('Kupiec and Christoffersen p-values match the closed forms (checked by hand in Python)', () => {
    const hits = Array.from({ length: 250 }, (_, i) => i < 10);
    expect(kupiecP(hits, 0.99)).toBeCloseTo(0.000319, 5);
    const pattern = Array.from({ length: 100 }, (_, i) => [10, 11, 50, 51, 80].includes(i));
    expect(christoffersenP(pattern)).toBeCloseTo(0.01208, 4);
    expect(
      kupiecP(
        Array.from({ length: 1000 }, (_, i) => i % 100 === 0),
        0.99,
      ),
    ).toBeCloseTo(1, 6);
  });

  it('Basel zones and the normal quantile', () => {
    expect([4, 5, 9, 10].map(baselZone)).toEqual(['green', 'yellow', 'yellow', 'red']);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
  });
});

describe('VaR backtest', () => {
  const points = pricePath(2000);

  it('each VaR uses only data up to its date: removing later rows changes nothing', () => {
    const full = backtestVar(points, { horizonDays: 1, level: 0.99 });
    const cut = backtestVar(points.slice(0, 1200), { horizonDays: 1, level: 0.99 });
    expect(cut.windows.length).toBeGreaterThan(900);
    expect(cut.windows).toEqual(full.windows.slice(0, cut.windows.length));
    const full5 = backtestVar(points, { horizonDays: 5, level: 0.95 });
    const cut5 = backtestVar(points.slice(0, 1200), { horizonDays: 5, level: 0.95 });
    expect(cut5.windows).toEqual(full5.windows.slice(0, cut5.windows.length));
  });

  it('realized is 1 − next/current over the horizon, windows do not overlap, ES ≥ VaR', () => {
    const r = backtestVar(points, { horizonDays: 5, level: 0.95 });
    const w = r.windows[3]!;
    const i = points.findIndex((p) => p.date === w.date);
    expect(w.realized).toBeCloseTo(1 - points[i + 5]!.value / points[i]!.value, 12);
    expect(points.findIndex((p) => p.date === r.windows[4]!.date)).toBe(i + 5);
    expect(r.windows.every((x) => x.es >= x.var && x.var > 0)).toBe(true);
    expect(r.exceedances).toBe(r.windows.filter((x) => x.realized > x.var).length);
  });

  it('filtered HS follows a volatility regime change that plain HS and the normal baseline miss', () => {
    const fhs = backtestVar(points, { horizonDays: 1, level: 0.99, method: 'fhs' });
    const normal = backtestVar(points, { horizonDays: 1, level: 0.99, method: 'normal' });
    expect(fhs.kupiecP).toBeGreaterThan(0.05);
    expect(fhs.exceedances).toBeLessThan(normal.exceedances);
  });

  it('the CLI prints exactly the documented JSON object and rejects bad input clearly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'risk-bt-'));
    const file = join(dir, 'p.csv');
    await writeFile(file, `day,close\n${points.map((p) => `${p.date},${p.value}`).join('\n')}\n`);
    const ok = await cli([
      'risk',
      'backtest',
      '--csv',
      file,
      '--value-col',
      'close',
      '--horizon-days',
      '1',
      '--level',
      '0.95',
      '--since',
      '2012-01-01',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.out) as Record<string, unknown> & { windows: { date: string }[] };
    expect(Object.keys(json)).toEqual(['level', 'horizonDays', 'windows', 'exceedances', 'kupiecP', 'christoffersenP']);
    expect(Object.keys(json.windows[0]!)).toEqual(['date', 'var', 'es', 'realized']);
    expect(json.windows[0]!.date >= '2012-01-01').toBe(true);
    const bad = await cli([
      'risk',
      'backtest',
      '--csv',
      file,
      '--value-col',
      'nope',
      '--horizon-days',
      '1',
      '--level',
      '0.95',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/nope/u);
    const badLevel = await cli([
      'risk',
      'backtest',
      '--csv',
      file,
      '--value-col',
      'close',
      '--horizon-days',
      '1',
      '--level',
      '0.9',
    ]);
    expect(badLevel.code).not.toBe(0);
  });
});

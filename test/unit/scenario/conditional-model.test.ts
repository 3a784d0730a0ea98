import { describe, expect, it } from 'vitest';
import { conditionalEffects } from '../../../src/scenario/conditional-effects.js';
import { conditionalBand } from '../../../src/scenario/conditional-model.js';
import { replayEpisode } from '../../../src/scenario/historical-replays.js';
import { addMonths, buildPanel } from '../../../src/scenario/monthly-panel.js';
import { runScenarioBacktest } from '../../../src/scenario/scenario-backtest.js';
import { shrunkCovariance } from '../../../src/scenario/shrunk-covariance.js';
import { gaussian } from '../../fakes/random-walk.js';

/** KOSPI falls 1.5% for every 1% the won weakens, plus independent noise; US 10y moves on its own (in %p). */
function syntheticPanel(months: number, seed = 7) {
  const z = gaussian(seed);
  const fx = [1000];
  const eq = [2000];
  const rate = [3];
  for (let i = 1; i < months; i++) {
    const dfx = 0.03 * z();
    fx.push(fx[i - 1]! * Math.exp(dfx));
    eq.push(eq[i - 1]! * Math.exp(-1.5 * dfx + 0.02 * z()));
    rate.push(rate[i - 1]! + 0.2 * z());
  }
  const date = (i: number) => `${addMonths('1990-01', i)}-15`;
  return buildPanel([
    { indicatorId: 'usdkrw', points: fx.map((value, i) => ({ date: date(i), value })) },
    { indicatorId: 'kospi', points: eq.map((value, i) => ({ date: date(i), value })) },
    { indicatorId: 'us10y', points: rate.map((value, i) => ({ date: date(i), value })) },
  ]);
}

describe('conditional model', () => {
  it('Ledoit–Wolf keeps variances and shrinks correlations toward zero', () => {
    const z = gaussian(3);
    const rows = Array.from({ length: 40 }, () => {
      const a = z();
      return [a, 0.5 * a + z(), z()];
    });
    const { cov, shrinkage } = shrunkCovariance(rows);
    expect(shrinkage).toBeGreaterThan(0);
    expect(shrinkage).toBeLessThan(1);
    const n = rows.length;
    const mean0 = rows.reduce((s, r) => s + r[0]!, 0) / n;
    const var0 = rows.reduce((s, r) => s + (r[0]! - mean0) ** 2, 0) / (n - 1);
    expect(cov[0]![0]).toBeCloseTo(var0, 10);
  });

  it('conditioning on a shock moves the target by the joint slope and narrows its band', () => {
    const z = gaussian(11);
    const rows = Array.from({ length: 400 }, () => {
      const s = z();
      return [s, -1.5 * s + 0.5 * z()];
    });
    const settings = { band: 'gaussian' as const, window: 0, scale: 1, overlapping: true };
    const cond = conditionalBand(rows, [2], settings);
    const uncond = conditionalBand(
      rows.map((r) => [r[1]!]),
      [],
      settings,
    );
    expect(cond.median).toBeCloseTo(-3, 0);
    expect(cond.high - cond.low).toBeLessThan((uncond.high - uncond.low) / 2);
  });

  it('backtests out of sample with bands that hold on data the model describes', () => {
    const panel = syntheticPanel(360);
    const r = runScenarioBacktest(panel, { shocks: ['usdkrw'], target: 'kospi', horizon: 1, since: '2005-01' });
    expect(r.windows.length).toBeGreaterThan(100);
    expect(r.windows[0]).toMatchObject({ date: '2005-01' });
    expect(r.coverage80).toBeGreaterThan(0.7);
    expect(r.coverage80).toBeLessThan(0.9);
    expect(r.maeConditional).toBeLessThan(r.maeUnconditional * 0.8);
    // Shocks and realized moves are the data's own simple % moves over the horizon.
    const w = r.windows[0]!;
    const i = panel.months.indexOf('2005-01');
    expect(w.shocks.usdkrw).toBeCloseTo(100 * (panel.levels.usdkrw![i + 1]! / panel.levels.usdkrw![i]! - 1), 10);
    expect(w.realized).toBeCloseTo(100 * (panel.levels.kospi![i + 1]! / panel.levels.kospi![i]! - 1), 10);
  });

  it('a fit never sees moves after its origin: changing the future leaves earlier windows unchanged', () => {
    const panel = syntheticPanel(360);
    const a = runScenarioBacktest(panel, { shocks: ['usdkrw'], target: 'kospi', horizon: 1, since: '2005-01' });
    const cut = panel.months.indexOf('2010-01');
    const altered = structuredClone(panel);
    for (let i = cut + 1; i < altered.months.length; i++) altered.levels.kospi![i]! *= 1.5;
    const b = runScenarioBacktest(altered, { shocks: ['usdkrw'], target: 'kospi', horizon: 1, since: '2005-01' });
    const before = (ws: typeof a.windows) =>
      ws.filter((w) => w.date < '2010-01').map(({ low, median, high }) => [low, median, high]);
    expect(before(b.windows)).toEqual(before(a.windows));
  });

  it('effects give rates in %p and prices in %, and replays report each indicator with data', () => {
    const panel = syntheticPanel(240);
    const { effects } = conditionalEffects(panel, 3, [{ indicatorId: 'usdkrw', move: 10, unit: '%' }]);
    const kospi = effects.find((e) => e.indicatorId === 'kospi')!;
    expect(kospi.unit).toBe('%');
    expect(kospi.median).toBeLessThan(-8);
    expect(effects.find((e) => e.indicatorId === 'us10y')?.unit).toBe('%p');
    const replay = replayEpisode(panel, { id: 'x', nameKo: 'x', nameEn: 'x', from: '2000-02', to: '2000-04' });
    expect(replay.moves.map((m) => m.indicatorId).sort()).toEqual(['kospi', 'us10y', 'usdkrw']);
    const i0 = panel.months.indexOf('2000-01');
    expect(replay.moves.find((m) => m.indicatorId === 'us10y')!.move).toBeCloseTo(
      panel.levels.us10y![i0 + 3]! - panel.levels.us10y![i0]!,
      10,
    );
    expect(replay.missing).toContain('vix');
  });
});

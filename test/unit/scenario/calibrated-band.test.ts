import { describe, expect, it } from 'vitest';
import { calibratedBand, fitAtOrigin, pastWindows } from '../../../src/scenario/calibrated-band.js';
import { conditionalBand, DEFAULT_SETTINGS } from '../../../src/scenario/conditional-model.js';
import { addMonths, buildPanel } from '../../../src/scenario/monthly-panel.js';
import { fitRows, movesAt } from '../../../src/scenario/joint-rows.js';
import { runScenarioBacktest } from '../../../src/scenario/scenario-backtest.js';
import { shrunkCovariance } from '../../../src/scenario/shrunk-covariance.js';
import { studentTQuantile } from '../../../src/scenario/student-t.js';
import { gaussian } from '../../fakes/random-walk.js';

/** KOSPI moves −1.5× the won plus fat-tailed noise (a Gaussian scaled by a random regime). */
function panel(months: number, seed = 5) {
  const z = gaussian(seed);
  const fx = [1000];
  const eq = [2000];
  for (let i = 1; i < months; i++) {
    const d = 0.03 * z();
    fx.push(fx[i - 1]! * Math.exp(d));
    eq.push(eq[i - 1]! * Math.exp(-1.5 * d + 0.02 * z() * (i % 40 < 10 ? 2 : 1)));
  }
  const date = (i: number) => `${addMonths('1990-01', i)}-15`;
  return buildPanel([
    { indicatorId: 'usdkrw', points: fx.map((value, i) => ({ date: date(i), value })) },
    { indicatorId: 'kospi', points: eq.map((value, i) => ({ date: date(i), value })) },
  ]);
}

describe('round-2 band candidates (docs/scenario-round2-rules.md)', () => {
  it('Student-t quantiles match the tables', () => {
    expect(studentTQuantile(0.9, 5)).toBeCloseTo(1.475884, 5);
    expect(studentTQuantile(0.9, 30)).toBeCloseTo(1.310415, 5);
  });

  it('weights of one leave the Ledoit–Wolf fit exactly as without weights; EWMA weights favour recent rows', () => {
    const z = gaussian(9);
    const rows = Array.from({ length: 50 }, (_, i) => [z(), z() + (i < 10 ? 5 : 0)]);
    expect(
      shrunkCovariance(
        rows,
        rows.map(() => 1),
      ),
    ).toEqual(shrunkCovariance(rows));
    const ewma = shrunkCovariance(
      rows,
      rows.map((_, i) => 0.5 ** (i / 5)),
    );
    expect(ewma.mean[1]).toBeGreaterThan(shrunkCovariance(rows).mean[1]!);
  });

  it('the default settings serve the plain Gaussian band (no calibration, no fallback)', () => {
    const p = panel(300);
    const moveAt = movesAt(p, ['usdkrw', 'kospi'], 3);
    const fit = fitAtOrigin(200, 3, [1], DEFAULT_SETTINGS, moveAt)!;
    expect(calibratedBand(fit, pastWindows(3, 1, DEFAULT_SETTINGS, moveAt, 200), DEFAULT_SETTINGS)).toEqual(
      fit.cond.band,
    );
    // The same band as the model before round 2: Gaussian conditioning on the unweighted 60-month fit.
    expect(fit.cond.band).toEqual(conditionalBand(fitRows(200, 3, DEFAULT_SETTINGS, moveAt), [1], DEFAULT_SETTINGS));
  });

  it('a conformal band at an origin uses only windows whose realized moves ended by it', () => {
    const p = panel(360);
    const settings = { ...DEFAULT_SETTINGS, calibration: { lookback: 60, symmetric: false } };
    const a = runScenarioBacktest(p, { shocks: ['usdkrw'], target: 'kospi', horizon: 3, since: '2005-01', settings });
    const cut = p.months.indexOf('2010-01');
    const altered = structuredClone(p);
    for (let i = cut + 1; i < altered.months.length; i++) altered.levels.kospi![i]! *= 1 + 0.3 * Math.sin(i);
    const b = runScenarioBacktest(altered, {
      shocks: ['usdkrw'],
      target: 'kospi',
      horizon: 3,
      since: '2005-01',
      settings,
    });
    const early = (ws: typeof a.windows) =>
      ws.filter((w) => addMonths(w.date, 3) <= '2010-01').map(({ low, median, high }) => [low, median, high]);
    expect(early(b.windows)).toEqual(early(a.windows));
    expect(a.coverage80).toBeGreaterThan(0.7);
    expect(a.coverage80).toBeLessThan(0.9);
  });

  it('the median fallback serves the unconditional median when the shock carried no information', () => {
    const z = gaussian(21);
    const months = 300;
    const fx = [1000];
    const eq = [2000];
    for (let i = 1; i < months; i++) {
      fx.push(fx[i - 1]! * Math.exp(0.03 * z()));
      eq.push(eq[i - 1]! * Math.exp(0.05 * z()));
    }
    const date = (i: number) => `${addMonths('1990-01', i)}-15`;
    const p = buildPanel([
      { indicatorId: 'usdkrw', points: fx.map((value, i) => ({ date: date(i), value })) },
      { indicatorId: 'kospi', points: eq.map((value, i) => ({ date: date(i), value })) },
    ]);
    const settings = { ...DEFAULT_SETTINGS, medianFallback: { lookback: 60 } };
    const moveAt = movesAt(p, ['usdkrw', 'kospi'], 1);
    const past = pastWindows(1, 1, settings, moveAt, 250);
    expect(past.every((w) => w.end <= 250)).toBe(true);
    const fit = fitAtOrigin(250, 1, [20], settings, moveAt)!;
    const recent = past.slice(-60);
    const noGain = recent.reduce((a, w) => a + w.errCond, 0) >= recent.reduce((a, w) => a + w.errUncond, 0);
    const band = calibratedBand(fit, past, settings);
    expect(band.median).toBeCloseTo(noGain ? fit.uncond.center : fit.cond.center, 12);
    expect(band.high - band.low).toBeCloseTo(fit.cond.band.high - fit.cond.band.low, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { resampleMonthEnd } from '../../src/data/resample.js';
import type { Point } from '../../src/data/series.js';
import { dailyHistory, dailyVolatilityScale, isDaily } from '../../src/forecast/selection/daily-vol-scale.js';
import { analyseSeries, DEFAULT_SELECTION } from '../../src/forecast/selection/selection-core.js';
import { randomWalk } from '../fakes/random-walk.js';

/** 21 trading days a month from 1990-01, a random walk whose volatility doubles in the second half. */
function dailyPoints(months: number, seed: number): Point[] {
  const calm = randomWalk(months * 21, seed, 0.01);
  const out: Point[] = [];
  for (let m = 0; m < months; m += 1) {
    const month = `${1990 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (let d = 0; d < 21; d += 1) {
      const i = m * 21 + d;
      const wobble = m >= months / 2 ? Math.exp(0.01 * Math.sin(3.1 * i)) : 1;
      out.push({ date: `${month}-${String(d + 1).padStart(2, '0')}`, value: calm[i]! * wobble });
    }
  }
  return out;
}

describe('selection forecaster, round 5 daily realised-volatility scale (not served)', () => {
  const daily = dailyPoints(400, 7);
  const monthly = resampleMonthEnd(daily);
  const d = dailyHistory(daily, monthly, Math.log);

  it('is sqrt(21) times the EWMA of squared daily log changes of the months before the origin', () => {
    expect(isDaily(daily, monthly.length)).toBe(true);
    expect(isDaily(monthly, monthly.length)).toBe(false);
    const t = 200;
    let v = Number.NaN;
    for (let i = 1; i < t * 21; i += 1) {
      const c = Math.log(daily[i]!.value) - Math.log(daily[i - 1]!.value);
      v = Number.isNaN(v) ? c * c : 0.97 * v + 0.03 * c * c;
    }
    const scale = dailyVolatilityScale(d, monthly.length, 0.97);
    expect(scale(t)).toBeCloseTo(Math.sqrt(21 * v), 12);
    // 63 daily changes (3 months of 21 days, less the first day) are needed: none at origins 1..3.
    expect(scale(3)).toBeNaN();
    expect(scale(4)).toBeGreaterThan(0);
  });

  it('skips days with no log (a negative close) and tags each day with its month', () => {
    const bad = daily.map((p, i) => (i === 50 ? { ...p, value: -3 } : p));
    const h = dailyHistory(bad, monthly, Math.log);
    expect(h.y.length).toBe(daily.length - 1);
    expect(h.month[0]).toBe(0);
    expect(h.month[h.month.length - 1]).toBe(monthly.length - 1);
  });

  it('uses nothing after the origin: perturbing later days changes no scale and no band up to it', () => {
    const t = 300;
    const later = (p: Point, i: number) => (i >= t * 21 ? { ...p, value: p.value * Math.exp(0.3 * Math.sin(i)) } : p);
    const daily2 = daily.map(later);
    const monthly2 = resampleMonthEnd(daily2);
    const d2 = dailyHistory(daily2, monthly2, Math.log);
    const a = dailyVolatilityScale(d, monthly.length, 0.94);
    const b = dailyVolatilityScale(d2, monthly2.length, 0.94);
    for (let o = 0; o <= t; o += 1) expect(Object.is(a(o), b(o)) || a(o) === b(o)).toBe(true);
    expect(b(t + 1)).not.toBe(a(t + 1));

    const settings = { ...DEFAULT_SELECTION, dailyVolLambda: 0.94 };
    const y = Float64Array.from(monthly, (p) => Math.log(p.value));
    const y2 = Float64Array.from(monthly2, (p) => Math.log(p.value));
    const full = analyseSeries(y, { H: 6, settings, volScaling: true, daily: d, logs: true });
    const moved = analyseSeries(y2, { H: 6, settings, volScaling: true, daily: d2, logs: true });
    const monthlyScale = analyseSeries(y, { H: 6, volScaling: true, logs: true });
    for (const o of [150, 250, t]) expect(moved.bandOffsets(o, 6)).toEqual(full.bandOffsets(o, 6));
    // The daily scale is used: the band differs from the monthly EWMA's.
    expect(full.bandOffsets(t, 6)).not.toEqual(monthlyScale.bandOffsets(t, 6));
  });
});

import { describe, expect, it } from 'vitest';
import { ar1Changes } from '../../src/forecast/selection/ar1-changes.js';
import { MENU, type MenuMethod } from '../../src/forecast/selection/menu.js';
import { analyseSeries } from '../../src/forecast/selection/selection-core.js';
import { gaussian } from '../fakes/random-walk.js';

const run = (method: MenuMethod, y: readonly number[], H: number, end = y.length) => {
  const out = new Float64Array(H);
  method(Float64Array.from(y), end, H, out);
  return [...out];
};

/** Monthly averages of a daily random walk (21 days a month): the shape of the H.15 yield or a Pink Sheet price. */
function averagedWalk(months: number, seed: number): number[] {
  const z = gaussian(seed);
  let x = 5;
  return Array.from({ length: months }, () => {
    let sum = 0;
    for (let d = 0; d < 21; d += 1) {
      x += 0.05 * z();
      sum += x;
    }
    return sum / 21;
  });
}

describe('selection menu, round 6 AR(1) on monthly changes (not served)', () => {
  it('continues autocorrelated changes: y_T + sum_k phi^k d_T with phi near the true 0.6', () => {
    const z = gaussian(11);
    const y = [0];
    let d = 0;
    for (let t = 1; t < 600; t += 1) {
      d = 0.6 * d + z();
      y.push(y[t - 1]! + d);
    }
    const f = run(ar1Changes(240), y, 6);
    const last = y[599]! - y[598]!;
    const phi = (f[0]! - y[599]!) / last;
    expect(phi).toBeGreaterThan(0.5);
    expect(phi).toBeLessThan(0.7);
    let level = y[599]!;
    f.forEach((v, k) => {
      level += phi ** (k + 1) * last;
      expect(v).toBeCloseTo(level, 9);
    });
    // The path keeps moving the way the last change went, by less each month.
    expect(Math.sign(f[5]! - y[599]!)).toBe(Math.sign(last));
  });

  it('on averaged random walks it finds phi about 0.25 and beats naive one month ahead', () => {
    const y = averagedWalk(700, 5);
    const method = ar1Changes(120);
    let se = 0;
    let seNaive = 0;
    let phis = 0;
    for (let t = 200; t < 700; t += 1) {
      const [f] = run(method, y, 1, t);
      phis += (f! - y[t - 1]!) / (y[t - 1]! - y[t - 2]!);
      se += (y[t]! - f!) ** 2;
      seNaive += (y[t]! - y[t - 1]!) ** 2;
    }
    expect(phis / 500).toBeGreaterThan(0.15);
    expect(phis / 500).toBeLessThan(0.35);
    expect(se / seNaive).toBeLessThan(0.97);
  });

  it('caps persistence at 0.9, and with the mean it carries a straight line on', () => {
    const quadratic = Array.from({ length: 200 }, (_, t) => 0.01 * t * t);
    const f = run(ar1Changes(120), quadratic, 3);
    expect((f[2]! - f[1]!) / (f[1]! - f[0]!)).toBeCloseTo(0.9, 9);
    const line = Array.from({ length: 100 }, (_, t) => 3 + 2 * t);
    expect(run(ar1Changes(120, true), line, 3)).toEqual([203, 205, 207].map((v) => expect.closeTo(v, 9)));
    // Without the mean, constant changes have an uncentred slope of 1: capped, the steps shrink by 0.9 a month.
    expect(run(ar1Changes(120), line, 3)).toEqual([202.8, 204.42, 205.878].map((v) => expect.closeTo(v, 9)));
    // Fewer than 24 changes: naive.
    expect(run(ar1Changes(120), quadratic.slice(0, 20), 2)).toEqual([quadratic[19], quadratic[19]]);
  });

  it('uses nothing after the origin: perturbing later months changes no forecast, alone or in the composite', () => {
    const y = averagedWalk(420, 9);
    const cut = 330;
    const changed = y.map((v, i) => (i >= cut ? v + 3 * Math.sin(i) : v));
    for (const m of [ar1Changes(120), ar1Changes(240), ar1Changes(120, true)]) {
      expect(run(m, changed, 12, cut)).toEqual(run(m, y, 12, cut));
    }
    const menu = [...MENU, { name: 'ar1-diff-120', run: ar1Changes(120) }];
    const a = analyseSeries(Float64Array.from(y), { H: 12, menu, firstOrigin: 200 });
    const b = analyseSeries(Float64Array.from(changed), { H: 12, menu, firstOrigin: 200 });
    for (let t = 200; t <= cut; t += 1) {
      expect(b.path(t, 12)).toEqual(a.path(t, 12));
      expect(b.bandOffsets(t, 12)).toEqual(a.bandOffsets(t, 12));
    }
  });

  it('reads at most the menu window: months before end - window change nothing', () => {
    const y = averagedWalk(400, 3);
    const changed = y.map((v, i) => (i < 400 - 240 ? v - 7 * Math.cos(i) : v));
    expect(run(ar1Changes(240), changed, 12)).toEqual(run(ar1Changes(240), y, 12));
    expect(run(ar1Changes(120, true), changed, 12)).toEqual(run(ar1Changes(120, true), y, 12));
  });
});

import type { MenuMethod } from './menu.js';
import type { SelectionSettings } from './selection-settings.js';

export type Menu = readonly { name: string; run: MenuMethod }[];

/** The composite median at every origin t in [first, n] and step k (0-based), and what made it. */
export interface CompositeMedian {
  /** Method m's forecast of step k from origin t. */
  forecast(m: number, t: number, k: number): number;
  /** The mean of the chosen methods' forecasts. */
  composite(t: number, k: number): number;
  /** The menu indices averaged into the composite. */
  picks(t: number, k: number): readonly number[];
}

/**
 * Step 1: every menu method at every origin t in [first, n], H steps each, at (t - first) * H + k. Kept in `cache`
 * per method (the caller's: same y, H and first origin), so variants that differ only in settings, or menus that
 * share methods, do not refit them.
 */
export function menuForecasts(
  y: Float64Array,
  menu: Menu,
  first: number,
  H: number,
  cache?: Map<string, Float64Array[]>,
): Float64Array[] {
  const n = y.length;
  const buf = new Float64Array(H);
  return menu.map(({ name, run }) => {
    const cacheKey = `${n}|${first}|${H}|${name}`;
    const cached = cache?.get(cacheKey);
    if (cached) return cached[0]!;
    const f = new Float64Array((n - first + 1) * H);
    for (let t = first; t <= n; t += 1) {
      run(y, t, H, buf);
      f.set(buf, (t - first) * H);
    }
    cache?.set(cacheKey, [f]);
    return f;
  });
}

/**
 * Step 2: prefix sums over origins of each method's absolute step-k error, [m][k][t - first + 1]. An origin
 * whose target is not observed adds 0: the scoring windows only ever reach origins whose targets are.
 */
function absErrorSums(y: Float64Array, F: readonly Float64Array[], first: number, H: number): Float64Array[][] {
  const n = y.length;
  const T = n - first + 1;
  return F.map((f) =>
    Array.from({ length: H }, (_, k) => {
      const c = new Float64Array(T + 1);
      for (let t = first; t <= n; t += 1) {
        const target = t + k;
        const e = target < n ? Math.abs(y[target]! - f[(t - first) * H + k]!) : 0;
        c[t - first + 1] = c[t - first]! + e;
      }
      return c;
    }),
  );
}

/**
 * Step 3: per origin and step, the mean of the `top` methods with the lowest mean absolute error over the
 * trailing scoreWindow origins whose step-k outcome is known at t (s + k < t); naive's alone when fewer than
 * minScored are, or when `naiveOnly`.
 */
export function compositeMedian(
  y: Float64Array,
  F: readonly Float64Array[],
  menu: Menu,
  first: number,
  H: number,
  s: SelectionSettings,
  naiveOnly: boolean,
): CompositeMedian {
  const n = y.length;
  const M = menu.length;
  const idx = (t: number, k: number) => (t - first) * H + k;
  const cum = absErrorSums(y, F, first, H);
  const naiveIndex = Math.max(
    0,
    menu.findIndex((x) => x.name === 'naive'),
  );
  const C = new Float64Array((n - first + 1) * H);
  const picks: number[][] = new Array(C.length);
  const scores = new Float64Array(M);
  const order = Array.from({ length: M }, (_, i) => i);
  for (let t = first; t <= n; t += 1) {
    for (let k = 0; k < H; k += 1) {
      const hi = t - 1 - k; // last origin whose step-k target y[hi + k] is observed at t
      const lo = Math.max(first, hi - s.scoreWindow + 1);
      let chosen: number[];
      if (hi - lo + 1 < s.minScored || naiveOnly) chosen = [naiveIndex];
      else {
        for (let m = 0; m < M; m += 1) scores[m] = cum[m]![k]![hi - first + 1]! - cum[m]![k]![lo - first]!;
        order.sort((a, b) => scores[a]! - scores[b]! || a - b);
        chosen = order.slice(0, s.top);
      }
      let sum = 0;
      for (const m of chosen) sum += F[m]![idx(t, k)]!;
      C[idx(t, k)] = sum / chosen.length;
      picks[idx(t, k)] = chosen;
    }
  }
  return {
    forecast: (m, t, k) => F[m]![idx(t, k)]!,
    composite: (t, k) => C[idx(t, k)]!,
    picks: (t, k) => picks[idx(t, k)]!,
  };
}

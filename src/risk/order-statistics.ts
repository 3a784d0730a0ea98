/**
 * The k-th smallest values of `values` for several ranks at once, exactly what a full ascending sort would hold at
 * those ranks, found by quickselect in O(n) per rank instead of O(n log n): the fan chart needs five ranks of each
 * of twelve months, and sorting twelve 10,000-path arrays was a quarter of the portfolio computation.
 * `values` is reordered in place (pass a scratch copy).
 */
export function orderStatistics(values: Float64Array, ranks: readonly number[]): number[] {
  const order = [...ranks].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let lo = 0;
  for (const k of order) {
    select(values, k, lo, values.length - 1);
    out.set(k, values[k]!);
    // Everything left of k is ≤ values[k], so the next (larger) rank lies at or right of k.
    lo = k;
  }
  return ranks.map((k) => out.get(k)!);
}

/** Hoare-partition quickselect with median-of-three pivots: afterwards a[k] is the k-th smallest of a[lo..hi]. */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot guards against sorted input (paths are not sorted, but cheap insurance).
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i += 1;
      while (a[j]! > pivot) j -= 1;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i += 1;
        j -= 1;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

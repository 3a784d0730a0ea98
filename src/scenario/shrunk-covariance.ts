/**
 * Ledoit–Wolf shrinkage of a covariance matrix (Ledoit & Wolf 2004, "A well-conditioned estimator for
 * large-dimensional covariance matrices"), applied to the correlation matrix so that indicators in different
 * units (% and %p) shrink alike; the target is the identity (no correlation). Rows are observations.
 */
export interface ShrunkCovariance {
  mean: number[];
  cov: number[][];
  /** Shrinkage intensity in [0, 1] toward zero correlation. */
  shrinkage: number;
}

/**
 * `weights` (optional, one per row, e.g. EWMA by age) weight the mean, the correlations and the shrinkage; the
 * sample size in the Ledoit–Wolf intensity is then the effective one, (Σw)²/Σw². Without weights every row counts 1.
 */
export function shrunkCovariance(rows: readonly (readonly number[])[], weights?: readonly number[]): ShrunkCovariance {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n < 3 || p === 0) throw new Error(`shrunkCovariance needs at least 3 rows, got ${n}`);
  const w = weights ?? rows.map(() => 1);
  const sw = w.reduce((a, b) => a + b, 0);
  const nEff = weights ? sw ** 2 / w.reduce((a, b) => a + b * b, 0) : n;
  const avg = (f: (r: readonly number[], i: number) => number) => rows.reduce((s, r, i) => s + w[i]! * f(r, i), 0) / sw;
  const mean = Array.from({ length: p }, (_, j) => avg((r) => r[j]!));
  const sd = Array.from({ length: p }, (_, j) => Math.sqrt(avg((r) => (r[j]! - mean[j]!) ** 2)) || 1e-12);
  const z = rows.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  const s = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => avg((_r, k) => z[k]![i]! * z[k]![j]!)),
  );
  let pi = 0;
  let gamma = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const sij = s[i]![j]!;
      pi += avg((_r, k) => (z[k]![i]! * z[k]![j]! - sij) ** 2);
      gamma += (sij - (i === j ? 1 : 0)) ** 2;
    }
  }
  const shrinkage = gamma > 0 ? Math.max(0, Math.min(1, pi / gamma / nEff)) : 1;
  // Unbiased scaling (n - 1) so a two-variable fit matches the textbook regression residual variance.
  const scale = nEff / (nEff - 1);
  const cov = s.map((row, i) => row.map((v, j) => (i === j ? 1 : (1 - shrinkage) * v) * sd[i]! * sd[j]! * scale));
  return { mean, cov, shrinkage };
}

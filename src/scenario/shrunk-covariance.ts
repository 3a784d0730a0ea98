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

export function shrunkCovariance(rows: readonly (readonly number[])[]): ShrunkCovariance {
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  if (n < 3 || p === 0) throw new Error(`shrunkCovariance needs at least 3 rows, got ${n}`);
  const mean = Array.from({ length: p }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const sd = Array.from(
    { length: p },
    (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1e-12,
  );
  const z = rows.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  const s = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => z.reduce((acc, r) => acc + r[i]! * r[j]!, 0) / n),
  );
  let pi = 0;
  let gamma = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const sij = s[i]![j]!;
      pi += z.reduce((acc, r) => acc + (r[i]! * r[j]! - sij) ** 2, 0) / n;
      gamma += (sij - (i === j ? 1 : 0)) ** 2;
    }
  }
  const shrinkage = gamma > 0 ? Math.max(0, Math.min(1, pi / gamma / n)) : 1;
  // Unbiased scaling (n - 1) so a two-variable fit matches the textbook regression residual variance.
  const scale = n / (n - 1);
  const cov = s.map((row, i) => row.map((v, j) => (i === j ? 1 : (1 - shrinkage) * v) * sd[i]! * sd[j]! * scale));
  return { mean, cov, shrinkage };
}

/**
 * The Student-t quantile a fat-tailed band needs, without a statistics dependency: the density is integrated
 * numerically (Simpson) and the quantile found by bisection. Accurate to ~1e-6 for ν ≥ 2, enough for a band width.
 */
function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9).
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function cdfAbove0(x: number, nu: number): number {
  const logC = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  const f = (u: number) => Math.exp(logC - ((nu + 1) / 2) * Math.log(1 + (u * u) / nu));
  const n = 400;
  const step = x / n;
  let s = f(0) + f(x);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i * step);
  return 0.5 + (s * step) / 3;
}

/** The q-quantile (q > 0.5) of a standard Student-t with ν degrees of freedom. */
export function studentTQuantile(q: number, nu: number): number {
  let lo = 0;
  let hi = 50;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdfAbove0(mid, nu) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

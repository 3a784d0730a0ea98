import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** x·ln(y) with 0·ln(0) = 0, as the likelihood ratios need when a count is zero. */
const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * Math.log(y));

/** Kupiec's proportion-of-failures test: do exceedances occur at the rate 1 − level? p-value of LR ~ χ²(1). */
export function kupiecP(hits: readonly boolean[], level: number): number {
  const n = hits.length;
  const x = hits.filter(Boolean).length;
  if (n === 0) return 1;
  const p = 1 - level;
  const phat = x / n;
  const lr = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p) - xlogy(n - x, 1 - phat) - xlogy(x, phat));
  return 1 - chisquareCdf(Math.max(lr, 0), 1);
}

/** Christoffersen's independence test: is an exceedance more likely the day after one? p-value of LR ~ χ²(1). */
export function christoffersenP(hits: readonly boolean[]): number {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let i = 1; i < hits.length; i += 1) {
    if (hits[i - 1]) {
      if (hits[i]) n11 += 1;
      else n10 += 1;
    } else if (hits[i]) n01 += 1;
    else n00 += 1;
  }
  const total = n00 + n01 + n10 + n11;
  if (total === 0 || n01 + n11 === 0) return 1;
  const pi = (n01 + n11) / total;
  const pi0 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi1 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const restricted = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const unrestricted = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  return 1 - chisquareCdf(Math.max(-2 * (restricted - unrestricted), 0), 1);
}

/** Basel (1996) traffic light for 250 one-day 99% forecasts: green up to 4 exceedances, yellow up to 9, else red. */
export function baselZone(exceedances: number): 'green' | 'yellow' | 'red' {
  return exceedances <= 4 ? 'green' : exceedances <= 9 ? 'yellow' : 'red';
}

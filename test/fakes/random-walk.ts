import { normalQuantile } from '../../src/forecast/baselines/empirical-quantiles.js';

/** Deterministic LCG uniforms mapped to normals: the same paths on every machine. */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return normalQuantile(Math.min(Math.max(s / 4294967296, 1e-9), 1 - 1e-9));
  };
}

/** A geometric random walk with log-step sigma: a series where "no change" is the best point forecast. */
export function randomWalk(n: number, seed: number, sigma = 0.04, start = 100): number[] {
  const z = gaussian(seed);
  const out = [start];
  for (let i = 1; i < n; i += 1) out.push(out[i - 1]! * Math.exp(sigma * z()));
  return out;
}

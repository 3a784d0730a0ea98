import { pathToFileURL } from 'node:url';
import { BASELINE_NAMES, createBaselineForecaster } from '../src/forecast/baselines/index.js';
import type { ForecastInput } from '../src/forecast/forecaster.js';
import { percentile } from './stats.js';

function series(i: number): number[] {
  let v = 100 + i;
  return Array.from({ length: 240 }, (_, t) => (v *= Math.exp(0.003 + 0.04 * Math.sin(t * 1.7 + i))));
}

/** Baselines: forecasts per second at horizon 12 on 240-month histories (in-sample errors included). */
export async function run(): Promise<void> {
  console.log('# baselines (horizon 12, 240-month histories, empirical quantiles from their own past errors)');
  const batch: ForecastInput[] = Array.from({ length: 200 }, (_, i) => ({
    values: series(i),
    horizon: 12,
    seasonPeriod: 12,
  }));
  for (const name of BASELINE_NAMES) {
    const f = createBaselineForecaster(name);
    await f.forecast(batch.slice(0, 20)); // warm-up (JIT)
    const times: number[] = [];
    let done = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      const t = performance.now();
      await f.forecast([batch[done % batch.length]!]);
      times.push(performance.now() - t);
      done += 1;
    }
    const t1 = performance.now();
    let batched = 0;
    while (performance.now() - t1 < 1000) {
      await f.forecast(batch);
      batched += batch.length;
    }
    const perSec = batched / ((performance.now() - t1) / 1000);
    console.log(
      `${name.padEnd(15)} ${Math.round(perSec).toLocaleString('en-US').padStart(8)} forecasts/s (batches of ${batch.length})   single: p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();

import { pathToFileURL } from 'node:url';
import { createBaselineForecaster } from '../src/forecast/baselines/index.js';
import type { ForecastInput, Forecaster } from '../src/forecast/forecaster.js';
import { createModelForecaster } from '../src/forecast/model-forecaster.js';
import { createOnnxForecaster } from '../src/forecast/onnx-forecaster.js';
import { createSelectionForecaster, SELECTION_HISTORY_MONTHS } from '../src/forecast/selection/selection-forecaster.js';
import { percentile } from './stats.js';

const rss = () => process.memoryUsage().rss / 1024 / 1024;

function series(i: number): number[] {
  let v = 100 + i;
  return Array.from({ length: 240 }, (_, t) => (v *= Math.exp(0.003 + 0.04 * Math.sin(t * 1.7 + i))));
}

async function measure(
  label: string,
  model: Forecaster,
  singleRounds: number,
  batchSize: number,
  batchRounds: number,
): Promise<void> {
  const one: ForecastInput[] = [{ values: series(0), horizon: 12 }];
  await model.forecast(one);
  const times: number[] = [];
  for (let i = 0; i < singleRounds; i += 1) {
    const t = performance.now();
    await model.forecast(one);
    times.push(performance.now() - t);
  }
  console.log(
    `${label}: single series, horizon 12: p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms (incl. preprocessing)`,
  );
  const batch: ForecastInput[] = Array.from({ length: batchSize }, (_, i) => ({ values: series(i), horizon: 12 }));
  await model.forecast(batch);
  const t0 = performance.now();
  for (let r = 0; r < batchRounds; r += 1) await model.forecast(batch);
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `${label}: batched (${batchSize} per call): ${Math.round((batchRounds * batch.length) / secs).toLocaleString('en-US')} series/s`,
  );
}

/**
 * ONNX forecaster: single-series latency, batched throughput, and the memory the session adds; for the raw
 * model and for the served one, which also runs the model from the last errorWindow + horizon origins of
 * each series to calibrate it (model-calibration.ts).
 */
export async function run(): Promise<void> {
  console.log('# forecaster (ONNX Transformer via onnxruntime-node, 1 intra-op thread)');
  const before = rss();
  const opts = {
    modelPath: 'models/forecaster.onnx',
    metadataPath: 'models/metadata.json',
    fallback: createBaselineForecaster('drift'),
  };
  const raw = createOnnxForecaster(opts);
  await raw.forecast([{ values: series(0), horizon: 12 }]);
  const after = rss();
  await measure('raw model', raw, 2000, 256, 40);
  console.log(
    `RSS added by loading the session: ${(after - before).toFixed(1)} MB (process RSS ${after.toFixed(1)} MB)`,
  );
  // Cold: no cache, every call runs the model on errorWindow + horizon contexts per series.
  await measure('served, cold (no cache)', createModelForecaster({ ...opts, cacheEntries: 0 }), 100, 32, 5);
  console.log(`process RSS after the cold calibrated runs: ${rss().toFixed(1)} MB`);
  // Warm: the default cache; the same series again costs no model run, only the calibration arithmetic.
  const served = createModelForecaster(opts);
  await measure('served, warm (cache)', served, 500, 32, 20);
  const values = series(0);
  const t = performance.now();
  await served.forecast([{ values: [...values, values[values.length - 1]! * 1.01], horizon: 12 }]);
  console.log(`served, a month later (one new context): ${(performance.now() - t).toFixed(3)} ms`);
  console.log(`process RSS after the warm runs: ${rss().toFixed(1)} MB`);
  await served.close?.();

  // The served method since issue 18: the menu selection, beside the calibrated model above (same series, same run).
  console.log('# selection forecaster (served): menu of 7 classical methods at every origin, bands and track record');
  await measure('selection, cold (no cache)', createSelectionForecaster({ cacheEntries: 0 }), 100, 32, 5);
  const selection = createSelectionForecaster();
  await measure('selection, warm (cache)', selection, 500, 32, 20);
  const s0 = performance.now();
  await selection.forecast([{ values: [...values, values[values.length - 1]! * 1.01], horizon: 12 }]);
  console.log(`selection, a month later (new data version: recomputed): ${(performance.now() - s0).toFixed(3)} ms`);
  // The engine hands the selection up to SELECTION_HISTORY_MONTHS: a long real series costs more origins.
  let v = 100;
  const long = Array.from(
    { length: SELECTION_HISTORY_MONTHS },
    (_, t) => (v *= Math.exp(0.003 + 0.04 * Math.sin(t * 1.7))),
  );
  const cold = createSelectionForecaster({ cacheEntries: 0 });
  await cold.forecast([{ values: long, horizon: 12 }]);
  const longTimes: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const t = performance.now();
    await cold.forecast([{ values: long, horizon: 12 }]);
    longTimes.push(performance.now() - t);
  }
  console.log(
    `selection, cold, ${SELECTION_HISTORY_MONTHS}-month history (what the engine passes): p50 ${percentile(longTimes, 50).toFixed(3)} ms`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();

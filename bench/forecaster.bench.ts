import { pathToFileURL } from 'node:url';
import { createBaselineForecaster } from '../src/forecast/baselines/index.js';
import type { ForecastInput } from '../src/forecast/forecaster.js';
import { createOnnxForecaster } from '../src/forecast/onnx-forecaster.js';
import { percentile } from './stats.js';

const rss = () => process.memoryUsage().rss / 1024 / 1024;

function series(i: number): number[] {
  let v = 100 + i;
  return Array.from({ length: 240 }, (_, t) => (v *= Math.exp(0.003 + 0.04 * Math.sin(t * 1.7 + i))));
}

/** ONNX forecaster: single-series latency, batched throughput, and the memory the session adds. */
export async function run(): Promise<void> {
  console.log('# forecaster (ONNX Transformer via onnxruntime-node, 1 intra-op thread)');
  const before = rss();
  const model = createOnnxForecaster({ modelPath: 'models/forecaster.onnx', metadataPath: 'models/metadata.json', fallback: createBaselineForecaster('drift') });
  const one: ForecastInput[] = [{ values: series(0), horizon: 12 }];
  await model.forecast(one);
  const after = rss();
  const times: number[] = [];
  for (let i = 0; i < 2000; i += 1) {
    const t = performance.now();
    await model.forecast(one);
    times.push(performance.now() - t);
  }
  console.log(`single series, horizon 12: p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms (incl. preprocessing)`);
  const batch: ForecastInput[] = Array.from({ length: 256 }, (_, i) => ({ values: series(i), horizon: 12 }));
  await model.forecast(batch);
  const rounds = 40;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r += 1) await model.forecast(batch);
  const secs = (performance.now() - t0) / 1000;
  console.log(`batched (256 per call): ${Math.round((rounds * batch.length) / secs).toLocaleString('en-US')} series/s`);
  console.log(`RSS added by loading the session: ${(after - before).toFixed(1)} MB (process RSS ${after.toFixed(1)} MB)`);
  await model.close?.();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();

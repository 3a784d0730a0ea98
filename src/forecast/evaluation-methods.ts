import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINE_NAMES, createBaselineForecaster } from './baselines/index.js';
import type { Forecaster } from './forecaster.js';
import { createOnnxForecaster } from './onnx-forecaster.js';

export function defaultModelPath(): string {
  return fileURLToPath(new URL('../../models/forecaster.onnx', import.meta.url));
}

/** The model (with drift as its fallback) and every baseline, keyed as the backtest reports them. */
export function createEvaluationMethods(modelPath = defaultModelPath()): Record<string, Forecaster> {
  const methods: Record<string, Forecaster> = {
    model: createOnnxForecaster({ modelPath, metadataPath: join(dirname(modelPath), 'metadata.json'), fallback: createBaselineForecaster('drift') }),
  };
  for (const name of BASELINE_NAMES) methods[name] = createBaselineForecaster(name);
  return methods;
}

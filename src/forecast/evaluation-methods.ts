import { dirname, join } from 'node:path';
import { BASELINE_NAMES, createBaselineForecaster } from './baselines/index.js';
import type { Forecaster } from './forecaster.js';
import { createModelForecaster } from './model-forecaster.js';
import { createOnnxForecaster } from './onnx-forecaster.js';
import { packagePath } from '../package-root.js';

export function defaultModelPath(): string {
  return packagePath('models', 'forecaster.onnx');
}

/**
 * The served model (calibrated, with drift as its fallback), the raw model before calibration, and every
 * baseline, keyed as the backtest reports them.
 */
export function createEvaluationMethods(modelPath = defaultModelPath()): Record<string, Forecaster> {
  const metadataPath = join(dirname(modelPath), 'metadata.json');
  const methods: Record<string, Forecaster> = {
    model: createModelForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') }),
    'model-raw': createOnnxForecaster({ modelPath, metadataPath, fallback: createBaselineForecaster('drift') }),
  };
  for (const name of BASELINE_NAMES) methods[name] = createBaselineForecaster(name);
  return methods;
}
